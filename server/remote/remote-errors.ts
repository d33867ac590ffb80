/**
 * What happens next after a remote call failed, decided once per remote API
 * (classify-centra-error.ts, classify-ometria-response.ts).
 */
export type Outcome =
  | { kind: 'retry'; reason: string }
  | { kind: 'rate_limited'; reason: string; delayMs: number }
  | { kind: 'auth'; reason: string }
  | { kind: 'reject'; reason: string; status: number; body: string };

export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(readonly outcome: Outcome) {
    super(outcome.reason);
  }
}
