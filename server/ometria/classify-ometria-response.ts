import { z } from 'zod';
import { retryAfterMs } from '../remote/retry-after.js';
import { RemoteError, type Outcome } from '../remote/remote-errors.js';

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

/** What one Ometria call gave; `call` names it in reasons ("GET /push/_errors"), the push's reasons name none. */
export type OmetriaReply = { call?: string } &
  /** The call got no answer: the network, or our timeout (a `TimeoutError`). */
  (
    | { thrown: unknown }
    /** An HTTP answer. `now` (epoch ms) reads a Retry-After; `maxRetryAfterMs` caps it (retry-after.ts). */
    | { status: number; headers: Headers; body: string; now: number; maxRetryAfterMs?: number }
    /** A 2xx whose body is not what the endpoint documents; the text says what is wrong. */
    | { unreadable: string }
  );

/** One place decides what an Ometria answer means: accepted, retry, wait, fix credentials, reject, or unusable. */
export function classifyOmetriaResponse(reply: OmetriaReply & ({ thrown: unknown } | { unreadable: string })): Outcome;
export function classifyOmetriaResponse(reply: OmetriaReply): PushAccepted | Outcome;
export function classifyOmetriaResponse(reply: OmetriaReply): PushAccepted | Outcome {
  const ometria = reply.call ? `Ometria ${reply.call}` : 'Ometria';
  if ('thrown' in reply) {
    const error = reply.thrown as Error | undefined;
    if (error?.name === 'TimeoutError') return { kind: 'retry', reason: `${ometria} did not answer in time`, timedOut: true };
    return { kind: 'retry', reason: `${ometria} unreachable: ${error?.message ?? String(error)}` };
  }
  if ('unreadable' in reply) return { kind: 'unusable', reason: `${ometria} answered in a shape we cannot read: ${reply.unreadable}` };
  const { status, headers, body } = reply;
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
    return {
      kind: 'rate_limited',
      reason: `${ometria} rate limit reached (429)`,
      delayMs: header ? retryAfterMs(header, reply.now, reply.maxRetryAfterMs) : RATE_LIMIT_PAUSE_MS,
    };
  }
  if (status === 401 || status === 403) return { kind: 'auth', reason: `${ometria} refused the API key (${status}): check OMETRIA_API_KEY` };
  if (status === 408 || status >= 500) return { kind: 'retry', reason: `${ometria} answered ${status}` };
  const refused = reply.call ? `${ometria} answered ${status}` : `Ometria rejected the batch (${status})`;
  return { kind: 'reject', reason: refused, status, body: body.slice(0, 2000) };
}

/** The RemoteError (`unusable`) for a 2xx whose body is not what the endpoint `call` documents. */
export function unreadableAnswer(detail: string, call?: string): RemoteError {
  return new RemoteError(classifyOmetriaResponse({ unreadable: detail, call }));
}

/** The 2xx of an Ometria answer, or its RemoteError with the outcome classifyOmetriaResponse gave. */
export function acceptedOrThrow(reply: OmetriaReply): PushAccepted {
  const outcome = classifyOmetriaResponse(reply);
  if (outcome.kind === 'ok') return outcome;
  throw new RemoteError(outcome);
}
