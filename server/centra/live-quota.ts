import type { RateWindow } from '../remote/rate-limiter.js';
import type { CentraClient } from './centra-client.js';

export const RATE_LIMITS_QUERY = `query RateLimits { rateLimits { type intervalSeconds quota remainingQuota } }`;

const WINDOW_MS = { TEN_SECONDS: 10_000, ONE_HOUR: 3_600_000 } as const;

/**
 * Centra's live request quota (decisions.md 13: defaults differ between doc versions and are shared by every
 * integration of an environment), as limiter windows; undefined when Centra did not say.
 */
export async function readLiveQuota(client: CentraClient): Promise<RateWindow[] | undefined> {
  const res = await client.request<{ rateLimits: Array<{ type: string; intervalSeconds: keyof typeof WINDOW_MS; quota: number }> }>(RATE_LIMITS_QUERY);
  const windows = (res.data?.rateLimits ?? [])
    .filter((r) => r.type === 'REQUEST_COUNT' && WINDOW_MS[r.intervalSeconds] && r.quota > 0)
    .map((r) => ({ limit: r.quota, windowMs: WINDOW_MS[r.intervalSeconds] }));
  return windows.length > 0 ? windows : undefined;
}
