import { consentOf } from '../../mapping/contact/consent.js';
import { fetchCustomersById } from '../../centra/customers/fetch-customers.js';
import { mergeConsent } from '../../mapping/contact/merge-consent.js';
import type { SyncContext } from '../sync-context.js';

export interface ConsentDrift {
  customerId: number;
  contactKey: string;
  detail: string;
}

/**
 * Opted out in Centra but not as far as Ometria knows (our consent audit): a compliance risk, so every
 * customer of the checked orders is re-read, many per request. Opt-ins are not chased here: an Ometria-side
 * unsubscribe must win over an API opt-in anyway (docs/design.md O5).
 */
export async function consentDrifts(ctx: SyncContext, customerIds: readonly number[], batchSize: number): Promise<ConsentDrift[]> {
  const drifts: ConsentDrift[] = [];
  if (customerIds.length === 0) return drifts;
  // The next batch is read while this one is checked (one batch ahead at most), as the order pages are.
  const read = (from: number) => {
    const batch = fetchCustomersById(ctx.centra, customerIds.slice(from, from + batchSize));
    batch.catch(() => undefined); // handled by the await that consumes it
    return batch;
  };
  let next = read(0);
  for (let i = 0; i < customerIds.length; i += batchSize) {
    const fetched = await next;
    if (i + batchSize < customerIds.length) next = read(i + batchSize);
    for (const [id, f] of fetched) {
      if (f.status !== 'found') continue;
      const contactKey = await ctx.store.contactKeys.keyForCustomer(id);
      if (!contactKey) continue;
      const last = await ctx.store.consentAudit.lastKnown(contactKey);
      const centra = mergeConsent([consentOf(f.customer, ctx.customers.consent, last), last]);
      if (centra.state === 'out' && last?.state !== 'out') {
        drifts.push({
          customerId: id,
          contactKey,
          detail: `customer ${id} opted out in Centra${centra.at ? ` at ${centra.at}` : ''}; Ometria was last told ${last?.state ?? 'nothing'}`,
        });
      }
    }
  }
  return drifts;
}
