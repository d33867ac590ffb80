/** Used when a Retry-After is missing, in the past or unreadable (decisions.md 13). */
export const DEFAULT_RETRY_AFTER_MS = 10_000;

/**
 * Retry-After → milliseconds to wait. Centra sends a timestamp, and decisions.md 13 lists the forms seen:
 * HTTP date, Unix seconds, Unix milliseconds, ISO-8601. A small number is the standard delta-seconds form.
 */
export function retryAfterMs(value: string | null | undefined, now: number): number {
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  const text = value.trim();
  let at: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n < 1e9) return n * 1000; // delta-seconds (RFC 9110)
    at = n >= 1e12 ? n : n * 1000;
  } else {
    at = Date.parse(text);
  }
  if (!Number.isFinite(at) || at <= now) return DEFAULT_RETRY_AFTER_MS;
  return at - now;
}
