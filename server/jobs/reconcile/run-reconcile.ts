import { isWholesaleOrder } from '../../centra/centra-vocabulary.js';
import { listOrders, type OrderPage } from '../../centra/orders/list-orders.js';
import { MappingError } from '../../mapping/common/mapping-error.js';
import { contentHash } from '../../ometria/content-hash.js';
import type { ReadClient } from '../../ometria/read-client.js';
import type { FindingInput } from '../../store/finding-store.js';
import type { JobKind } from '../job-kinds.js';
import type { SyncContext } from '../sync-context.js';
import { orderRecords } from '../orders/order-records.js';
import { orderStore } from '../orders/store-map.js';
import { compareOrder, type OrderDrift } from './compare-order.js';
import { consentDrifts } from './check-consent.js';

export interface ReconcileOptions {
  /** Orders created in the last `days` days are checked. */
  days: number;
  scope: string;
  /** Re-enqueue what is safe to repair (the default); false leaves every finding for a person. */
  repair: boolean;
  /** Ometria read-backs allowed this run (4 requests/s); the rest is checked against our ledger only. */
  readBackLimit: number;
  reader?: ReadClient;
}

export interface ReconcileResult {
  checked: number;
  findings: number;
  repaired: number;
}

const ORDER_KINDS = [
  'order_missing',
  'order_outdated',
  'order_status_mismatch',
  'order_total_mismatch',
  'order_refund_mismatch',
  'shipment_tracking_missing',
  'order_unmappable',
];

/**
 * Proves Ometria matches Centra (issue 7): every order Centra holds in the window is mapped as the sync would,
 * and compared with our ledger and, within the read-back budget, with what Ometria returns. Findings are
 * stored; safe ones are repaired by re-enqueueing the order; findings no longer seen are resolved.
 */
export async function runReconcile(ctx: SyncContext, options: ReconcileOptions): Promise<ReconcileResult> {
  const runId = await ctx.store.findings.startRun(options.scope, ctx.now());
  const window = { from: iso(ctx.now() - options.days * 86_400_000), to: iso(ctx.now()) };
  const seen = new Set<string>();
  const checkedEntities = new Set<string>();
  const result: ReconcileResult = { checked: 0, findings: 0, repaired: 0 };
  const customerIds = new Set<number>();
  try {
    // Pages are numbered: the size stays fixed for the run even if the complexity quota changes it meanwhile.
    const pageSize = ctx.centraBatchSize;
    const run: PageCheck = { ctx, options, seen, checkedEntities, customerIds, result, readBacks: 0 };
    // The next page is read while this one is compared, so Centra's rate limit, not our ledger look-ups, sets the
    // pace (as in the backfill). At most one page is read ahead: memory stays one page, not the window.
    let next = prefetch(ctx, window, 1, pageSize);
    for (let page = 1; ; page++) {
      const { orders, rows, complexity } = await next;
      ctx.orderBatch.observe(rows, complexity);
      const more = rows >= pageSize;
      if (more) next = prefetch(ctx, window, page + 1, pageSize);
      await checkPage(run, orders);
      if (!more) break;
    }
    for (const drift of await consentDrifts(ctx, [...customerIds], ctx.centraBatchSize)) {
      const entity = `contact ${drift.contactKey}`;
      seen.add(`consent_mismatch|${entity}`);
      result.findings++;
      const finding: FindingInput = { kind: 'consent_mismatch', entity, team: 'marketing', detail: drift.detail, repair: options.repair ? 'auto' : 'manual' };
      if (await recordFinding(ctx, finding, options.repair ? { kind: 'customer', key: String(drift.customerId) } : undefined)) result.repaired++;
    }
    for (const id of customerIds) {
      const key = await ctx.store.contactKeys.keyForCustomer(id);
      if (key) checkedEntities.add(`contact ${key}`);
    }
    await ctx.store.findings.resolveUnseen([...ORDER_KINDS, 'consent_mismatch'], seen, checkedEntities, ctx.now());
    await ctx.store.findings.finishRun(runId, { checked: result.checked, findings: result.findings }, ctx.now());
    return result;
  } catch (error) {
    await ctx.store.findings.finishRun(runId, { ...result, error: (error as Error).message }, ctx.now());
    throw error;
  }
}

interface PageCheck {
  ctx: SyncContext;
  options: ReconcileOptions;
  seen: Set<string>;
  checkedEntities: Set<string>;
  customerIds: Set<number>;
  result: ReconcileResult;
  readBacks: number;
}

/**
 * Starts reading a page now. A failure is kept for the `await` that consumes the page: marking it handled here
 * keeps a read that fails while the previous page is still compared from counting as an unhandled rejection.
 */
function prefetch(ctx: SyncContext, window: { from: string; to: string }, page: number, pageSize: number): Promise<OrderPage> {
  const read = listOrders(ctx.centra, window, page, pageSize);
  read.catch(() => undefined);
  return read;
}

/** Compares one page of Centra's orders with our ledger (or Ometria's read-back) and records the findings. */
async function checkPage(run: PageCheck, orders: OrderPage['orders']): Promise<void> {
  const { ctx, options, result } = run;
  for (const fetched of orders.values()) {
    if (fetched.status !== 'found' || fetched.order.isOnHold || isWholesaleOrder(fetched.order)) continue;
    const order = fetched.order;
    const entity = `order ${order.number}`;
    const active = await ctx.store.jobs.find('order', String(order.number));
    if (active && ['pending', 'running', 'blocked'].includes(active.state)) continue;
    result.checked++;
    run.checkedEntities.add(entity);
    if (order.customer) run.customerIds.add(order.customer.id);
    const reader = options.reader && run.readBacks < options.readBackLimit ? options.reader : undefined;
    const drifts = await orderDrifts(ctx, order, reader, () => run.readBacks++);
    for (const drift of drifts) {
      run.seen.add(`${drift.kind}|${entity}`);
      result.findings++;
      const repairable = drift.kind !== 'order_unmappable';
      const finding: FindingInput = {
        kind: drift.kind,
        entity,
        team: 'ecommerce',
        detail: drift.detail,
        repair: repairable && options.repair ? 'auto' : 'manual',
      };
      if (await recordFinding(ctx, finding, repairable && options.repair ? { kind: 'order', key: String(order.number) } : undefined)) result.repaired++;
    }
  }
}

/**
 * Records the finding and, when `repair` names the job and the finding is newly open, re-enqueues that job and
 * marks the finding repaired, all in one transaction. Returns whether it was repaired.
 */
async function recordFinding(ctx: SyncContext, input: FindingInput, repair: { kind: JobKind; key: string } | undefined): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    const finding = await tx.findings.record(input, ctx.now());
    if (!repair || finding.state !== 'open') return false;
    await tx.jobs.enqueue(repair.kind, repair.key, ctx.now());
    await tx.findings.markRepaired(finding.id, ctx.now());
    return true;
  });
}

async function orderDrifts(
  ctx: SyncContext,
  order: Parameters<typeof orderRecords>[1],
  reader: ReadClient | undefined,
  countRead: () => void,
): Promise<OrderDrift[]> {
  const store = orderStore(ctx, order.market?.id);
  if (store === 'unmapped') return [{ kind: 'order_unmappable', detail: `market ${order.market?.id ?? 'none'} is not in OMETRIA_STORE_MAP` }];
  let expected;
  try {
    expected = (await orderRecords(ctx, order, store.ometriaStore)).order;
  } catch (error) {
    if (error instanceof MappingError) return [{ kind: 'order_unmappable', detail: error.message }];
    throw error;
  }
  const pushed = await ctx.store.ledger.hashOf('order', expected.id);
  if (pushed === undefined) return [{ kind: 'order_missing', detail: `order ${expected.id} is in Centra but was never sent to Ometria (a lost webhook?)` }];
  if (reader) {
    countRead();
    return compareOrder(expected, await reader.order(expected.id));
  }
  return pushed === contentHash(expected)
    ? []
    : [{ kind: 'order_outdated', detail: `order ${expected.id} changed in Centra after our last push (a lost webhook?)` }];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
