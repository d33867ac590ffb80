import type { JobKind } from '../store/job-store.js';
import type { Store } from '../store/store.js';
import { acceptDelivery, type AcceptedDelivery, type IncomingDelivery } from './accept-delivery.js';

interface Waiting {
  delivery: IncomingDelivery;
  now: number;
  resolve: (accepted: AcceptedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: deliveries that arrive in the same event-loop turn share one SQLite transaction, and each is
 * answered only after that transaction commits. Under load this amortises the commit; alone, a delivery waits
 * one setImmediate. If the commit fails, every delivery in it fails (and is answered 503).
 */
export function createIntakeWriter(store: Store, handled: ReadonlySet<JobKind>) {
  let queue: Waiting[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    let results: AcceptedDelivery[];
    try {
      results = store.transaction(() => batch.map((w) => acceptDelivery(store, w.delivery, handled, w.now)));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  };
  return {
    write(delivery: IncomingDelivery, now: number): Promise<AcceptedDelivery> {
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ delivery, now, resolve, reject });
      });
    },
  };
}

export type IntakeWriter = ReturnType<typeof createIntakeWriter>;
