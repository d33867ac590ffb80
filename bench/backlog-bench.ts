import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { sendCentraWebhook, seedOrders, startCentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { startChild } from './child.js';
import type { Figure } from './report.js';

const SECRET = 'bench-secret';

/**
 * A burst of `count` orders (deliveries of 100 events, as Centra batches them) into a running service, against
 * simulators with Centra's and Ometria's default rate limits: drain time, lag, requests per order, peak RSS.
 */
export async function backlogBench(baseEnv: Record<string, string>, dataDir: string, count: number): Promise<Figure[]> {
  const centra = await startCentraSimulator();
  const ometria = await startOmetriaRecorder();
  const { first } = seedOrders(centra.data, { count, seed: 7, heldShare: 0 });
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  const env = {
    ...baseEnv,
    DATA_DIR: dataDir,
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: centra.token,
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: ometria.apiKey,
    CENTRA_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'info',
  };
  const service = await startChild(join(packageRoot(), 'dist/bin/centra-ometria.js'), ['serve'], env);

  const ackedAt = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < numbers.length; i += 100) {
    const slice = numbers.slice(i, i + 100);
    const reply = await sendCentraWebhook({
      url: `${service.url}/webhooks/centra`,
      secret: SECRET,
      payload: { events: slice.map((id) => ({ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id })) },
    });
    if (reply.status !== 200) throw new Error(`delivery refused: ${reply.status} ${reply.body}`);
    for (const id of slice) ackedAt.set(String(id), Date.now());
  }
  const deadline = Date.now() + 10 * 60_000;
  while (ometria.store.all('order').length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const drainSeconds = (Date.now() - started) / 1000;
  const delivered = ometria.store.all('order').length;

  const pushedAt = new Map<string, number>();
  for (const p of ometria.pushes.list()) if (p.status === 202 && p.type === 'order') for (const id of p.ids) if (!pushedAt.has(id)) pushedAt.set(id, p.at);
  const lags = [...ackedAt].flatMap(([id, t]) => (pushedAt.has(id) ? [pushedAt.get(id)! - t] : [])).sort((a, b) => a - b);
  const centraOrderRequests = centra.requests.count((r) => r.operationName === 'OrdersByNumber' && r.status === 200);
  const pushes = ometria.pushes.list().filter((p) => p.status === 202);
  const records = pushes.reduce((n, p) => n + p.records, 0);
  const peak = service.peakRss();
  await service.stop();
  await Promise.all([centra.close(), ometria.close()]);

  const how = `${count} seeded orders sent as ${Math.ceil(count / 100)} deliveries of 100 events into a running service; Centra simulator at 20 req/10 s, Ometria recorder at 4 req/s`;
  return [
    { name: `backlog: orders delivered of ${count}`, value: delivered, unit: 'orders', how },
    { name: 'backlog: drain time', value: round(drainSeconds), unit: 's', how },
    {
      name: 'backlog: orders per Centra request',
      value: round(delivered / Math.max(centraOrderRequests, 1)),
      unit: 'orders/req',
      goal: `= ${baseEnv.CENTRA_BATCH_SIZE ?? 50} (CENTRA_BATCH_SIZE)`,
      how: `${centraOrderRequests} order queries`,
    },
    {
      name: 'backlog: records per Ometria request',
      value: round(records / Math.max(pushes.length, 1)),
      unit: 'records/req',
      goal: '≥ 90',
      how: `${records} records (orders and contacts) in ${pushes.length} pushes`,
    },
    { name: 'backlog: webhook → Ometria lag p50', value: percentile(lags, 0.5), unit: 'ms', how: 'ack of the delivery to the recorder accepting the order' },
    { name: 'backlog: webhook → Ometria lag p99', value: percentile(lags, 0.99), unit: 'ms', how: 'as above' },
    {
      name: 'service peak RSS during the backlog',
      value: Math.round(peak / 1_048_576),
      unit: 'MiB',
      goal: '≤ 150',
      how: 'VmRSS of the service process, sampled every 100 ms',
    },
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
