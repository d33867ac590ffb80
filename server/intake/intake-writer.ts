import type { JobKind } from '../jobs/job-kinds.js';
import type { Store } from '../store/store.js';
import { acceptDeliveries, type AcceptedDelivery, type IncomingDelivery } from './accept-delivery.js';

interface Waiting {
  delivery: IncomingDelivery;
  now: number;
  resolve: (accepted: AcceptedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: deliveries that arrive in the same event-loop turn share one store transaction, and each is
 * answered only after that transaction commits. Under load this amortises the commit; alone, a delivery waits
 * one setImmediate. One commit is in flight at a time: what arrives meanwhile forms the next group, so groups
 * grow with the load instead of queueing for the store one by one. If the commit fails, every delivery in it
 * fails (and is answered 503).
 */
export function createIntakeWriter(store: Store, handled: ReadonlySet<JobKind>) {
  let queue: Waiting[] = [];
  let scheduled = false;
  let committing = false;
  const schedule = () => {
    if (scheduled || committing) return;
    scheduled = true;
    setImmediate(() => void flush());
  };
  const flush = async () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    committing = true;
    try {
      const results = await store.transaction((tx) => acceptDeliveries(tx, batch, handled));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      committing = false;
      if (queue.length > 0) schedule();
    }
  };
  return {
    write(delivery: IncomingDelivery, now: number): Promise<AcceptedDelivery> {
      return new Promise((resolve, reject) => {
        queue.push({ delivery, now, resolve, reject });
        schedule();
      });
    },
  };
}

export type IntakeWriter = ReturnType<typeof createIntakeWriter>;
