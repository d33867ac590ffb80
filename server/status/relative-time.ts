import { escapeHtml } from './html.js';

const UNITS: Array<[limitSeconds: number, sizeSeconds: number, unit: string]> = [
  [90, 1, 's'],
  [90 * 60, 60, 'min'],
  [48 * 3600, 3600, 'h'],
  [Infinity, 86_400, 'd'],
];

/** "42 s ago", "5 min ago", "in 3 h": how long from `nowMs` to an ISO time, rounded to one unit. */
export function relativeTime(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((nowMs - at) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  const size = Math.abs(seconds);
  const [, unitSeconds, unit] = UNITS.find(([limit]) => size < limit)!;
  const amount = Math.round(size / unitSeconds);
  return seconds > 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
}

/** A relative time whose exact UTC time shows on hover (title) and stays machine-readable (datetime). */
export function timeTag(iso: string, nowMs: number): string {
  if (Number.isNaN(Date.parse(iso))) return escapeHtml(iso);
  return `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}">${escapeHtml(relativeTime(iso, nowMs))}</time>`;
}
