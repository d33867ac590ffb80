import type { JobKind } from '../jobs/job-kinds.js';
import type { StoredEvent } from '../store/delivery-store.js';
import type { JobRequest } from '../store/job-store.js';
import type { Store } from '../store/store.js';
import { deadLetterEvent, type EventDeadLetter } from './dead-letter-event.js';
import { routeEvent } from './event-routing.js';
import { unusableEntityId } from './usable-entity-id.js';

export type DeliveryShape = 'integration' | 'checkout' | 'storefront';

/** A webhook body read into its events (http/parse-delivery.ts); `invalid` says why an event cannot be used. */
export interface ParsedDelivery {
  shape: DeliveryShape;
  events: Array<Omit<StoredEvent, 'state' | 'reason'> & { invalid?: string }>;
}

export interface AcceptedDelivery {
  deliveryId: number;
  /** The signature was accepted before: nothing was stored, `deliveryId` is the first delivery's (issue 15). */
  replayed: boolean;
  counts: Record<StoredEvent['state'], number>;
  /** Events intake could not use, each dead-lettered (the webhook route raises their alerts after the commit). */
  rejected: Array<{ type: string; reason: string } & EventDeadLetter>;
}

export interface IncomingDelivery {
  parsed: ParsedDelivery;
  rawBody: Buffer;
  signatureT: number | null;
  /** The verified signature ("<t>.<v1>") and when remembered ones may be forgotten (Unix seconds). */
  signature?: { key: string; forgetBeforeT: number };
}

/** A delivery and when it arrived (Unix ms). */
export interface TimedDelivery {
  delivery: IncomingDelivery;
  now: number;
}

/** Stores the raw delivery, its events and their jobs, all or none (acceptDeliveries). */
export async function acceptDelivery(store: Store, delivery: IncomingDelivery, handled: ReadonlySet<JobKind>, now: number): Promise<AcceptedDelivery> {
  return (await acceptDeliveries(store, [{ delivery, now }], handled))[0]!;
}

/**
 * Stores deliveries as if accepted one after another, with a statement per table for all of them rather than
 * one per event (issue 17): the rows, ids and answers are those of acceptDelivery in turn. The group's rows are
 * written all or none: on PostgreSQL by one statement, without BEGIN and COMMIT (delivery-store.ts insertMany),
 * and in a transaction when events are dead-lettered with them. Signatures older than the group's cut-off
 * (signatureCutoff) are forgotten afterwards unless `forgottenBeforeT` says that cut-off was applied already: it
 * moves once a second, so a busy intake deletes once a second rather than once per group.
 */
export async function acceptDeliveries(
  store: Store,
  incoming: readonly TimedDelivery[],
  handled: ReadonlySet<JobKind>,
  forgottenBeforeT = 0,
): Promise<AcceptedDelivery[]> {
  // Read before the write, as a transaction at READ COMMITTED would: a copy in the same group, or one committed
  // earlier on any replica, is a replay; the signatures' primary key keeps the first of two stored at once.
  const keys = incoming.flatMap(({ delivery }) => (delivery.signature ? [delivery.signature.key] : []));
  const acceptedBefore = keys.length > 0 ? await store.deliveries.acceptedSignatures(keys) : new Map<string, number>();
  const answers: Array<AcceptedDelivery | { replayOf: number }> = [];
  const stored: Array<{ at: number; timed: TimedDelivery; events: StoredEvent[] }> = [];
  const firstInGroup = new Map<string, number>();
  const jobs: JobRequest[] = [];
  for (const timed of incoming) {
    const key = timed.delivery.signature?.key;
    const before = key === undefined ? undefined : acceptedBefore.get(key);
    if (before !== undefined) {
      answers.push({ deliveryId: before, replayed: true, counts: emptyCounts(), rejected: [] });
      continue;
    }
    const earlier = key === undefined ? undefined : firstInGroup.get(key);
    if (earlier !== undefined) {
      answers.push({ replayOf: earlier });
      continue;
    }
    if (key !== undefined) firstInGroup.set(key, stored.length);
    const events = classify(timed.delivery.parsed.events, handled, timed.now, jobs);
    answers.push({ deliveryId: 0, replayed: false, counts: emptyCounts(), rejected: [] });
    stored.push({ at: answers.length - 1, timed, events });
  }
  const write = async (tx: Store): Promise<number[]> => {
    const ids = await tx.deliveries.insertMany(
      stored.map(({ timed, events }) => ({
        receivedAt: timed.now,
        signatureT: timed.delivery.signatureT,
        signatureKey: timed.delivery.signature?.key,
        shape: timed.delivery.parsed.shape,
        rawBody: timed.delivery.rawBody,
        events,
      })),
      jobs,
    );
    for (const [n, { at, timed, events }] of stored.entries()) {
      const accepted = answers[at] as AcceptedDelivery;
      accepted.deliveryId = ids[n]!;
      for (const e of events) accepted.counts[e.state]++;
      for (const [index, e] of events.entries()) {
        if (e.state !== 'rejected') continue;
        const letter = await deadLetterEvent(
          tx,
          { type: e.type, action: e.action, entityId: e.entityId, reason: e.reason! },
          { deliveryId: accepted.deliveryId, index },
          timed.now,
        );
        accepted.rejected.push({ type: e.type, reason: e.reason!, ...letter });
      }
    }
    return ids;
  };
  const deadLetters = stored.some(({ events }) => events.some((e) => e.state === 'rejected'));
  const ids = stored.length === 0 ? [] : deadLetters ? await store.transaction(write) : await write(store);
  const cutoff = signatureCutoff(stored.map((s) => s.timed));
  if (cutoff > forgottenBeforeT) await store.deliveries.forgetSignatures(cutoff);
  return answers.map((a) => ('replayOf' in a ? { deliveryId: ids[a.replayOf]!, replayed: true, counts: emptyCounts(), rejected: [] } : a));
}

/**
 * Before when a group's signatures may be forgotten (Unix seconds; 0 = none signed): cut-offs grow with arrival, so
 * the latest is the last delivery's, and the same rows go as when applied in turn.
 */
export function signatureCutoff(deliveries: readonly TimedDelivery[]): number {
  return deliveries.reduce((latest, { delivery }) => Math.max(latest, delivery.signature?.forgetBeforeT ?? 0), 0);
}

/** What becomes of each event; the jobs of queued ones are added to `jobs`. */
function classify(events: ParsedDelivery['events'], handled: ReadonlySet<JobKind>, now: number, jobs: JobRequest[]): StoredEvent[] {
  return events.map((e) => {
    // A malformed event, or one whose id Centra cannot have, is refused alone: the rest of the delivery goes on.
    const invalid = e.invalid ?? (e.entityId === null ? undefined : unusableEntityId(e.type, e.entityId));
    if (invalid) return { type: e.type, action: e.action, entityId: e.entityId, state: 'rejected', reason: invalid };
    const route = routeEvent(e.type, e.entityId ?? '', handled);
    if (route.state === 'queued') jobs.push({ kind: route.kind, entityKey: route.entityKey, now });
    return { type: e.type, action: e.action, entityId: e.entityId, state: route.state, reason: null };
  });
}

const emptyCounts = (): AcceptedDelivery['counts'] => ({ queued: 0, pending: 0, ignored: 0, rejected: 0 });

/** Queues the pending events of types whose handler now runs (docs/design.md D16). */
export function queuePendingEvents(store: Store, handled: ReadonlySet<JobKind>, types: readonly string[], now: number): Promise<number> {
  return store.transaction(async (tx) => {
    let queued = 0;
    for (const e of await tx.deliveries.pendingEvents(types)) {
      const route = routeEvent(e.type, e.entity_id, handled);
      if (route.state !== 'queued') continue;
      await tx.jobs.enqueue(route.kind, route.entityKey, now);
      await tx.deliveries.markQueued(e.id);
      queued++;
    }
    return queued;
  });
}
