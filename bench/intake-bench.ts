import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { benchSchema } from './bench-schema.js';
import { startChild, type Child } from './child.js';
import { load, type LoadResult } from './load.js';
import { pacedLoad } from './paced-load.js';
import { loopDelayProbeArgs, readLoopDelay, type LoopDelay } from './loop-delay.js';
import type { Figure } from './report.js';
import { signedDeliveries } from './signed-deliveries.js';

const SECRET = 'bench-secret';
/** Every round is run this many times and the median reported, so one noisy round cannot set a figure. */
const ROUNDS = 3;

interface Measured {
  result: LoadResult;
  /** The service's event-loop delay during the round (ms). */
  loopDelay?: LoopDelay;
}

/**
 * Intake: the service (worker off, so only intake runs) against bare Express reading the same bodies, each in its
 * own process, flat out, in alternating rounds (the median of each is compared); then ack latency at fixed loads.
 * Every request is a new signed delivery (signed-deliveries.ts). With a PostgreSQL URL, the same service on
 * PostgreSQL (durable acks: bench-schema.ts turns `synchronous_commit` on) runs in the same rounds.
 */
export async function intakeBench(env: Record<string, string>, seconds: number, databaseUrl?: string): Promise<Figure[]> {
  const root = packageRoot();
  const serviceEnv = { ...env, CENTRA_WEBHOOK_SECRET: SECRET, WORKER_ENABLED: 'false', LOG_LEVEL: 'info' };
  const service = (extra: Record<string, string>) =>
    startChild(join(root, 'dist/bin/centra-ometria.js'), ['serve'], { ...serviceEnv, ...extra }, loopDelayProbeArgs());
  const bare = await startChild(join(root, 'dist/bench/bare-server.js'), [], {});
  const sqlite = await service({});
  const schema = databaseUrl ? await benchSchema(databaseUrl) : undefined;
  const postgres = schema ? await service({ DATABASE_URL: schema.url, DATA_DIR: `${env.DATA_DIR}-postgres` }) : undefined;
  const figures: Figure[] = [];
  try {
    for (const events of [1, 5]) {
      const next = signedDeliveries(events, SECRET);
      const flatOut = (child: Child) => measure(child, (url) => load(url, '', {}, { seconds, connections: 10, next }), child !== bare);
      const runs = { bare: [] as Measured[], sqlite: [] as Measured[], postgres: [] as Measured[] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.bare.push(await flatOut(bare));
        runs.sqlite.push(await flatOut(sqlite));
        if (postgres && events === 1) runs.postgres.push(await flatOut(postgres));
      }
      const how = `autocannon, 10 connections, ${ROUNDS} alternating rounds of ${seconds} s (median), a new signed ${events}-event delivery per request; servers in their own processes`;
      const bareRate = median(runs.bare.map((r) => r.result.requestsPerSecond));
      const ourRate = median(runs.sqlite.map((r) => r.result.requestsPerSecond));
      figures.push(
        { name: `intake ${events}-event delivery, bare Express`, value: Math.round(bareRate), unit: 'req/s', how },
        {
          name: `intake ${events}-event delivery, centra-ometria`,
          value: Math.round(ourRate),
          unit: 'req/s',
          how: `${how}; each delivery committed to SQLite before the 200`,
          errors: errors(runs.sqlite),
        },
        {
          name: `intake ${events}-event ratio to bare Express`,
          value: round(ourRate / bareRate),
          unit: 'ratio',
          goal: '≥ 0.75',
          how: 'medians of the same run',
        },
        {
          name: `intake ${events}-event event-loop delay p99`,
          value: median(runs.sqlite.map((r) => r.loopDelay!.p99)),
          unit: 'ms',
          how: `${how}; monitorEventLoopDelay in the service process (bench/loop-delay-probe.ts), median of the rounds`,
        },
      );
      if (postgres && events === 1) {
        const pgRate = median(runs.postgres.map((r) => r.result.requestsPerSecond));
        figures.push(
          {
            name: 'intake 1-event delivery, PostgreSQL',
            value: Math.round(pgRate),
            unit: 'req/s',
            how: `${how}; each delivery committed to PostgreSQL (synchronous_commit on) before the 200`,
            errors: errors(runs.postgres),
          },
          {
            name: 'intake PostgreSQL / SQLite',
            value: round(pgRate / ourRate),
            unit: 'ratio',
            goal: '≥ 0.5',
            how: 'medians of the same run, synchronous_commit on',
          },
        );
      }
    }
    const next = signedDeliveries(1, SECRET);
    for (const rate of [200, 1000]) {
      const runs: Measured[] = [];
      const bareRuns: Measured[] = [];
      // Alternating, as the flat-out rounds: the bare server's tail is this machine's floor at the same rate.
      for (let round = 0; round < ROUNDS; round++) {
        const paced = (url: string) => pacedLoad(url, { seconds, rate, next });
        bareRuns.push(await measure(bare, paced, false));
        runs.push(await measure(sqlite, paced, true));
      }
      const how = `bench/paced-load.ts: evenly spaced arrivals at ${rate}/s after 1 s of warm-up, latency from each request's due time, ${ROUNDS} rounds of ${seconds} s alternating with bare Express (median of each figure), a new 1-event delivery per request`;
      const at = (pick: (m: Measured) => number, of = runs) => median(of.map(pick));
      figures.push(
        { name: `ack latency p50 at ${rate}/s`, value: at((m) => m.result.p50), unit: 'ms', how, errors: errors(runs) },
        { name: `ack latency p99 at ${rate}/s`, value: at((m) => m.result.p99), unit: 'ms', goal: rate === 1000 ? '≤ 5' : undefined, how },
        { name: `ack latency max at ${rate}/s`, value: at((m) => m.result.max), unit: 'ms', how },
        { name: `ack latency p99 at ${rate}/s, bare Express`, value: at((m) => m.result.p99, bareRuns), unit: 'ms', how, errors: errors(bareRuns) },
        {
          name: `event-loop delay p99 at ${rate}/s`,
          value: at((m) => m.loopDelay!.p99),
          unit: 'ms',
          how: `${how}; monitorEventLoopDelay in the service process`,
        },
      );
    }
  } finally {
    await Promise.all([bare.stop(), sqlite.stop(), postgres?.stop()]);
    await schema?.drop();
  }
  return figures;
}

/** One round of `round` against the child's webhook URL; with `probed`, the child's event-loop delay over just that round. */
async function measure(child: Child, round: (url: string) => Promise<LoadResult>, probed: boolean): Promise<Measured> {
  if (probed) await readLoopDelay(child);
  const result = await round(`${child.url}/webhooks/centra`);
  return probed ? { result, loopDelay: await readLoopDelay(child) } : { result };
}

const errors = (runs: Measured[]) => runs.reduce((n, r) => n + r.result.non2xx + r.result.errors, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n * 1000) / 1000;
