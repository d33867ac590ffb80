import { escapeHtml } from '../server/status/html.js';
import type { OmetriaRecorder } from './ometria-recorder/index.js';

const TYPES = ['order', 'contact', 'product', 'custom_event'] as const;
type ViewType = (typeof TYPES)[number];
/** Records listed per page, newest first: the page stays light after a long demo. */
const SHOWN = 200;

export const isViewType = (value: unknown): value is ViewType => TYPES.includes(value as ViewType);

/** One line to recognise a record by before opening it. */
function headline(record: Record<string, unknown>): string {
  const pick = (...keys: string[]) =>
    keys
      .map((k) => record[k])
      .filter((v) => v !== undefined && v !== null && v !== '')
      .join(' · ');
  switch (record['@type']) {
    case 'order':
      return pick('status', 'grand_total', 'currency', 'timestamp');
    case 'contact':
      return pick('marketing_optin', 'store_id', 'timestamp_acquired');
    case 'product':
      return pick('title', 'price', 'is_in_stock');
    default:
      return pick('event_type', 'timestamp');
  }
}

/**
 * GET /sandbox/ometria: everything the Ometria recorder holds, as a page: counts by type, a filter, each record
 * openable in full (a <details>, no script), and the push errors Ometria would list.
 */
export function ometriaView(ometria: OmetriaRecorder, type: ViewType | undefined): string {
  const counts = TYPES.map((t) => `<a href="?type=${t}"${t === type ? ' aria-current="page"' : ''}>${t} (${ometria.store.all(t).length})</a>`).join(' · ');
  const records = (type ? ometria.store.all(type) : TYPES.flatMap((t) => ometria.store.all(t))).slice(-SHOWN).reverse();
  const items = records.map(
    (r) =>
      `<li><details><summary><b>${escapeHtml(r['@type'])} ${escapeHtml(r.id)}</b> ${escapeHtml(headline(r))}</summary><pre>${escapeHtml(JSON.stringify(r, null, 2))}</pre></details></li>`,
  );
  const errors = ometria.errors.list();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>What Ometria received</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:960px}ul{list-style:none;padding:0}li{border-bottom:1px solid #eee;padding:.2rem 0}pre{background:#f6f6f6;padding:.6rem;overflow:auto}a[aria-current]{font-weight:bold}</style></head><body>
<h1>What Ometria received</h1>
<p><a href="/">Sandbox</a> · <a href="/status">/status</a> · <a href="/sandbox/ometria.json">JSON</a></p>
<p>Filter: <a href="?"${type ? '' : ' aria-current="page"'}>all</a> · ${counts}</p>
${items.length ? `<ul id="records">${items.join('')}</ul>` : '<p>Nothing yet: place an order on the <a href="/">sandbox page</a>.</p>'}
<h2>Push errors</h2>
${errors.length ? `<pre>${escapeHtml(JSON.stringify(errors, null, 2))}</pre>` : '<p>None.</p>'}
</body></html>`;
}
