import type { GraphQLSchema } from 'graphql';
import { CENTRA_CAPABILITIES, type CentraCapability } from '../documents/capabilities.js';
import { CENTRA_DOCUMENTS, type CentraDocument } from '../documents/registry.js';
import { adaptDocument } from './adapt-document.js';
import { FALLBACKS, unlistedFallback, type Effect } from './fallbacks.js';

export type CapabilityState = 'ok' | 'degraded' | 'unavailable';

/** One item the live schema lacks, and what the service does instead. */
export interface MissingItem {
  coordinate: string;
  effect: Effect;
  instead: string;
}

export interface CapabilityReport {
  capability: CentraCapability;
  state: CapabilityState;
  missing: MissingItem[];
  /** Documents of this capability Centra would refuse even after adapting, why, and the fallback if any. */
  refused: Array<{ document: string; errors: string[]; instead?: string }>;
}

export interface SchemaReport {
  /** `live`: Centra's own schema by introspection; `contract`: its documented part, when introspection failed. */
  source: 'live' | 'contract';
  capabilities: CapabilityReport[];
  /** True when some document must be rewritten before it is sent. */
  adapts: boolean;
}

const RANK: Record<CapabilityState, number> = { ok: 0, degraded: 1, unavailable: 2 };
const worse = (a: CapabilityState, b: CapabilityState): CapabilityState => (RANK[a] >= RANK[b] ? a : b);
const stateOf = (effect: Effect): CapabilityState => (effect === 'exact' ? 'ok' : effect);

/**
 * Every registered document checked against `schema`: what each capability loses. A document that cannot be
 * sent at all (a dropped filter or essential field, or errors left) makes its capability unavailable unless the
 * registry names a fallback, which makes it degraded.
 */
export function checkSchema(schema: GraphQLSchema, source: SchemaReport['source'], documents: readonly CentraDocument[] = CENTRA_DOCUMENTS): SchemaReport {
  const reports = new Map<CentraCapability, CapabilityReport>(CENTRA_CAPABILITIES.map((c) => [c, { capability: c, state: 'ok', missing: [], refused: [] }]));
  // Each missing item is named once, under the capability it costs, however many documents ask for it.
  const named = new Set<string>();
  const note = (capability: CentraCapability, item: MissingItem) => {
    const report = reports.get(capability)!;
    if (!named.has(item.coordinate)) report.missing.push(item);
    named.add(item.coordinate);
    report.state = worse(report.state, stateOf(item.effect));
  };
  let adapts = false;
  for (const doc of documents) {
    const adapted = adaptDocument(doc.sample(), schema);
    if (adapted.dropped.length > 0) adapts = true;
    const fatal = adapted.dropped.filter((d) => d.inFilter || doc.essential?.includes(d.coordinate));
    for (const d of adapted.dropped) {
      const fallback = FALLBACKS[d.coordinate] ?? unlistedFallback(doc.capability);
      note(fallback.capability, { coordinate: d.coordinate, effect: fallback.effect, instead: fallback.instead });
    }
    if (fatal.length === 0 && adapted.errors.length === 0) continue;
    const report = reports.get(doc.capability)!;
    const errors = adapted.errors.length > 0 ? adapted.errors : fatal.map((d) => `${d.coordinate} is missing`);
    report.refused.push({ document: doc.name, errors, ...(doc.fallback ? { instead: doc.fallback } : {}) });
    report.state = worse(report.state, doc.fallback ? 'degraded' : 'unavailable');
  }
  noConsentSource(reports);
  for (const [capability, deps] of Object.entries(DEPENDS_ON) as Array<[CentraCapability, CentraCapability[]]>) {
    const report = reports.get(capability)!;
    for (const dep of deps) report.state = worse(report.state, reports.get(dep)!.state === 'unavailable' ? 'unavailable' : 'ok');
  }
  return { source, capabilities: [...reports.values()], adapts };
}

/** Consent fields of customers, any one of which is a source of marketing consent (docs/customers.md). */
const CUSTOMER_CONSENT_FIELDS = ['Customer.newsletter', 'Customer.newsletterSubscriptions', 'Customer.consents'];

/** Marketing consent has two homes in Centra: customers and newsletter subscriptions. Without both it is gone. */
function noConsentSource(reports: Map<CentraCapability, CapabilityReport>): void {
  const consent = reports.get('marketing-consent')!;
  const customerFieldsGone = CUSTOMER_CONSENT_FIELDS.every((f) => consent.missing.some((m) => m.coordinate === f));
  if (!customerFieldsGone || reports.get('newsletter')!.state !== 'unavailable') return;
  consent.state = 'unavailable';
  consent.refused.push({
    document: 'consent sources',
    errors: ['no customer consent field and no newsletterSubscriptions query'],
    instead: 'no opt-in or opt-out reaches Ometria from Centra: keep consent in Ometria (preference centre, forms)',
  });
}

/** Capabilities built on others' documents: reconciliation lists orders as the backfill does. */
const DEPENDS_ON: Partial<Record<CentraCapability, CentraCapability[]>> = {
  reconcile: ['backfill', 'orders'],
  backfill: ['orders'],
};

/** Order sync works: the `doctor` exit code and the start-up verdict. */
export const orderSyncWorks = (report: SchemaReport): boolean => report.capabilities.find((c) => c.capability === 'orders')?.state !== 'unavailable';
