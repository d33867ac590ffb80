import type { Store } from '../store/store.js';
import { jobFor } from './event-routing.js';
import { unusableEntityId } from './usable-entity-id.js';

/** `job_kind` of a dead letter that holds a webhook event with nothing to fetch again: replay refuses it. */
export const WEBHOOK_EVENT_KIND = 'webhook';

export interface RejectedEvent {
  type: string;
  action: string | null;
  /** Plain digits only (parse-delivery.ts), or null. */
  entityId: string | null;
  reason: string;
}

export interface EventDeadLetter {
  deadLetterId: number;
  /** "order 99999999999", "order event 3 of delivery 12": what the alert names. */
  entity: string;
  /** True when replay can re-run the job the event asked for (its type is routed and its id usable). */
  replayable: boolean;
}

/**
 * Dead-letters one event intake could not use, inside the intake transaction (all or none with its delivery).
 * Where the event still names a usable entity (only some other field was malformed) the letter carries that
 * entity's job, so replay syncs it; otherwise it is kept for people to read and replay refuses it. The same
 * unusable id arriving again bumps one letter instead of opening another.
 */
export async function deadLetterEvent(tx: Store, event: RejectedEvent, where: { deliveryId: number; index: number }, now: number): Promise<EventDeadLetter> {
  const usable = event.entityId !== null && unusableEntityId(event.type, event.entityId) === undefined && /^\d+$/.test(event.entityId);
  const job = usable ? jobFor(event.type, event.entityId!) : undefined;
  const entity = event.entityId !== null ? `${event.type} ${event.entityId}` : `${event.type} event ${where.index + 1} of delivery ${where.deliveryId}`;
  const record = { deliveryId: where.deliveryId, event: where.index, type: event.type, action: event.action, id: event.entityId };
  const reason = `webhook event rejected at intake (delivery ${where.deliveryId}): ${event.reason}`;
  const recordId = event.entityId ?? `event ${where.index + 1}`;
  const deadLetterId = await tx.deadLetters.add(
    job
      ? { jobKind: job.kind, entityKey: job.entityKey, recordType: 'webhook_event', recordId, record, reason }
      : { jobKind: WEBHOOK_EVENT_KIND, entityKey: entity, recordType: 'webhook_event', recordId, record, reason },
    now,
  );
  return { deadLetterId, entity, replayable: job !== undefined };
}
