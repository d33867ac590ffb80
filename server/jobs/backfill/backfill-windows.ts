const DAY_MS = 86_400_000;

/** "Most recent first": the last 90 days, then everything older back to `since` (issue 7). */
export const RECENT_DAYS = 90;

export interface Window {
  from: string;
  to: string;
}

/** Time windows to import, newest first, as UTC ISO-8601. `to` is fixed at the start so new orders stay out. */
export function backfillWindows(now: number, since: number): Window[] {
  const recentFrom = Math.max(since, now - RECENT_DAYS * DAY_MS);
  const windows = [{ from: iso(recentFrom), to: iso(now) }];
  if (since < recentFrom) windows.push({ from: iso(since), to: iso(recentFrom - 1000) });
  return windows;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
