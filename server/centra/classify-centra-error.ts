import { ClientError } from 'graphql-request';
import { retryAfterMs } from '../remote/retry-after.js';
import { RemoteError, type Outcome } from '../remote/remote-errors.js';

/** What an Integration API request gave instead of the data asked for. */
export type CentraReply =
  /**
   * The request threw: an HTTP status graphql-request refused, the network, or our timeout. `now` (epoch ms) reads
   * a Retry-After; `maxRetryAfterMs` (REMOTE_MAX_RETRY_AFTER_SECONDS in ms) caps it (retry-after.ts).
   */
  | { thrown: unknown; now: number; maxRetryAfterMs?: number }
  /**
   * Centra answered 2xx without `missing` (e.g. "products page"): GraphQL errors in its place, or rows we cannot
   * read (`detail` says why when Centra gave no error).
   */
  | { missing: string; errors: ReadonlyArray<{ message: string }>; detail?: string };

/** One place decides what a failed Integration API call means for the job that made it. */
export function classifyCentraError(reply: CentraReply): Outcome {
  if ('missing' in reply) {
    return { kind: 'unusable', reason: `Centra returned no ${reply.missing}: ${reply.errors[0]?.message ?? reply.detail ?? 'empty answer'}` };
  }
  const error = reply.thrown;
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 429) {
      return {
        kind: 'rate_limited',
        reason: 'Centra rate limit reached (429)',
        delayMs: retryAfterMs(error.response.headers?.get('retry-after'), reply.now, reply.maxRetryAfterMs),
      };
    }
    if (status === 401 || status === 403) {
      return { kind: 'auth', reason: `Centra refused the Integration API token (${status}): check CENTRA_API_TOKEN, its permissions and expiry` };
    }
    if (status >= 500 || status === 408) return { kind: 'retry', reason: `Centra answered ${status}` };
    if (status >= 200 && status < 300) return { kind: 'retry', reason: `Centra returned GraphQL errors: ${error.message.slice(0, 300)}` };
    return { kind: 'reject', reason: `Centra answered ${status}`, status, body: error.response.body?.slice(0, 2000) ?? '' };
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', reason: 'Centra did not answer in time', timedOut: true };
  return { kind: 'retry', reason: `Centra unreachable: ${(error as Error)?.message ?? String(error)}` };
}

/** The RemoteError for a Centra answer without `missing`: what page and list call sites throw. */
export function missingFromAnswer(missing: string, errors: ReadonlyArray<{ message: string }>, detail?: string): RemoteError {
  return new RemoteError(classifyCentraError({ missing, errors, detail }));
}
