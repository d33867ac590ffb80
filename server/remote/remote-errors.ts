/**
 * What happens next after a remote call failed, decided once per remote API by its classifier
 * (server/centra/classify-centra-error.ts, server/ometria/classify-ometria-response.ts); no call site decides it
 * from message text.
 * - `retry`: the call may pass if sent again (5xx, 408, a dropped connection). `timedOut` marks a call that got no
 *   answer within its timeout: it already held the worker that long, so it is not retried at once (quick-retry.ts).
 * - `rate_limited`: wait `delayMs` (the remote's Retry-After, capped) before the next call.
 * - `auth`: our credentials were refused; nothing passes until an operator fixes them.
 * - `reject`: the remote refused this request (4xx): its content is the cause, so it is split or dead-lettered.
 * - `unusable`: the remote answered, but not with what was asked (GraphQL errors in place of the data, a body we
 *   cannot read). Sending the same request again is not expected to help, so callers tell a person (an alert).
 */
export type Outcome =
  | { kind: 'retry'; reason: string; timedOut?: true }
  | { kind: 'rate_limited'; reason: string; delayMs: number }
  | { kind: 'auth'; reason: string }
  | { kind: 'reject'; reason: string; status: number; body: string }
  | { kind: 'unusable'; reason: string };

export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(readonly outcome: Outcome) {
    super(outcome.reason);
  }
}
