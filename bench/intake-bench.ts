import { join } from 'node:path';
import { encodeWebhookBody, signCentraWebhook } from '../sandbox/centra-simulator/index.js';
import { packageRoot } from '../server/package-root.js';
import { startChild } from './child.js';
import { load } from './load.js';
import type { Figure } from './report.js';

const SECRET = 'bench-secret';
const ROUNDS = 3;

const delivery = (events: number) =>
  encodeWebhookBody({
    events: Array.from({ length: events }, (_, i) => ({ type: 'order', action: 'update', date: '2024-06-03 16:00:00.000000', id: 1000 + i })),
  });

/**
 * Intake: the service (worker off, so only intake runs) against bare Express reading the same body, each in its
 * own process, flat out, in alternating rounds (the median of each is compared); then ack latency at fixed loads.
 */
export async function intakeBench(env: Record<string, string>, seconds: number): Promise<Figure[]> {
  const root = packageRoot();
  const headers = (body: string) => ({
    'content-type': 'application/x-www-form-urlencoded',
    'x-centra-signature': signCentraWebhook(body, SECRET, Math.floor(Date.now() / 1000)),
  });
  const bare = await startChild(join(root, 'dist/bench/bare-server.js'), [], {});
  const service = await startChild(join(root, 'dist/bin/centra-ometria.js'), ['serve'], {
    ...env,
    CENTRA_WEBHOOK_SECRET: SECRET,
    WORKER_ENABLED: 'false',
    LOG_LEVEL: 'info',
  });
  const figures: Figure[] = [];
  try {
    for (const events of [1, 5]) {
      const body = delivery(events);
      const bareRuns: number[] = [];
      const ourRuns: number[] = [];
      let errors = 0;
      for (let round = 0; round < ROUNDS; round++) {
        bareRuns.push((await load(`${bare.url}/webhooks/centra`, body, headers(body), { seconds, connections: 10 })).requestsPerSecond);
        const ours = await load(`${service.url}/webhooks/centra`, body, headers(body), { seconds, connections: 10 });
        ourRuns.push(ours.requestsPerSecond);
        errors += ours.non2xx + ours.errors;
      }
      const how = `autocannon, 10 connections, ${ROUNDS} alternating rounds of ${seconds} s (median), a signed ${events}-event delivery; servers in their own processes`;
      figures.push(
        { name: `intake ${events}-event delivery, bare Express`, value: Math.round(median(bareRuns)), unit: 'req/s', how },
        {
          name: `intake ${events}-event delivery, centra-ometria`,
          value: Math.round(median(ourRuns)),
          unit: 'req/s',
          how: `${how}; each delivery committed to SQLite before the 200`,
          errors,
        },
        {
          name: `intake ${events}-event ratio to bare Express`,
          value: round(median(ourRuns) / median(bareRuns)),
          unit: 'ratio',
          goal: '≥ 0.75',
          how: 'medians of the same run',
        },
      );
    }
    const body = delivery(1);
    for (const rate of [200, 1000]) {
      const result = await load(`${service.url}/webhooks/centra`, body, headers(body), { seconds, connections: 20, rate });
      const how = `autocannon overallRate ${rate}/s, 20 connections, ${seconds} s, 1-event delivery`;
      figures.push(
        { name: `ack latency p50 at ${rate}/s`, value: result.p50, unit: 'ms', how, errors: result.non2xx + result.errors },
        { name: `ack latency p99 at ${rate}/s`, value: result.p99, unit: 'ms', goal: rate === 1000 ? '≤ 5' : undefined, how },
        { name: `ack latency max at ${rate}/s`, value: result.max, unit: 'ms', how },
      );
    }
  } finally {
    await Promise.all([bare.stop(), service.stop()]);
  }
  return figures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n * 1000) / 1000;
