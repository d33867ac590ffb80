import { z } from 'zod';
import { retryAfterMs } from '../remote/retry-after.js';
import type { Outcome } from '../remote/remote-errors.js';

/** Ometria's documented push reply (docs/design.md O1); lenient because only `status` is promised. */
export const PushResponseSchema = z.object({
  status: z.string().optional(),
  request_id: z.string().optional(),
  accepted: z.number().int().optional(),
  rejected: z.number().int().optional(),
});

export type PushAccepted = { kind: 'ok'; status: number; requestId: string | null; accepted: number | null; rejected: number | null };

/** Without a Retry-After (Ometria documents none) a 429 waits this long before the job runs again. */
const RATE_LIMIT_PAUSE_MS = 5_000;

/** One place decides what an Ometria push reply means: accepted, retry, wait, fix credentials, or reject. */
export function classifyOmetriaResponse(status: number, headers: Headers, body: string, now: number, maxRetryAfterMs?: number): PushAccepted | Outcome {
  if (status >= 200 && status < 300) {
    let parsed: z.infer<typeof PushResponseSchema> = {};
    try {
      parsed = PushResponseSchema.parse(JSON.parse(body));
    } catch {
      // Any 2xx is accepted (docs/design.md O1: 200 vs 202 is not settled); the body only adds counts.
    }
    return { kind: 'ok', status, requestId: parsed.request_id ?? null, accepted: parsed.accepted ?? null, rejected: parsed.rejected ?? null };
  }
  if (status === 429) {
    const header = headers.get('retry-after');
    return { kind: 'rate_limited', reason: 'Ometria rate limit reached (429)', delayMs: header ? retryAfterMs(header, now, maxRetryAfterMs) : RATE_LIMIT_PAUSE_MS };
  }
  if (status === 401 || status === 403) return { kind: 'auth', reason: `Ometria refused the API key (${status}): check OMETRIA_API_KEY` };
  if (status === 408 || status >= 500) return { kind: 'retry', reason: `Ometria answered ${status}` };
  return { kind: 'reject', reason: `Ometria rejected the batch (${status})`, status, body: body.slice(0, 2000) };
}
