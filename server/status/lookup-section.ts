import { escapeHtml, table, trustedHtml } from './html.js';
import type { EntityLookup } from './entity-lookup.js';
import { timeTag } from './relative-time.js';

/** The lookup form, and what a lookup found: one order's or one customer's whole trail through the service. */
export function lookupSection(baseUrl: string, lookup: EntityLookup | undefined, now: number): string {
  const form = `<form method="get" action="${escapeHtml(`${baseUrl}/status`)}" class="lookup"><label>Order number, customer id or email <input name="q" value="${escapeHtml(lookup?.query ?? '')}" maxlength="254" size="32"></label> <button>Look up</button></form>`;
  if (!lookup) return form;
  if (lookup.as === 'unrecognised') return `${form}<p class="error">Type an order number, a Centra customer id or an email.</p>`;
  const found = lookup.orders.length + lookup.jobs.length + lookup.pushed.length + lookup.deadLetters.length > 0;
  if (!found) {
    const what = lookup.as === 'email' ? 'No customer with that email has been synced' : 'No order or customer with that number has been synced';
    return `${form}<p class="empty">${escapeHtml(`${what} (${lookup.query}): check the number in Centra, or whether its webhook arrived (Recent deliveries).`)}</p>`;
  }
  const at = (iso: string | null) => (iso === null ? '' : trustedHtml(timeTag(iso, now)));
  return [
    form,
    `<p>${escapeHtml(lookup.contactKey ? `Contact key ${lookup.contactKey}.` : '')}</p>`,
    lookup.orders.length > 0 ? `<h3>Orders of this contact</h3>` : '',
    lookup.orders.length > 0
      ? table(
          lookup.orders,
          [
            ['order', (o) => o.orderNumber],
            ['date', (o) => at(o.orderDate)],
            ['net value', (o) => `${o.netValue} ${o.currency}`],
            ['items', (o) => o.items],
            ['counts for segments', (o) => (o.valid ? 'yes' : 'no')],
          ],
          '',
        )
      : '',
    `<h3>Jobs</h3>`,
    table(
      lookup.jobs,
      [
        ['kind', (j) => j.kind],
        ['entity', (j) => j.entity],
        ['state', (j) => j.state],
        ['attempts', (j) => j.attempts],
        ['queued', (j) => at(j.queuedAt)],
        ['finished', (j) => at(j.finishedAt)],
        ['last error', (j) => j.lastError ?? ''],
      ],
      'No jobs.',
    ),
    `<h3>In Ometria</h3>`,
    table(
      lookup.pushed,
      [
        ['record', (p) => `${p.type} ${p.id}`],
        ['last pushed', (p) => at(p.pushedAt)],
        ['pushes', (p) => p.pushes],
      ],
      'Nothing pushed to Ometria yet.',
    ),
    `<h3>Dead letters</h3>`,
    table(
      lookup.deadLetters,
      [
        ['#', (d) => d.id],
        ['state', (d) => d.state],
        ['job', (d) => d.entity],
        ['reason', (d) => d.reason],
        ['updated', (d) => at(d.updatedAt)],
      ],
      'No dead letters.',
    ),
  ].join('\n');
}
