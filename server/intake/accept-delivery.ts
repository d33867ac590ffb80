import type { JobKind } from '../jobs/job-kinds.js';
import type { StoredEvent } from '../store/delivery-store.js';
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

/**
 * Stores the raw delivery, its events and their jobs. Call inside a transaction with its `tx` store
 * (intake-writer.ts): all or none.
 */
export async function acceptDelivery(tx: Store, delivery: IncomingDelivery, handled: ReadonlySet<JobKind>, now: number): Promise<AcceptedDelivery> {
  const counts = { queued: 0, pending: 0, ignored: 0, rejected: 0 };
  // Inside the intake transaction: two copies in one group commit, or on two replicas, still store once.
  const first = delivery.signature ? await tx.deliveries.acceptedSignature(delivery.signature.key) : undefined;
  if (first !== undefined) return { deliveryId: first, replayed: true, counts, rejected: [] };
  const events: StoredEvent[] = [];
  for (const e of delivery.parsed.events) {
    // A malformed event, or one whose id Centra cannot have, is refused alone: the rest of the delivery goes on.
    const invalid = e.invalid ?? (e.entityId === null ? undefined : unusableEntityId(e.type, e.entityId));
    if (invalid) {
      events.push({ type: e.type, action: e.action, entityId: e.entityId, state: 'rejected', reason: invalid });
      continue;
    }
    const route = routeEvent(e.type, e.entityId ?? '', handled);
    if (route.state === 'queued') await tx.jobs.enqueue(route.kind, route.entityKey, now);
    events.push({ type: e.type, action: e.action, entityId: e.entityId, state: route.state, reason: null });
  }
  for (const e of events) counts[e.state]++;
  const deliveryId = await tx.deliveries.insert({
    receivedAt: now,
    signatureT: delivery.signatureT,
    shape: delivery.parsed.shape,
    rawBody: delivery.rawBody,
    events,
  });
  if (delivery.signature) await tx.deliveries.rememberSignature(delivery.signature.key, delivery.signatureT ?? 0, deliveryId, delivery.signature.forgetBeforeT);
  const rejected: AcceptedDelivery['rejected'] = [];
  for (const [index, e] of events.entries()) {
    if (e.state !== 'rejected') continue;
    const letter = await deadLetterEvent(tx, { type: e.type, action: e.action, entityId: e.entityId, reason: e.reason! }, { deliveryId, index }, now);
    rejected.push({ type: e.type, reason: e.reason!, ...letter });
  }
  return { deliveryId, replayed: false, counts, rejected };
}

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
