import { seedOrders, sendCentraWebhook, startCentraSimulator, type CentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { RATE_LIMITED_REMOTES } from '../server/metrics/metrics.js';
import { LATE_SEND_MS } from '../server/remote/rate-limiter.js';
import { scrapeMetrics } from '../test/helpers/prometheus-scrape.js';
import { remotesEnv, startFleet } from './fleet.js';
import type { Figure } from './report.js';
import { writeTrace } from './remote-trace.js';

const SECRET = 'bench-secret';
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
/** Round trips of the real services as seen from a shop's cloud region, ms (issue 17). */
const CENTRA_RTT_MS = 150;
const OMETRIA_RTT_MS = 100;
/** Centra's lowest documented quota (docs/design.md D13): a bucket of 20 requests refilled at 20 per 10 s. */
const CENTRA_PER_10S = 20;
const CENTRA_PER_HOUR = 3600;
/** Ometria's push limit, requests/s (docs/design.md O2); the recorder's bucket holds one second's worth. */
const OMETRIA_PER_SECOND = 4;
/** CENTRA_BATCH_SIZE's default and Ometria's records per push (docs/design.md D12, O1). */
const ORDERS_PER_REQUEST = 50;
const RECORDS_PER_PUSH = 100;
const GOAL = 0.9;

interface Run {
  seconds: number;
  orders: number;
  centraRequests: number;
  pushes: number;
  refused: number;
  boundSeconds: number;
  /** Sends of the fleet that booked their slot again because they were late for it (design.md D13). */
  slotsRebooked: number;
}

/**
 * Issue 17.5: end-to-end throughput with the remotes at their real limits and round trips, as a share of the bound
 * those limits set, for 1 and 3 replicas on PostgreSQL. Here the fleet waits on Centra and Ometria, not on the
 * machine's cores, so the share says whether scale-out keeps the remotes busy (docs/scaling.md).
 */
export async function remoteLatencyBench(
  baseEnv: Record<string, string>,
  databaseUrl: string | undefined,
  options: { orders: number; trace?: string | undefined },
): Promise<Figure[]> {
  if (!databaseUrl) {
    console.log('remote-latency: skipped (no BENCH_DATABASE_URL or TEST_DATABASE_URL; .ci/postgres.sh starts one)');
    return [];
  }
  const figures: Figure[] = [];
  const shares: number[] = [];
  for (const replicas of [1, 3]) {
    const run = await endToEnd(baseEnv, databaseUrl, replicas, options.orders, options.trace);
    const share = round3(run.boundSeconds / run.seconds);
    shares.push(share);
    figures.push({
      name: `remote latency: end to end, ${replicas} replica${replicas > 1 ? 's' : ''} / remote bound`,
      value: share,
      unit: 'of bound',
      goal: `≥ ${GOAL}`,
      how:
        `${run.orders} orders in webhooks of 50 spread over ${replicas} process(es) on PostgreSQL, first webhook to last order in the recorder: ` +
        `${run.seconds.toFixed(1)} s against a bound of ${run.boundSeconds.toFixed(1)} s. Centra simulator at ${CENTRA_PER_10S} requests/10 s with ${CENTRA_RTT_MS} ms per request, ` +
        `Ometria recorder at ${OMETRIA_PER_SECOND} pushes/s with ${OMETRIA_RTT_MS} ms per request; ${run.centraRequests} Centra requests, ${run.pushes} pushes. ` +
        `Bound: the Centra requests ${run.orders} orders need at ${ORDERS_PER_REQUEST} per request after the full bucket, or the pushes at ${RECORDS_PER_PUSH} records each after Ometria's, whichever is longer, plus the last order's fetch and its two pushes`,
      errors: run.refused,
    });
    figures.push({
      name: `remote latency: rate slots re-booked, ${replicas} replica${replicas > 1 ? 's' : ''}`,
      value: run.slotsRebooked,
      unit: 'slots',
      how: `centra_ometria_rate_slots_rebooked_total over the measured run, summed over the fleet and both remotes: sends that gave back their slot and booked again because their timer fired, or their booking ended, more than ${LATE_SEND_MS} ms after it`,
    });
  }
  figures.push({
    name: 'remote latency: end to end, 3 replicas / 1 replica',
    value: round3(shares[1]! / shares[0]!),
    unit: 'ratio',
    goal: `≥ ${GOAL}`,
    how: 'the two shares above, same run',
  });
  return figures;
}

async function endToEnd(baseEnv: Record<string, string>, databaseUrl: string, replicas: number, count: number, traceDir: string | undefined): Promise<Run> {
  const centra = await startCentraSimulator({ rateLimit: { requestsPer10s: CENTRA_PER_10S, requestsPerHour: CENTRA_PER_HOUR } });
  const ometria = await startOmetriaRecorder({ ratePerSecond: OMETRIA_PER_SECOND });
  centra.faults.latencyMs = CENTRA_RTT_MS;
  ometria.faults.latencyMs(OMETRIA_RTT_MS);
  // One more order per replica, to warm it up before the measured run.
  const { first } = seedOrders(centra.data, { count: count + replicas, seed: 5, heldShare: 0 });
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  const fleet = await startFleet(
    {
      ...baseEnv,
      ...remotesEnv(centra, ometria, SECRET),
      OMETRIA_PUSH_RATE: String(OMETRIA_PER_SECOND),
      CENTRA_RATE_LIMIT_10S: String(CENTRA_PER_10S),
      CENTRA_RATE_LIMIT_HOUR: String(CENTRA_PER_HOUR),
      LOG_LEVEL: 'info',
      METRICS_TOKEN,
    },
    databaseUrl,
    { replicas, postgres: true },
  );
  try {
    await warmUp(fleet.children, first + count, ometria);
    await quietRemotes(centra, ometria);
    const requestsBefore = centra.requests.count();
    const pushesBefore = ometria.pushes.count();
    const rebookedBefore = await slotsRebooked(fleet.children);
    const started = Date.now();
    const deliveries: number[][] = [];
    for (let i = 0; i < numbers.length; i += 50) deliveries.push(numbers.slice(i, i + 50));
    // Two deliveries in flight per replica, as Centra's webhook plugin sends them: a few at a time, not all at once.
    let next = 0;
    await Promise.all(
      Array.from({ length: 2 * replicas }, async () => {
        for (let d = next++; d < deliveries.length; d = next++) {
          await sendOrders(fleet.children[d % replicas]!.url, deliveries[d]!);
        }
      }),
    );
    const deadline = Date.now() + 10 * 60_000;
    const synced = () => ometria.store.all('order').length - replicas;
    while (synced() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (Date.now() - started) / 1000;
    const pushes = ometria.pushes.list().slice(pushesBefore);
    if (traceDir) writeTrace(traceDir, `remote-latency-${replicas}`, started, centra.requests.list().slice(requestsBefore), pushes);
    return {
      seconds,
      orders: synced(),
      centraRequests: centra.requests.count() - requestsBefore,
      pushes: pushes.length,
      refused: centra.requests.count((r) => r.status === 429) + ometria.pushes.rateLimited(),
      boundSeconds: remoteBound(count, pushes),
      slotsRebooked: (await slotsRebooked(fleet.children)) - rebookedBefore,
    };
  } finally {
    await fleet.stop();
    await Promise.all([centra.close(), ometria.close()]);
  }
}

/**
 * The least time the remotes allow for `orders` orders, s: Centra's requests beyond its bucket at its refill rate,
 * or Ometria's pushes beyond one second's worth at 4/s (each record type in full pushes), whichever is longer; then
 * the last order still needs its fetch and its contact and order pushes.
 */
function remoteBound(orders: number, pushes: ReadonlyArray<{ type?: string; records: number; status: number }>): number {
  const centraSeconds = Math.max(0, Math.ceil(orders / ORDERS_PER_REQUEST) - CENTRA_PER_10S) / (CENTRA_PER_10S / 10);
  const recordsByType = new Map<string, number>();
  for (const p of pushes) if (p.status < 300) recordsByType.set(p.type ?? '', (recordsByType.get(p.type ?? '') ?? 0) + p.records);
  const fullPushes = [...recordsByType.values()].reduce((n, records) => n + Math.ceil(records / RECORDS_PER_PUSH), 0);
  const ometriaSeconds = Math.max(0, fullPushes - OMETRIA_PER_SECOND) / OMETRIA_PER_SECOND;
  return Math.max(centraSeconds, ometriaSeconds) + (CENTRA_RTT_MS + 2 * OMETRIA_RTT_MS) / 1000;
}

/**
 * Sends each replica one order and waits for it in the recorder: a process's first Centra document waits for its
 * schema introspection, and its first quota read follows (docs/design.md D13). Those happen once per process
 * start, not per order, so they are done before the measured run, as on a service that has been running.
 */
async function warmUp(children: ReadonlyArray<{ url: string }>, firstNumber: number, ometria: OmetriaRecorder): Promise<void> {
  for (const [i, child] of children.entries()) await sendOrders(child.url, [firstNumber + i]);
  const deadline = Date.now() + 60_000;
  while (ometria.store.all('order').length < children.length) {
    if (Date.now() > deadline) throw new Error("bench warm-up: an order did not reach the recorder within 60 s; check the replicas' logs");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One webhook with an order `create` event per number, to a replica; anything but a 200 stops the bench. */
async function sendOrders(replicaUrl: string, numbers: readonly number[]): Promise<void> {
  const reply = await sendCentraWebhook({
    url: `${replicaUrl}/webhooks/centra`,
    secret: SECRET,
    timeoutMs: 30_000,
    payload: { events: numbers.map((id) => ({ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id })) },
  });
  if (reply.status !== 200) throw new Error(`bench webhook refused by the fleet: ${reply.status} ${reply.body}; check the replica's log`);
}

/**
 * Waits until neither remote has had a request for a whole window (start-up's schema check and quota reads), so
 * every run starts with full buckets and an empty calendar window, as the bound assumes.
 */
async function quietRemotes(centra: CentraSimulator, ometria: OmetriaRecorder): Promise<void> {
  const lastAt = () => Math.max(centra.requests.last()?.time ?? 0, ometria.pushes.list().at(-1)?.at ?? 0);
  while (Date.now() - lastAt() < 10_500) await new Promise((r) => setTimeout(r, 250));
}

/** The fleet's centra_ometria_rate_slots_rebooked_total, every remote, summed over the replicas' /metrics. */
async function slotsRebooked(children: ReadonlyArray<{ url: string }>): Promise<number> {
  const name = 'centra_ometria_rate_slots_rebooked_total';
  let total = 0;
  for (const child of children) {
    const scraped = await scrapeMetrics(`${child.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
    if (scraped.labelSets(name).length !== RATE_LIMITED_REMOTES.length) throw new Error(`bench: no ${name} per remote in a replica's /metrics`);
    for (const remote of RATE_LIMITED_REMOTES) total += scraped.value(name, { remote });
  }
  return total;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
