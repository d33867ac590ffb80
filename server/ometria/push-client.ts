import type { OmetriaRecord } from './ometria-records.js';
import { NO_METRICS, type Metrics } from '../metrics/metrics.js';
import { RemoteError } from '../remote/remote-errors.js';
import { withQuickRetries } from '../remote/quick-retry.js';
import { waitForSlot, type RateLimiter } from '../remote/rate-limiter.js';
import { classifyOmetriaResponse, type PushAccepted } from './classify-ometria-response.js';
import { callOmetria } from './ometria-call.js';

export interface PushClientOptions {
  /** e.g. https://api.ometria.com/v2 */
  baseUrl: string;
  apiKey: string;
  limiter: RateLimiter;
  now: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The longest Retry-After honoured, ms (REMOTE_MAX_RETRY_AFTER_SECONDS; default 900 s). */
  maxRetryAfterMs?: number;
  /** Counts and times each push (ometria_pushes_total, ometria_records_total, ometria_push_seconds). */
  metrics?: Metrics;
}

/** Ometria /push takes at most 100 records, all of one type (docs/design.md O1). */
export const MAX_RECORDS_PER_PUSH = 100;

/** One POST /push of ≤100 records of one type; failures throw RemoteError carrying what to do next. */
export function createPushClient(options: PushClientOptions) {
  const metrics = options.metrics ?? NO_METRICS;
  const once = async (records: OmetriaRecord[]): Promise<PushAccepted> => {
    metrics.slotsRebooked('ometria', await waitForSlot(options.limiter, options.now));
    const type = records[0]!['@type'];
    const started = performance.now();
    const took = () => (performance.now() - started) / 1000;
    const answer = await callOmetria(
      `${options.baseUrl}/push`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(records),
      },
      { apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 30_000, ...(options.fetch ? { fetch: options.fetch } : {}) },
    ).catch((error: unknown) => {
      metrics.ometriaPush(type, error instanceof RemoteError ? error.outcome.kind : 'error', records.length, took());
      throw error;
    });
    const outcome = classifyOmetriaResponse({ ...answer, now: options.now(), maxRetryAfterMs: options.maxRetryAfterMs });
    metrics.ometriaPush(type, outcome.kind, records.length, took());
    if (outcome.kind === 'ok') return outcome;
    if (outcome.kind === 'rate_limited') await options.limiter.pauseUntil(options.now() + outcome.delayMs);
    throw new RemoteError(outcome);
  };
  return {
    push(records: OmetriaRecord[]): Promise<PushAccepted> {
      if (records.length === 0 || records.length > MAX_RECORDS_PER_PUSH)
        throw new Error(`push takes 1..${MAX_RECORDS_PER_PUSH} records, got ${records.length}`);
      if (new Set(records.map((r) => r['@type'])).size > 1) throw new Error('push takes one record type per call');
      return withQuickRetries(() => once(records));
    },
  };
}

export type PushClient = ReturnType<typeof createPushClient>;
