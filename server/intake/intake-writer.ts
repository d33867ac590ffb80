import type { JobKind } from '../jobs/job-kinds.js';
import type { Store } from '../store/store.js';
import { acceptDeliveries, signatureCutoff, type AcceptedDelivery, type IncomingDelivery } from './accept-delivery.js';

interface Waiting {
  delivery: IncomingDelivery;
  now: number;
  resolve: (accepted: AcceptedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commits in flight at once. SQLite has one writer, so a second would only queue for its lock. On
 * PostgreSQL a group's ack waits for its round trips (the signatures' look-up, then the one statement that
 * writes the group) and the commit's WAL flush (synchronous_commit on); with two in flight the next group's
 * statements run while the last one flushes, which matters most when the database is another host away
 * (docs/performance.md, "Intake: group commit").
 */
const COMMITS_IN_FLIGHT = { sqlite: 1, postgres: 2 } as const;

/**
 * Group commit: deliveries that arrive in the same event-loop turn are written together, all or none (one
 * statement on PostgreSQL, one transaction on SQLite: accept-delivery.ts), and each is answered only after that
 * write commits. Under load this amortises the commit; alone, a delivery waits
 * one setImmediate. At most COMMITS_IN_FLIGHT groups commit at a time: what arrives meanwhile forms the next
 * group, so groups grow with the load instead of queueing for the store one by one. If the commit fails, every
 * delivery in it fails (and is answered 503).
 */
export function createIntakeWriter(store: Store, handled: ReadonlySet<JobKind>, maxInFlight: number = COMMITS_IN_FLIGHT[store.dialect]) {
  let queue: Waiting[] = [];
  let scheduled = false;
  let committing = 0;
  // Signatures of the groups still committing: a copy of one of those deliveries waits for that commit, then
  // reads it as a replay, so concurrent commits still store it once (issue 15).
  const inFlight = new Set<string>();
  // The signature cut-off a committed group applied (Unix seconds): later groups in the same second skip the delete.
  let forgottenBeforeT = 0;
  const schedule = () => {
    if (scheduled || committing >= maxInFlight) return;
    scheduled = true;
    setImmediate(() => void flush());
  };
  const flush = async () => {
    scheduled = false;
    const batch: Waiting[] = [];
    const held: Waiting[] = [];
    for (const w of queue) (w.delivery.signature && inFlight.has(w.delivery.signature.key) ? held : batch).push(w);
    queue = held;
    if (batch.length === 0) return; // the held ones go when the commit they wait for ends
    const keys = batch.flatMap((w) => (w.delivery.signature ? [w.delivery.signature.key] : []));
    for (const key of keys) inFlight.add(key);
    committing++;
    try {
      const results = await acceptDeliveries(store, batch, handled, forgottenBeforeT);
      forgottenBeforeT = Math.max(forgottenBeforeT, signatureCutoff(batch));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      committing--;
      for (const key of keys) inFlight.delete(key);
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
