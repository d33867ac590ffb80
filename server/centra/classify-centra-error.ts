import { ClientError } from 'graphql-request';
import { retryAfterMs } from '../remote/retry-after.js';
import type { Outcome } from '../remote/remote-errors.js';

/** One place decides what a failed Integration API call means for the job that made it. */
/** `maxRetryAfterMs`: REMOTE_MAX_RETRY_AFTER_SECONDS in ms (retry-after.ts caps the wait Centra asks for). */
export function classifyCentraError(error: unknown, now: number, maxRetryAfterMs?: number): Outcome {
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 429) {
      return { kind: 'rate_limited', reason: 'Centra rate limit reached (429)', delayMs: retryAfterMs(error.response.headers?.get('retry-after'), now, maxRetryAfterMs) };
    }
    if (status === 401 || status === 403) {
      return { kind: 'auth', reason: `Centra refused the Integration API token (${status}): check CENTRA_API_TOKEN, its permissions and expiry` };
    }
    if (status >= 500 || status === 408) return { kind: 'retry', reason: `Centra answered ${status}` };
    if (status >= 200 && status < 300) return { kind: 'retry', reason: `Centra returned GraphQL errors: ${error.message.slice(0, 300)}` };
    return { kind: 'reject', reason: `Centra answered ${status}`, status, body: error.response.body?.slice(0, 2000) ?? '' };
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', reason: 'Centra did not answer in time' };
  return { kind: 'retry', reason: `Centra unreachable: ${(error as Error)?.message ?? String(error)}` };
}
