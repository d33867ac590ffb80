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
  for (let i = 0; i < customerIds.length; i += batchSize) {
    const fetched = await fetchCustomersById(ctx.centra, customerIds.slice(i, i + batchSize));
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
