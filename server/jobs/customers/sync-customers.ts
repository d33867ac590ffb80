import { isCentraFailure } from '../../centra/centra-failure.js';
import { consentOf } from '../../mapping/contact/consent.js';
import { sameConsent } from '../../mapping/contact/consent-state.js';
import type { CentraCustomer } from '../../centra/customers/centra-customer.js';
import { fetchCustomersByEmail, fetchCustomersById, type FetchedCustomer } from '../../centra/customers/fetch-customers.js';
import { mapCustomerContact } from '../../mapping/contact/map-customer-contact.js';
import { mergeConsent } from '../../mapping/contact/merge-consent.js';
import { segmentationAttributes } from '../../mapping/contact/segmentation.js';
import type { PushItem } from '../../ometria/push-records.js';
import { pushJobRecords } from '../push-job-records.js';
import type { Job } from '../../store/job-store.js';
import { resolveDocumentAlert, settleCentraFailure } from '../centra-failures.js';
import { remoteStep, retryJob } from '../../worker/settle-jobs.js';
import { resolveOmetriaStore } from '../orders/store-map.js';
import type { SyncContext } from '../sync-context.js';

interface Prepared {
  job: Job;
  item: PushItem;
  contactKey: string;
  consentChange: number | undefined;
}

/**
 * Customer webhooks (issue 4): each customer is read with every Centra record sharing its email (guest and
 * registered), so one Ometria contact carries the consent and attributes of both; consent changes are
 * audited and marked pushed once Ometria acknowledged them.
 */
export async function syncCustomers(ctx: SyncContext, jobs: Job[]): Promise<void> {
  const groups = new Map<number, CentraCustomer[]>();
  const read = await remoteStep(ctx, 'Centra', jobs, async () =>
    (await ctx.centra.canSend('CustomersById'))
      ? fetchCustomersById(
          ctx.centra,
          jobs.map((j) => Number(j.entity_key)),
        )
      : fetchCustomersViaEmail(
          ctx,
          jobs.map((j) => Number(j.entity_key)),
          groups,
        ),
  );
  if (!read.ok) return;
  const byId = read.value;
  if (![...byId.values()].some((f) => f.status === 'document_rejected')) await resolveDocumentAlert(ctx, 'customer');
  const prepared: Prepared[] = [];
  for (const [i, job] of jobs.entries()) {
    const fetched = byId.get(Number(job.entity_key));
    if (!fetched) {
      await retryJob(ctx, job, `customer ${job.entity_key}: not fetched`);
      continue;
    }
    if (isCentraFailure(fetched)) {
      await settleCentraFailure(ctx, job, fetched);
      continue;
    }
    if (fetched.status === 'not_found') {
      ctx.logger.info({ customer: job.entity_key }, 'customer not in Centra (deleted?): nothing to update');
      await ctx.store.jobs.complete(job.id, ctx.now());
      continue;
    }
    const { customer } = fetched;
    let group: CentraCustomer[] = groups.get(customer.id) ?? [customer];
    const email = customer.email;
    if (email && !groups.has(customer.id)) {
      // The read above already resolved Centra's auth alert.
      const same = await remoteStep(ctx, 'Centra', jobs.slice(i), () => fetchCustomersByEmail(ctx.centra, email), { resolvesAuth: false });
      if (!same.ok) return;
      if (same.value.status === 'found') group = uniqueById([customer, ...same.value.customers]);
    }
    prepared.push(await prepare(ctx, job, group));
  }
  if (prepared.length === 0) return;
  const pushed = await pushJobRecords(
    ctx,
    prepared.map((p) => p.job),
    prepared.map((p) => p.item),
  );
  if (!pushed.ok) return;
  const result = pushed.value;
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    for (const p of prepared) {
      const rejected = result.deadLettered.get(p.item.record.id);
      if (rejected) {
        await tx.jobs.markDead(p.job.id, rejected, now);
        continue;
      }
      await tx.consentAudit.markPushed(p.contactKey, now, p.consentChange);
      await tx.jobs.complete(p.job.id, now);
    }
  });
}

async function prepare(ctx: SyncContext, job: Job, group: CentraCustomer[]): Promise<Prepared> {
  const cfg = ctx.customers;
  // Keys allocated, consent read and its change recorded, history read: one consistent view of the contact.
  const { contactKey, last, merged, consentChange, facts } = await ctx.store.transaction(async (tx) => {
    const keys: string[] = [];
    for (const c of group) keys.push(await tx.contactKeys.resolve(c.id, c.email, ctx.now()));
    const contactKey = (await tx.contactKeys.keyForCustomer(Number(job.entity_key))) ?? keys[0]!;
    const last = await tx.consentAudit.lastKnown(contactKey);
    const merged = mergeConsent([...group.map((c) => consentOf(c, cfg.consent, last)), last]);
    const consentChange =
      !last || !sameConsent(merged, last) ? await tx.consentAudit.record({ contactKey, from: last, to: merged, recordedAt: ctx.now() }) : undefined;
    return { contactKey, last, merged, consentChange, facts: await tx.customerHistory.factsFor(contactKey) };
  });
  const storeIds = [
    ...new Set(
      group.flatMap((c) => {
        const store = resolveOmetriaStore(ctx.storeMap, c.market?.id);
        return store ? [store] : [];
      }),
    ),
  ];
  const record = mapCustomerContact(group, {
    contactKey,
    collection: ctx.contactCollection,
    storeIds,
    consent: merged,
    force: { forceOptIn: cfg.forceOptIn, forceOptOut: cfg.forceOptOut },
    lastSentConsent: last,
    attributeMap: cfg.attributeMap,
    dateOfBirthAttribute: cfg.dateOfBirthAttribute,
    segmentation: segmentationAttributes(facts, cfg.segmentation),
  });
  return { job, contactKey, consentChange, item: { record, jobKind: 'customer', entityKey: job.entity_key } };
}

const uniqueById = (customers: CentraCustomer[]) => [...new Map(customers.map((c) => [c.id, c])).values()];

/**
 * A Centra whose schema has no customer id filter (docs/centra-setup.md, "Capabilities"): a customer seen on an
 * order is read by the email of its contact, with every record of that email (kept in `groups`); one never seen
 * reads as not found, and its first order brings its contact.
 */
async function fetchCustomersViaEmail(ctx: SyncContext, ids: readonly number[], groups: Map<number, CentraCustomer[]>): Promise<Map<number, FetchedCustomer>> {
  const out = new Map<number, FetchedCustomer>();
  for (const id of ids) {
    const email = await ctx.store.contactKeys.emailOfCustomer(id);
    const same = email ? await fetchCustomersByEmail(ctx.centra, email) : undefined;
    if (same?.status === 'error') {
      out.set(id, { status: 'error', message: same.message });
      continue;
    }
    const customer = same?.customers.find((c) => c.id === id);
    if (!customer) {
      out.set(id, { status: 'not_found' });
      continue;
    }
    groups.set(id, same!.customers);
    out.set(id, { status: 'found', customer });
  }
  return out;
}
