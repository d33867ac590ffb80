import { fetchParentOrders, type AfterSaleKind } from '../../centra/orders/fetch-parent-orders.js';
import type { Job } from '../../store/job-store.js';
import { resolveDocumentAlert, settleCentraFailure } from '../centra-failures.js';
import { remoteStep } from '../../worker/settle-jobs.js';
import type { SyncContext } from '../sync-context.js';

/**
 * Shipment and return webhooks: find the order they belong to and sync that order, which always re-reads every
 * shipment and return (issue 3: act on the fresh state, never on the webhook's action). A deleted return is
 * found through the link recorded when its order was last synced, so its refund is taken back out.
 * A shipment or return Centra cannot read fails alone (centra-failures.ts); the rest of the batch goes on.
 */
export async function syncAfterSale(ctx: SyncContext, kind: AfterSaleKind, jobs: Job[]): Promise<void> {
  if (!(await ctx.centra.canSend(kind === 'shipment' ? 'ShipmentOrders' : 'ReturnOrders'))) return syncByLinksOnly(ctx, kind, jobs);
  const read = await remoteStep(ctx, 'Centra', jobs, () =>
    fetchParentOrders(
      ctx.centra,
      kind,
      jobs.map((j) => Number(j.entity_key)),
    ),
  );
  if (!read.ok) return;
  const parents = read.value;
  if (![...parents.values()].some((p) => p.status === 'document_rejected')) await resolveDocumentAlert(ctx, kind);
  const found: Job[] = [];
  for (const job of jobs) {
    const parent = parents.get(Number(job.entity_key)) ?? { status: 'error', message: `no answer for this ${kind}` };
    if (parent.status === 'found') found.push(job);
    else await settleCentraFailure(ctx, job, parent);
  }
  await queueOrders(
    ctx,
    kind,
    found,
    (job) => {
      const lookup = parents.get(Number(job.entity_key));
      return lookup?.status === 'found' ? lookup.order : undefined;
    },
    'is not in Centra and was never seen on an order: nothing to update',
  );
}

/**
 * A Centra whose schema cannot look the shipment or return up (docs/centra-setup.md, "Capabilities"): the order is
 * the one it was last seen on, else the shipment waits for its order's own next webhook or for reconciliation.
 */
function syncByLinksOnly(ctx: SyncContext, kind: AfterSaleKind, jobs: Job[]): Promise<void> {
  return queueOrders(ctx, kind, jobs, () => undefined, "cannot be traced to its order on this Centra; its order's next webhook brings it");
}

/**
 * Queues the order of each job (as Centra named it, else the one it was last seen on) and completes the job. A
 * named order is remembered too, not only from the order's own lists: a Centra without Order.returns
 * (docs/centra-setup.md) still finds the order of a return deleted later.
 */
async function queueOrders(ctx: SyncContext, kind: AfterSaleKind, jobs: Job[], named: (job: Job) => number | undefined, untraced: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    for (const job of jobs) {
      const looked = named(job);
      if (looked !== undefined) await tx.links.link(kind, job.entity_key, String(looked));
      const order = looked ?? (await tx.links.orderOf(kind, job.entity_key));
      if (order !== undefined) await tx.jobs.enqueue('order', String(order), now);
      else ctx.logger.info({ [kind]: job.entity_key }, `${kind} ${untraced}`);
      await tx.jobs.complete(job.id, now);
    }
  });
}
