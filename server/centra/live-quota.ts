import { tokenBucket } from '../remote/limiter-windows.js';
import type { RateWindow } from '../remote/rate-limiter.js';
import type { CentraClient } from './centra-client.js';

import { RATE_LIMITS_QUERY } from './rate-limits-query.js';

export { RATE_LIMITS_QUERY };

const WINDOW_MS: Readonly<Record<string, number>> = { TEN_SECONDS: 10_000, ONE_HOUR: 3_600_000 };

/** One row of Centra's `rateLimits`, as doctor prints it. */
export interface QuotaRow {
  type: string;
  intervalSeconds: string;
  quota: number;
  usedQuota?: number | null;
  remainingQuota?: number | null;
}

export interface LiveQuota {
  rows: QuotaRow[];
  /** REQUEST_COUNT windows as limiter windows; undefined when Centra did not say. */
  requests: RateWindow[] | undefined;
  /** QUERY_COMPLEXITY windows, points per window; undefined when Centra did not say (docs/centra-setup.md). */
  complexity: RateWindow[] | undefined;
}

/**
 * Centra's live quota (docs/design.md D13: defaults differ between doc versions and are shared by every integration
 * of an environment): request counts for the limiter, complexity points for batch sizes.
 */
export async function readLiveQuota(client: CentraClient): Promise<LiveQuota> {
  const res = await client.request<{ rateLimits?: QuotaRow[] | null }>(RATE_LIMITS_QUERY);
  const rows = (res.data?.rateLimits ?? []).filter((r) => typeof r?.quota === 'number');
  const windows = (type: string) => {
    const found = rows
      .filter((r) => r.type === type && WINDOW_MS[r.intervalSeconds] && r.quota > 0)
      .map((r) => tokenBucket(r.quota, WINDOW_MS[r.intervalSeconds]!));
    return found.length > 0 ? found : undefined;
  };
  return { rows, requests: windows('REQUEST_COUNT'), complexity: windows('QUERY_COMPLEXITY') };
}
