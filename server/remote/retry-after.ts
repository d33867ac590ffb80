/** Used when a Retry-After is missing, in the past or unreadable (docs/design.md D13). */
export const DEFAULT_RETRY_AFTER_MS = 10_000;

/**
 * The longest wait a remote may ask for, ms, unless REMOTE_MAX_RETRY_AFTER_SECONDS says otherwise (default 900 s,
 * the job backoff's own ceiling). A remote that asks for longer (a bug, a hostile proxy, `Retry-After: 999999999`)
 * is asked again after this: it parks no job for years and pauses no limiter past it.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 900_000;

/**
 * Retry-After → milliseconds to wait, at most `maxMs`. Centra sends a timestamp, and docs/design.md D13 lists the
 * forms seen: HTTP date, Unix seconds, Unix milliseconds, ISO-8601. A small number is the standard delta-seconds
 * form. This is the one place a Retry-After is read: every remote's classifier calls it, so the cap holds for all.
 */
export function retryAfterMs(value: string | null | undefined, now: number, maxMs = DEFAULT_MAX_RETRY_AFTER_MS): number {
  return Math.min(uncappedMs(value, now), Math.max(0, maxMs));
}

function uncappedMs(value: string | null | undefined, now: number): number {
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
