import { encodeWebhookBody, signCentraWebhook } from '../../../sandbox/centra-simulator/index.js';

export interface DeliveryOutcome {
  ids: number[];
  status: number | 'network';
  body: string;
  retryAfter: string | null;
  at: number;
}

/** One signed Integration API delivery of order events, as Centra's webhook plugin sends it; never throws. */
export async function deliverOrders(url: string, secret: string, ids: number[], timeoutMs = 10_000): Promise<DeliveryOutcome> {
  const body = encodeWebhookBody({ events: ids.map((id) => ({ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id })) });
  try {
    const res = await fetch(`${url}/webhooks/centra`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': signCentraWebhook(body, secret, Math.floor(Date.now() / 1000)) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ids, status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after'), at: Date.now() };
  } catch (error) {
    return { ids, status: 'network', body: (error as Error).message, retryAfter: null, at: Date.now() };
  }
}

export interface BurstOptions {
  /** The running service's URL, or undefined while it is down (the sender waits, as Centra's retries do). */
  url: () => string | undefined;
  secret: string;
  numbers: number[];
  perDelivery: number;
  /** Pause between two deliveries of one sender, ms. */
  gapMs?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Pause before a refused delivery is sent again, ms. */
  retryMs?: number;
  /** Give up after this long, ms. */
  timeoutMs?: number;
}

export interface BurstResult {
  /** Order numbers whose delivery was answered 200. */
  acked: Set<number>;
  /** Every attempt and its answer. */
  attempts: DeliveryOutcome[];
}

/**
 * Sends `numbers` as deliveries of `perDelivery` events and, like Centra with retries on, sends a delivery again
 * until it is answered 200: refusals (503, a dropped connection while the service is killed) are retried.
 */
export async function burst(options: BurstOptions): Promise<BurstResult> {
  const deliveries: number[][] = [];
  for (let i = 0; i < options.numbers.length; i += options.perDelivery) deliveries.push(options.numbers.slice(i, i + options.perDelivery));
  const acked = new Set<number>();
  const attempts: DeliveryOutcome[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  let next = 0;
  const sender = async () => {
    for (let d = next++; d < deliveries.length; d = next++) {
      for (;;) {
        if (Date.now() > deadline) throw new Error(`delivery ${d} not acknowledged in time; last answers: ${JSON.stringify(attempts.slice(-3))}`);
        const url = options.url();
        if (!url) {
          await sleep(50);
          continue;
        }
        const outcome = await deliverOrders(url, options.secret, deliveries[d]!);
        attempts.push(outcome);
        if (outcome.status === 200) {
          for (const id of outcome.ids) acked.add(id);
          break;
        }
        await sleep(options.retryMs ?? 200);
      }
      if (options.gapMs) await sleep(options.gapMs);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, sender));
  return { acked, attempts };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
