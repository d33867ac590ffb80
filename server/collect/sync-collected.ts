import type { TrackerEvent } from '../../shared/tracker-event-types.js';
import { pushRecords, type PushItem } from '../ometria/push-records.js';
import type { Job } from '../store/job-store.js';
import { trackerEventStore } from '../store/tracker-event-store.js';
import { rescheduleAfterRemoteError } from '../worker/reschedule.js';
import type { SyncContext } from '../worker/sync-context.js';
import { mapTrackerEvent } from './map-tracker-event.js';
import { contactKeyLookup, ometriaIdentity, type ContactKeyLookup } from './ometria-identity.js';
import { ledgerProductKeyLookup } from './product-key-lookup.js';

export interface CollectSyncOptions {
  /** Style-colour key of a size SKU (decisions.md 29); default: the ledger's pushed products. */
  productKeyForSku?: (sku: string) => string | undefined;
  /** Contact keys; default: the store's contact_keys table, read only. */
  contactKeys?: ContactKeyLookup;
}

/** Events pushed per visitor per run; a visitor with more runs again straight after. */
export const EVENTS_PER_VISITOR_RUN = 500;

/**
 * One batch of 'collect' jobs (entity key = visitor id): the identified visitors' pending events are mapped and
 * pushed as custom_event records (pushRecords: checked, deduplicated by ledger hash, batches of 100), then marked
 * sent or dead. Held events of anonymous visitors are not selected: they wait for an identify.
 */
export async function syncCollected(ctx: SyncContext, jobs: Job[], options: CollectSyncOptions = {}): Promise<void> {
  const events = trackerEventStore(ctx.store.db);
  const productKeyForSku = options.productKeyForSku ?? ledgerProductKeyLookup(ctx.store.db);
  const keys = options.contactKeys ?? contactKeyLookup(ctx.store.db, (id) => ctx.store.contactKeys.keyForCustomer(id));
  const items: PushItem[] = [];
  const more = new Set<Job>();
  for (const job of jobs) {
    const rows = events.pendingFor(job.entity_key, EVENTS_PER_VISITOR_RUN + 1);
    if (rows.length > EVENTS_PER_VISITOR_RUN) more.add(job);
    for (const row of rows.slice(0, EVENTS_PER_VISITOR_RUN)) {
      const identity = ometriaIdentity(row.identity, keys);
      const record = mapTrackerEvent(JSON.parse(row.event) as TrackerEvent, { store: row.store, identity, receivedAt: row.receivedAt, productKeyForSku });
      if (record) items.push({ record, jobKind: 'collect', entityKey: job.entity_key });
      else events.drop(row.id, ctx.now());
    }
  }
  let result;
  try {
    result = await pushRecords(items, { client: ctx.ometria, store: ctx.store, alerter: ctx.alerter, now: ctx.now });
  } catch (error) {
    return rescheduleAfterRemoteError(ctx, jobs, error, 'Ometria');
  }
  ctx.alerter.resolve('auth:Ometria');
  const now = ctx.now();
  ctx.store.transaction(() => {
    events.markSent(result.delivered, now);
    events.markDead(result.deadLettered.keys());
    for (const job of jobs) {
      // enqueue on a running job marks it dirty, so complete() puts it straight back to pending
      if (more.has(job)) ctx.store.jobs.enqueue('collect', job.entity_key, now);
      ctx.store.jobs.complete(job.id, now);
    }
  });
}
