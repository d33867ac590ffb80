import { MAX_RECORD_BYTES } from '../ometria/ometria-records.js';
import type { TrackerEvent } from '../../shared/tracker-event-types.js';
import { mapTrackerEvent } from '../mapping/tracker-event/map-tracker-event.js';

/** The longest identity a record can carry: Ometria's 255-character email, a generous contact key. */
const WORST_IDENTITY = { identity_email: 'x'.repeat(255), identity_account_id: 'c'.repeat(32) };

/**
 * PURE: the largest Ometria record this event can become (issue 15.2), so /collect refuses with 413 what could
 * only ever be dead-lettered. Mapped with the longest identity and a catalogue key one character shorter than
 * each SKU (the longest a key can be: it is a proper prefix, product-key-lookup.ts), the only unknowns at intake.
 * 0 for identify, which is never pushed.
 */
export function worstCaseRecordBytes(event: TrackerEvent, store: string, receivedAt: number): number {
  const record = mapTrackerEvent(event, {
    store,
    receivedAt,
    identity: WORST_IDENTITY,
    productKeyForSku: (sku) => sku.slice(0, -1) || sku,
  });
  return record ? Buffer.byteLength(JSON.stringify(record)) : 0;
}

export const recordTooLarge = (bytes: number): boolean => bytes > MAX_RECORD_BYTES;
