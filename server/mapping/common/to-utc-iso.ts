/** Date, optional time (`T` or space), optional zone; groups: y, m, d, h, min, s, fraction, zone. */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Normalises a Centra date-time to UTC ISO-8601 with `Z` and millisecond precision (docs/design.md D15).
 * Accepts `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM[:SS[.fff…]]` and a zone (`Z`, `±HH:MM`, `±HHMM`).
 * Digits beyond milliseconds are cut, not rounded. Throws RangeError for anything else or an impossible date.
 * A zone-less value is read per zonelessOffsetMinutes ([INF] UTC).
 */
export function toUtcIso(value: string): string {
  const m = PATTERN.exec(value.trim());
  if (!m) throw new RangeError(`not a date-time: "${value}"`);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(y!, mo! - 1, d, h, mi, s, ms);
  const check = new Date(wall);
  // Date.UTC rolls 31 April over to 1 May and reads year 99 as 1999; a round trip of the parts catches both.
  const parts = [check.getUTCFullYear(), check.getUTCMonth() + 1, check.getUTCDate(), check.getUTCHours()];
  if (parts.join() !== [y, mo, d, h].join() || mi > 59 || s > 59) {
    throw new RangeError(`not a valid date-time: "${value}"`);
  }
  return new Date(wall - zoneOffsetMinutes(m[8]) * 60_000).toISOString();
}

/**
 * [INF] A Centra date-time without a zone is taken as UTC. The Integration API types dates as `DateTimeTz`
 * (with an offset); a zone-less string (older APIs, the webhook `date`) is assumed to be UTC. Correct here
 * if a live account shows otherwise (e.g. the store's local time).
 */
export function zonelessOffsetMinutes(): number {
  return 0;
}

/** Minutes east of UTC for `Z`, `±HH:MM` or `±HHMM`; a missing zone goes to zonelessOffsetMinutes. */
export function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined) return zonelessOffsetMinutes();
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (Number(digits.slice(2)) > 59 || minutes > 18 * 60) throw new RangeError(`not a UTC offset: "${zone}"`);
  return zone.startsWith('-') ? -minutes : minutes;
}
