import type { QuotaRow } from '../centra/live-quota.js';
import type { CapabilityReport } from '../centra/schema/check-schema.js';
import type { RefundSource } from '../centra/schema/refund-source.js';

export interface DoctorReport {
  /** The endpoint introspected, or the file read. */
  source: string;
  orderSyncWorks: boolean;
  capabilities: CapabilityReport[];
  refunds: RefundSource;
  /** The token's live quota; a string when Centra would not say; absent with --schema. */
  rateLimits: QuotaRow[] | string | undefined;
}

const STATE_LABEL = { ok: 'OK', degraded: 'degraded', unavailable: 'unavailable' } as const;

/** The human form: one row per capability, then each missing item once with what the service does instead. */
export function formatDoctorReport(r: DoctorReport): string {
  const width = Math.max(...r.capabilities.map((c) => c.capability.length));
  const lines = [`Centra schema: ${r.source}`, ''];
  for (const c of r.capabilities) {
    lines.push(`${c.capability.padEnd(width)}  ${STATE_LABEL[c.state]}`);
    for (const m of c.missing) lines.push(`${' '.repeat(width)}    - ${m.coordinate} missing: ${m.instead}`);
    for (const d of c.refused) lines.push(`${' '.repeat(width)}    - ${d.document} not sent (${d.errors.join('; ')})${d.instead ? `: ${d.instead}` : ''}`);
  }
  lines.push('', `Refunded quantities: ${r.refunds.quantities}; amounts: ${r.refunds.amounts}.`);
  if (typeof r.rateLimits === 'string') lines.push(`Rate limits: ${r.rateLimits}`);
  else if (r.rateLimits) {
    lines.push('Rate limits (this token, live):');
    for (const q of r.rateLimits) lines.push(`  ${q.type} per ${q.intervalSeconds}: ${q.quota}${q.remainingQuota == null ? '' : `, ${q.remainingQuota} left`}`);
  }
  lines.push(
    '',
    r.orderSyncWorks ? 'Order sync works with this Centra.' : 'Order sync CANNOT work with this Centra: see the rows above and docs/centra-setup.md.',
  );
  return lines.join('\n');
}
