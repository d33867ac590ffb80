import type { TrackerEvent } from '../../../shared/tracker-event-types.js';
import type { PushItem } from '../../ometria/push-records.js';
import type { Job } from '../../store/job-store.js';
import type { PendingTrackerEvent } from '../../store/tracker-event-store.js';
import { pushJobRecords } from '../push-job-records.js';
import type { SyncContext } from '../sync-context.js';
import { mapTrackerEvent, skusToLookUp } from '../../mapping/tracker-event/map-tracker-event.js';
import { contactKeyLookup, ometriaIdentity, type ContactKeyLookup, type EventIdentity } from './ometria-identity.js';
import { ledgerProductKeyLookup, productKeysFor, type ProductKeyLookup } from './product-key-lookup.js';

export interface CollectSyncOptions {
  /** Style-colour key of a size SKU (docs/design.md D29); default: the ledger's pushed products. */
  productKeyForSku?: ProductKeyLookup;
  /** Contact keys; default: the store's contact_keys table, read only. */
  contactKeys?: ContactKeyLookup;
}

/** Events pushed per visitor per run; a visitor with more runs again straight after. */
export const EVENTS_PER_VISITOR_RUN = 500;
/**
 * Events pushed per run over all visitors (two full pushes); the visitors left over run again straight after.
 * The worker runs one batch at a time, and a tracker push may wait for its share of the budget
 * (TRACKER_PUSH_SHARE): a bounded run lets orders have their turn between storefront batches.
 */
export const EVENTS_PER_RUN = 200;

/**
 * One batch of 'collect' jobs (entity key = visitor id): the identified visitors' pending events are mapped and
 * pushed as custom_event records (pushRecords: checked, deduplicated by ledger hash, batches of 100), then marked
 * sent or dead. Held events of anonymous visitors are not selected: they wait for an identify.
 */
export async function syncCollected(ctx: SyncContext, jobs: Job[], options: CollectSyncOptions = {}): Promise<void> {
  const events = ctx.store.trackerEvents;
  const lookup = options.productKeyForSku ?? ledgerProductKeyLookup(ctx.store.ledger);
  const keys = options.contactKeys ?? contactKeyLookup(ctx.store.contactKeys);
  const rows: Array<{ job: Job; row: PendingTrackerEvent; event: TrackerEvent }> = [];
  const more = new Set<Job>();
  for (const job of jobs) {
    if (rows.length >= EVENTS_PER_RUN) {
      more.add(job);
      continue;
    }
    const pending = await events.pendingFor(job.entity_key, EVENTS_PER_VISITOR_RUN + 1);
    if (pending.length > EVENTS_PER_VISITOR_RUN) more.add(job);
    for (const row of pending.slice(0, EVENTS_PER_VISITOR_RUN)) rows.push({ job, row, event: JSON.parse(row.event) as TrackerEvent });
  }
  const productKeyForSku = await productKeysFor(
    rows.flatMap((r) => skusToLookUp(r.event)),
    lookup,
  );
  const items: PushItem[] = [];
  // A visitor's events mostly share one identity: look its contact key up once per batch.
  const identities = new Map<string, EventIdentity>();
  for (const { job, row, event } of rows) {
    const who = `${row.identity.customerId ?? ''}|${row.identity.email ?? ''}`;
    let identity = identities.get(who);
    if (!identity) identities.set(who, (identity = await ometriaIdentity(row.identity, keys)));
    const record = mapTrackerEvent(event, { store: row.store, identity, receivedAt: row.receivedAt, productKeyForSku });
    if (record) items.push({ record, jobKind: 'collect', entityKey: job.entity_key });
    else await events.drop(row.id, ctx.now());
  }
  const pushed = await pushJobRecords(ctx, jobs, items);
  if (!pushed.ok) return;
  const result = pushed.value;
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    await tx.trackerEvents.markSent(result.delivered, now);
    await tx.trackerEvents.markDead(result.deadLettered.keys());
    for (const job of jobs) {
      // enqueue on a running job marks it dirty, so complete() puts it straight back to pending
      if (more.has(job)) await tx.jobs.enqueue('collect', job.entity_key, now);
      await tx.jobs.complete(job.id, now);
    }
  });
}
