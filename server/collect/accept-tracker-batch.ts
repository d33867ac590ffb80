import type { TrackerBatchEnvelope } from '../../shared/schemas/tracker-events.js';
import type { TrackerEvent } from '../../shared/tracker-event-types.js';
import type { Store } from '../store/store.js';
import { mergeIdentity } from './merge-identity.js';

export interface HoldLimits {
  /** How long an anonymous visitor's events wait for an identify, ms (ANON_HOLD_HOURS). */
  holdMs: number;
  /** Held events kept per anonymous visitor, newest first (ANON_HOLD_MAX). */
  holdMax: number;
}

export interface AcceptedBatch {
  accepted: number;
  duplicates: number;
  /** Held events of this anonymous visitor dropped to stay within holdMax. */
  dropped: number;
  /** A collect job was queued: the visitor is identified and has events to push. */
  queued: boolean;
}

/**
 * The durable part of POST /collect, one transaction: every new event is stored (a known id is a duplicate),
 * identify calls link the visitor to an identity and release its held events, and an identified visitor gets a
 * 'collect' job. Committed before the reply, so an acknowledged event survives a crash (docs/design.md D19).
 * Events are taken in the batch's order: an identify applies to what came before it and after it.
 */
export function acceptTrackerBatch(store: Store, batch: TrackerBatchEnvelope, valid: TrackerEvent[], limits: HoldLimits, now: number): Promise<AcceptedBatch> {
  const { visitorId } = batch;
  return store.transaction(async (tx) => {
    const events = tx.trackerEvents;
    let visitor = await events.identityOf(visitorId);
    const out: AcceptedBatch = { accepted: 0, duplicates: 0, dropped: 0, queued: false };
    for (const e of valid) {
      const identify = e.type === 'identify';
      const isNew = await events.insert({
        id: e.id,
        visitorId,
        store: batch.store,
        type: e.type,
        receivedAt: now,
        // identify rows keep no body: the email lives once, in tracker_identities
        event: identify ? null : JSON.stringify(e),
        identityId: visitor?.id ?? null,
        state: identify ? 'applied' : 'pending',
      });
      if (!isNew) {
        // a repeated identify is not re-applied: it could undo a later change of identity
        out.duplicates++;
        continue;
      }
      out.accepted++;
      const merged = identify ? mergeIdentity(visitor?.identity, e.data) : undefined;
      if (merged) {
        visitor = { id: await events.identify(visitorId, merged, now), identity: merged };
        await events.releaseHeld(visitorId, visitor.id, now - limits.holdMs);
      }
    }
    if (!visitor) out.dropped = await events.capHeld(visitorId, limits.holdMax, now);
    else if (out.accepted > 0) {
      await tx.jobs.enqueue('collect', visitorId, now);
      out.queued = true;
    }
    return out;
  });
}

/** Settled event ids are remembered this long for dedupe; the ledger still stops a later repeat reaching Ometria. */
export const DEDUPE_WINDOW_MS = 7 * 24 * 3_600_000;

/** Expires held events past the hold and forgets settled ones past the dedupe window. */
export function sweepTrackerEvents(store: Store, holdMs: number, now: number): Promise<{ expired: number; pruned: number }> {
  return store.transaction(async (tx) => ({
    expired: await tx.trackerEvents.expireHeld(now - holdMs, now),
    pruned: await tx.trackerEvents.prune(now - DEDUPE_WINDOW_MS),
  }));
}
