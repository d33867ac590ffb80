import { seedOrders, sendCentraWebhook, startCentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { remotesEnv, startFleet } from './fleet.js';
import { load } from './load.js';
import type { Figure } from './report.js';
import { signedDeliveries } from './signed-deliveries.js';

const SECRET = 'bench-secret';
/** Ometria's push rate raised so Ometria does not bound end-to-end throughput; Centra unthrottled for the same reason. */
const PUSH_RATE = 50;

interface Setup {
  label: string;
  replicas: number;
  postgres: boolean;
}

const SETUPS: Setup[] = [
  { label: 'SQLite, 1 process', replicas: 1, postgres: false },
  { label: 'PostgreSQL, 1 replica', replicas: 1, postgres: true },
  { label: 'PostgreSQL, 3 replicas', replicas: 3, postgres: true },
];

/**
 * Issue 9: intake and end-to-end throughput for 1 and 3 replicas on PostgreSQL beside SQLite, same machine, same
 * run. All processes share the machine's cores with the load generator and the simulators, so on 2 cores three
 * replicas measure contention as much as scaling.
 */
export async function replicasBench(
  baseEnv: Record<string, string>,
  databaseUrl: string | undefined,
  options: { seconds: number; orders: number },
): Promise<Figure[]> {
  if (!databaseUrl) {
    console.log('replicas: skipped (no BENCH_DATABASE_URL or TEST_DATABASE_URL; .ci/postgres.sh starts one)');
    return [];
  }
  const figures: Figure[] = [];
  for (const setup of SETUPS) {
    figures.push(await intake(baseEnv, databaseUrl, setup, options.seconds));
    figures.push(await endToEnd(baseEnv, databaseUrl, setup, options.orders));
  }
  // Issue 17: three replicas must keep at least 0.9 of one replica's rate, at intake and end to end.
  const rate = (name: string) => figures.find((f) => f.name === name)!.value;
  for (const stage of ['intake', 'end to end']) {
    figures.push({
      name: `replicas: ${stage}, PostgreSQL 3 replicas / 1 replica`,
      value: Math.round((rate(`replicas: ${stage}, PostgreSQL, 3 replicas`) / rate(`replicas: ${stage}, PostgreSQL, 1 replica`)) * 1000) / 1000,
      unit: 'ratio',
      goal: '≥ 0.9',
      how: 'the two rates above, same run',
    });
  }
  return figures;
}

async function intake(baseEnv: Record<string, string>, databaseUrl: string, setup: Setup, seconds: number): Promise<Figure> {
  const fleet = await startFleet({ ...baseEnv, CENTRA_WEBHOOK_SECRET: SECRET, WORKER_ENABLED: 'false', LOG_LEVEL: 'info' }, databaseUrl, setup);
  try {
    // A new signed delivery per request: one body sent over and over would measure the replay path (issue 15).
    const next = signedDeliveries(1, SECRET);
    // 12 connections in all, split over the replicas, as a load balancer would spread them.
    const results = await Promise.all(fleet.children.map((c) => load(`${c.url}/webhooks/centra`, '', {}, { seconds, connections: 12 / setup.replicas, next })));
    return {
      name: `replicas: intake, ${setup.label}`,
      value: Math.round(results.reduce((n, r) => n + r.requestsPerSecond, 0)),
      unit: 'req/s',
      how: `autocannon, 12 connections split over ${setup.replicas} process(es), ${seconds} s, a new signed 1-event delivery per request, worker off; each acked after its commit; ${setup.postgres ? 'PostgreSQL 15 on the same cores, synchronous_commit on' : 'SQLite in the process'}`,
      errors: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
    };
  } finally {
    await fleet.stop();
  }
}

async function endToEnd(baseEnv: Record<string, string>, databaseUrl: string, setup: Setup, count: number): Promise<Figure> {
  const centra = await startCentraSimulator({ rateLimit: false });
  const ometria = await startOmetriaRecorder({ ratePerSecond: PUSH_RATE });
  const { first } = seedOrders(centra.data, { count, seed: 5, heldShare: 0 });
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  const fleet = await startFleet(
    {
      ...baseEnv,
      ...remotesEnv(centra, ometria, SECRET),
      OMETRIA_PUSH_RATE: String(PUSH_RATE),
      CENTRA_RATE_LIMIT_10S: '100000',
      CENTRA_RATE_LIMIT_HOUR: '1000000',
      LOG_LEVEL: 'info',
    },
    databaseUrl,
    setup,
  );
  try {
    const started = Date.now();
    const deliveries: number[][] = [];
    for (let i = 0; i < numbers.length; i += 50) deliveries.push(numbers.slice(i, i + 50));
    await Promise.all(
      deliveries.map(async (ids, d) => {
        const url = fleet.children[d % fleet.children.length]!.url;
        const reply = await sendCentraWebhook({
          url: `${url}/webhooks/centra`,
          secret: SECRET,
          payload: { events: ids.map((id) => ({ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id })) },
        });
        if (reply.status !== 200) throw new Error(`delivery refused: ${reply.status} ${reply.body}`);
      }),
    );
    const deadline = Date.now() + 10 * 60_000;
    while (ometria.store.all('order').length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const seconds = (Date.now() - started) / 1000;
    return {
      name: `replicas: end to end, ${setup.label}`,
      value: Math.round(ometria.store.all('order').length / seconds),
      unit: 'orders/s',
      how: `${count} orders in deliveries of 50 spread over ${setup.replicas} process(es), first webhook to last order in the recorder; Centra unthrottled, Ometria at ${PUSH_RATE} pushes/s`,
    };
  } finally {
    await fleet.stop();
    await Promise.all([centra.close(), ometria.close()]);
  }
}
