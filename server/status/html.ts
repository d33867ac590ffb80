const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Any value is shown as String() gives it; callers pass scalars, an object would show as [object Object].
// eslint-disable-next-line @typescript-eslint/no-base-to-string
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup a cell renders as is: only for markup built here from escaped parts (a <time> tag, a link). */
export interface TrustedHtml {
  readonly html: string;
}

export const trustedHtml = (html: string): TrustedHtml => ({ html });

const cellHtml = (value: unknown): string => (typeof value === 'object' && value !== null && 'html' in value ? (value as TrustedHtml).html : escapeHtml(value));

/** A table of rows, every cell escaped unless it is TrustedHtml. */
export function table<T>(rows: T[], columns: Array<[string, (row: T) => unknown]>, empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = columns.map(([title]) => `<th>${escapeHtml(title)}</th>`).join('');
  const body = rows.map((row) => `<tr>${columns.map(([, cell]) => `<td>${cellHtml(cell(row))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
