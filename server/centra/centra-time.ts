/**
 * Epoch ms → a Centra DateTimeTz input in UTC, whole seconds (`2024-06-03T16:00:00+00:00`), the form Centra
 * itself prints. Cut down, never rounded up, so a watermark never skips the second it names.
 */
export function centraTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

const EXPLICIT_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A Centra DateTimeTz output (`2024-06-03T18:00:00+02:00`) → epoch ms; undefined when absent, unreadable or
 * without a zone (a zone-less time is in the store's zone, which we do not know: better unknown than 2 h off).
 */
export function centraTimeMs(value: string | null | undefined): number | undefined {
  if (value == null || !EXPLICIT_ZONE.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}
