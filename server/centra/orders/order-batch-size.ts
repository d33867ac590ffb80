import type { RateWindow } from '../../remote/rate-limiter.js';

/** kv key of the size in use when it differs from CENTRA_BATCH_SIZE, for /status. */
export const ORDER_BATCH_SIZE_KEY = 'centra-order-batch-size';

const TEN_SECONDS_MS = 10_000;

/** Observations of an order's complexity cost kept; the highest wins, so one light batch cannot oversize the next. */
const COST_SAMPLES = 20;

/**
 * Orders per Integration API request under Centra's query-complexity limit (docs/centra-setup.md): sized so that
 * requests sent at the full request rate stay under the complexity quota of the same window, from the cost per
 * order Centra reports (`extensions.complexity`). Never more than CENTRA_BATCH_SIZE, never fewer than one.
 */
export function createOrderBatchSizer(options: {
  max: number;
  requestWindows: () => readonly RateWindow[];
  /** Called when the size in use changes (for /status). */
  onChange?: (size: number) => void;
}) {
  let complexity: readonly RateWindow[] = [];
  const costs: number[] = [];
  let last = options.max;
  const size = (): number => {
    if (complexity.length === 0 || costs.length === 0) return options.max;
    const perOrder = Math.max(...costs);
    let fit = options.max;
    // Only the 10-second window sizes a batch: an hour's quota divided by an hour's requests assumes the hour is
    // spent at full request rate, which a backlog never is for long; should it happen, Centra's 429 pauses us.
    for (const w of complexity.filter((c) => c.windowMs <= TEN_SECONDS_MS)) {
      const requests = options.requestWindows().find((r) => r.windowMs === w.windowMs)?.limit;
      if (requests) fit = Math.min(fit, Math.floor(w.limit / requests / perOrder));
    }
    return Math.max(1, fit);
  };
  const report = () => {
    const now = size();
    if (now !== last) options.onChange?.(now);
    last = now;
  };
  return {
    /** Centra's QUERY_COMPLEXITY windows from `rateLimits`; none = no complexity limit known. */
    adoptComplexityQuota(windows: readonly RateWindow[] | undefined): void {
      complexity = windows ?? [];
      report();
    },
    /** One request's reported cost for `orders` orders. */
    observe(orders: number, cost: number | undefined): void {
      if (cost === undefined || orders <= 0 || !(cost > 0)) return;
      costs.push(cost / orders);
      if (costs.length > COST_SAMPLES) costs.shift();
      report();
    },
    size,
  };
}

export type OrderBatchSizer = ReturnType<typeof createOrderBatchSizer>;
