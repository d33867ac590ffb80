import { setImmediate } from 'node:timers/promises';
import { alertFingerprint, catalogueAlert } from '../../alerts/alert-catalogue.js';
import { isWholesaleOrder, unknownOrderValues } from '../../centra/centra-vocabulary.js';
import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { isCentraFailure } from '../../centra/centra-failure.js';
import { fetchOrders, type FetchedOrder } from '../../centra/orders/fetch-orders.js';
import { shippedShipments } from '../../mapping/order/shipment-progress.js';
import { orderSourceVersion } from '../../mapping/order/source-version.js';
import { MappingError, type MappingOwner } from '../../mapping/common/mapping-error.js';
import type { PushItem } from '../../ometria/push-records.js';
import type { Job } from '../../store/job-store.js';
import { settleCentraFailure, resolveDocumentAlert } from '../centra-failures.js';
import { deadLetterJob, remoteStep, retryJob, type StepFailure, type StepResult } from '../../worker/settle-jobs.js';
import { pushJobRecords } from '../push-job-records.js';
import { orderStore } from './store-map.js';
import type { SyncContext } from '../sync-context.js';
import { orderRecords } from './order-records.js';
import { createChunkPipeline } from '../../worker/chunk-pipeline.js';
import { MAX_RECORDS_PER_PUSH } from '../../ometria/push-client.js';

/** An order ready to push: its job, its records, and the source version to remember once Ometria has it. */
interface MappedOrder {
  job: Job;
  order: PushItem;
  contact: PushItem | undefined;
  events: PushItem[];
  version: string | undefined;
}

/**
 * Orders in Ometria whose shipment events have not been pushed yet, in push order. A chunk's events are pushed in
 * full pushes only; the rest wait to fill the next push with the next chunk's, and go part-filled when the batch
 * ends (docs/design.md D4). Their jobs complete once their events are in.
 */
type WaitingEvents = MappedOrder[];

/** Orders mapped and pushed together: one push's worth of orders, and at most one of their contacts. */
const ORDERS_PER_CHUNK = MAX_RECORDS_PER_PUSH;
/** Orders read but not pushed yet, at most: one chunk being pushed, one mapped, one being read. */
const ORDERS_READ_AHEAD = 3 * ORDERS_PER_CHUNK;

/**
 * One batch of order jobs: fetch all in few Centra requests, map, push contacts then orders
 * (docs/design.md D4), and settle every job: done, retried later, blocked on its contact, or dead. The batch is
 * settled a push's worth of orders at a time while later slices are still read (chunk-pipeline.ts).
 */
export async function syncOrders(ctx: SyncContext, jobs: Job[]): Promise<void> {
  const fetched = new Map<number, FetchedOrder>();
  const waiting: WaitingEvents = [];
  const pipeline = createChunkPipeline<MappedOrder[]>(
    ctx,
    {
      prepare: async (chunk) => {
        const mapped = await mapFetchedOrders(ctx, chunk, fetched);
        for (const job of chunk) fetched.delete(Number(job.entity_key));
        return mapped;
      },
      send: (mapped) => pushMappedOrders(ctx, mapped, waiting),
      unsettled: (mapped) => mapped.map((m) => m.job),
    },
    { chunkSize: ORDERS_PER_CHUNK, readAhead: ORDERS_READ_AHEAD },
  );
  let answered = 0;
  let read: StepResult<void>;
  try {
    // One step over all slices: a later slice refused leaves the auth alert it raises open, whatever an earlier one
    // proved, and only the jobs not answered yet are rescheduled.
    read = await remoteStep(
      ctx,
      'Centra',
      () => jobs.slice(answered),
      async () => {
        // The size is read once per slice: each answer's complexity may change it (order-batch-size.ts).
        for (let size = ctx.centraBatchSize; answered < jobs.length && !pipeline.stopped(); size = ctx.centraBatchSize) {
          await pipeline.roomFor(size);
          const slice = jobs.slice(answered, answered + size);
          const answers = await fetchOrderSlice(ctx, slice);
          for (const [n, f] of answers) fetched.set(n, f);
          answered += slice.length;
          pipeline.add(slice);
          if (![...answers.values()].some((f) => f.status === 'document_rejected')) await resolveDocumentAlert(ctx, 'order');
        }
      },
    );
  } finally {
    await pipeline.finish();
  }
  // A failed push took the waiting events' jobs with it: what waits now only lacks its last, part-filled push.
  await pushWaitingEvents(ctx, waiting, 'all');
  // Reads stop early when Ometria failed a push of this batch: the unread jobs wait as long as the pushed ones.
  if (read.ok && answered < jobs.length) await pipeline.rescheduleUnread(jobs.slice(answered));
}

/** One Centra read for the orders of `slice`, teaching the batch sizer what it cost. */
const fetchOrderSlice = (ctx: SyncContext, slice: readonly Job[]) =>
  fetchOrders(
    ctx.centra,
    slice.map((j) => Number(j.entity_key)),
    (n, cost) => ctx.orderBatch.observe(n, cost),
  );

/**
 * The half of the pipeline after Centra: map, push contacts then orders then shipment events, settle each job.
 * The backfill enters here with orders it listed in full, so it costs no second fetch per order.
 */
export async function settleFetchedOrders(ctx: SyncContext, jobs: Job[], fetched: ReadonlyMap<number, FetchedOrder>): Promise<void> {
  const waiting: WaitingEvents = [];
  // A failed push leaves nothing waiting (pushMappedOrders), so the last, part-filled push is all that is left.
  await pushMappedOrders(ctx, await mapFetchedOrders(ctx, jobs, fetched), waiting);
  await pushWaitingEvents(ctx, waiting, 'all');
}

/** Maps each fetched order of `jobs`; the jobs that cannot be pushed now are settled here and left out. */
async function mapFetchedOrders(ctx: SyncContext, jobs: readonly Job[], fetched: ReadonlyMap<number, FetchedOrder>): Promise<MappedOrder[]> {
  const mapped: MappedOrder[] = [];
  for (const job of jobs) {
    const m = await mapJob(ctx, job, fetched.get(Number(job.entity_key)));
    if (m) mapped.push(m);
    // SQLite's calls answer in microtasks: without a turn of the event loop per order, mapping a chunk would hold
    // back the push in flight beside it (its socket write, its slot timer) until the whole chunk is mapped.
    await setImmediate();
  }
  return mapped;
}

/**
 * Pushes contacts, then orders, then the shipment events that fill whole pushes with those already `waiting`, and
 * settles each job whose records are all in. Returns the failure of the Ometria step that rescheduled the jobs, if
 * one did: the waiting events' jobs are rescheduled with them, so `waiting` is then empty.
 */
async function pushMappedOrders(ctx: SyncContext, mapped: readonly MappedOrder[], waiting: WaitingEvents): Promise<StepFailure | undefined> {
  if (mapped.length === 0) return undefined;
  // Held aside while this chunk is pushed: a failure reschedules their jobs with the chunk's.
  const earlier = waiting.splice(0);
  const alsoRescheduled = earlier.map((m) => m.job);
  const contacts = await pushJobRecords(
    ctx,
    [...mapped.map((m) => m.job), ...alsoRescheduled],
    mapped.flatMap((m) => (m.contact ? [m.contact] : [])),
  );
  if (!contacts.ok) return contacts;
  const contactResult = contacts.value;
  const ready: MappedOrder[] = [];
  for (const m of mapped) {
    if (!m.contact || contactResult.delivered.has(m.contact.record.id)) {
      ready.push(m);
      continue;
    }
    const reason = contactResult.deadLettered.get(m.contact.record.id) ?? 'contact not delivered';
    await ctx.store.jobs.block(
      m.job.id,
      `contact:${m.contact.record.id}`,
      `waiting for contact ${m.contact.record.id}, which Ometria rejected: ${reason}`,
      ctx.now(),
    );
  }
  const orders = await pushJobRecords(
    ctx,
    [...ready.map((m) => m.job), ...alsoRescheduled],
    ready.map((m) => m.order),
  );
  if (!orders.ok) return orders;
  const orderResult = orders.value;
  const delivered: MappedOrder[] = [];
  for (const m of ready) {
    const rejected = orderResult.deadLettered.get(m.order.record.id);
    if (rejected) await ctx.store.jobs.markDead(m.job.id, rejected, ctx.now());
    else {
      if (m.version) await ctx.store.links.setVersion('order', m.job.entity_key, m.version);
      ctx.metrics.syncLagSeconds((ctx.now() - m.job.first_queued_at) / 1000);
      delivered.push(m);
    }
  }
  waiting.push(...earlier, ...delivered);
  return pushWaitingEvents(ctx, waiting, 'full pushes');
}

/**
 * Pushes the shipment events of the first `waiting` orders, as many whole orders as fit in full pushes (or all), and
 * completes their jobs; the rest stay waiting. Leading orders without events are taken even when no push is full.
 * A failure reschedules every waiting job and empties `waiting`.
 */
async function pushWaitingEvents(ctx: SyncContext, waiting: WaitingEvents, take: 'all' | 'full pushes'): Promise<StepFailure | undefined> {
  const total = waiting.reduce((n, m) => n + m.events.length, 0);
  const room = take === 'all' ? total : total - (total % MAX_RECORDS_PER_PUSH);
  let taken = 0;
  let events = 0;
  while (taken < waiting.length && events + waiting[taken]!.events.length <= room) events += waiting[taken++]!.events.length;
  if (taken === 0) return undefined;
  const sent = waiting.slice(0, taken);
  const pushed = await pushJobRecords(
    ctx,
    waiting.map((m) => m.job),
    sent.flatMap((m) => m.events),
  );
  waiting.splice(0, pushed.ok ? taken : waiting.length);
  if (!pushed.ok) return pushed;
  for (const m of sent) await ctx.store.jobs.complete(m.job.id, ctx.now());
  return undefined;
}

/** Settles jobs that cannot be pushed now; returns the records for those that can. */
async function mapJob(ctx: SyncContext, job: Job, fetched: FetchedOrder | undefined): Promise<MappedOrder | undefined> {
  const number = job.entity_key;
  if (!fetched) {
    await retryJob(ctx, job, `order ${number}: not fetched`);
    return undefined;
  }
  if (isCentraFailure(fetched)) {
    await settleCentraFailure(ctx, job, fetched);
    return undefined;
  }
  if (fetched.status === 'not_found' || fetched.order.isOnHold) {
    await notFoundYet(ctx, job);
    return undefined;
  }
  await ctx.alerter.resolve(alertFingerprint('order_not_found', { order: number }));
  const order = fetched.order;
  await ctx.unknownValues.note(unknownOrderValues(order));
  if (isWholesaleOrder(order)) {
    ctx.logger.info({ order: order.number }, 'wholesale order: not synced to Ometria (B2C marketing only)');
    await ctx.store.jobs.complete(job.id, ctx.now());
    return undefined;
  }
  const store = orderStore(ctx, order.market?.id);
  if (store === 'unmapped')
    return deadJob(
      ctx,
      job,
      order,
      `order ${number} is in Centra market ${order.market?.id ?? 'none'}, which OMETRIA_STORE_MAP does not map (and it has no "*" fallback); map it, or set OMETRIA_STORE_MAP_OPTIONAL=true to send such orders without a store`,
      'developers',
      'unmapped_market',
    );
  const version = orderSourceVersion(order);
  const pushedVersion = await ctx.store.links.version('order', number);
  if (version && pushedVersion && version < pushedVersion) {
    ctx.logger.info({ order: order.number, version, pushedVersion }, 'fetched order state is older than the one in Ometria; not pushed');
    await ctx.store.jobs.complete(job.id, ctx.now());
    return undefined;
  }
  for (const s of order.shipments ?? []) await ctx.store.links.link('shipment', String(s.id), number);
  for (const r of order.returns ?? []) await ctx.store.links.link('return', String(r.id), number);
  await watchCarriers(ctx, order);
  try {
    const records = await orderRecords(ctx, order, store.ometriaStore);
    const item = (r: PushItem['record']): PushItem => ({ record: r, jobKind: 'order', entityKey: number });
    return { job, version, order: item(records.order), contact: records.contact && item(records.contact), events: records.events.map(item) };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return deadJob(ctx, job, order, error.message, error.owner, 'order_data');
  }
}

/** A shipped parcel with a tracking number but no carrier is the usual cause of broken "shipped" emails. */
async function watchCarriers(ctx: SyncContext, order: CentraOrder): Promise<void> {
  for (const s of shippedShipments(order)) {
    if (!s.trackingNumber?.trim() || s.carrierInformation?.carrierName?.trim()) {
      await ctx.alerter.resolve(alertFingerprint('shipment_without_carrier', { shipmentId: s.id }));
      continue;
    }
    await ctx.alerter.raise(catalogueAlert('shipment_without_carrier', { shipmentId: s.id, shipment: s.number }));
  }
}

async function notFoundYet(ctx: SyncContext, job: Job): Promise<void> {
  const waited = ctx.now() - job.first_queued_at;
  if (waited < ctx.notFoundGiveUpMs) {
    await retryJob(ctx, job, `order ${job.entity_key} is not visible in Centra yet (held, awaiting payment, or not created); retrying`);
    return;
  }
  const reason = `order ${job.entity_key} was still not visible in Centra ${Math.round(waited / 3_600_000)} h after its webhook`;
  await deadLetterJob(ctx, job, { reason }, () => catalogueAlert('order_not_found', { order: job.entity_key, reason }));
}

async function deadJob(
  ctx: SyncContext,
  job: Job,
  order: CentraOrder,
  reason: string,
  owner: MappingOwner,
  problem: 'unmapped_market' | 'order_data',
): Promise<undefined> {
  await deadLetterJob(ctx, job, { recordType: 'order', recordId: String(order.number), reason }, (deadLetterId) =>
    catalogueAlert('dead_letter', { source: 'order_mapping', type: 'order', id: order.number, deadLetterId, reason, owner, problem }),
  );
  return undefined;
}
