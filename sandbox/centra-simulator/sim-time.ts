/**
 * Centra answers dates as ISO-8601 with the store's offset (`2024-06-03T18:00:00+02:00`) and takes
 * `YYYY-MM-DD HH:MM:SS` without a zone as input. [INF] A fixed offset stands in for the store's zone:
 * no daylight-saving switch, which is enough for tests and keeps output deterministic.
 */
const pad = (n: number, width = 2): string => String(Math.trunc(n)).padStart(width, '0');
const EXPLICIT_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

export function offsetSuffix(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/** Wall-clock parts at the given offset: a Date whose UTC fields read as local time. */
export function shiftToOffset(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * 60_000);
}

export function formatTz(ms: number, offsetMinutes: number): string {
  const d = shiftToOffset(ms, offsetMinutes);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}${offsetSuffix(offsetMinutes)}`;
}

/** Epoch ms of a Centra date input; zone-less input is read at the store offset. NaN when unreadable. */
export function parseTz(value: string | Date, offsetMinutes: number): number {
  if (value instanceof Date) return value.getTime();
  const text = value.trim();
  if (EXPLICIT_ZONE.test(text)) return Date.parse(text.replace(' ', 'T'));
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  return utc - offsetMinutes * 60_000;
}

/** Output form: a string that already carries an offset is kept byte for byte. */
export function toTzOutput(value: string | Date, offsetMinutes: number): string | null {
  if (typeof value === 'string' && /[+-]\d{2}:\d{2}$/.test(value)) return value;
  const ms = parseTz(value, offsetMinutes);
  return Number.isNaN(ms) ? null : formatTz(ms, offsetMinutes);
}
