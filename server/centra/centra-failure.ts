import type { Outcome } from '../remote/remote-errors.js';

/**
 * Why Centra gave us no data for one entity of a batch, in the terms of what happens next
 * (server/jobs/centra-failures.ts settles each):
 * - `error`: Centra answered this alias with an error, or with a shape we cannot read. It may pass (a resolver
 *   hiccup), so it is retried, a bounded number of times, then dead-lettered with Centra's message.
 * - `rejected`: Centra refuses any document that holds this id, and took the rest of the batch without it:
 *   the id is the cause (e.g. an order number beyond GraphQL `Int`). Dead-lettered at once.
 * - `document_rejected`: Centra took no part of the batch, so the fault cannot be pinned on an id (a field
 *   this Centra lacks fails every alias). Retried like `error`, with one alert about the document.
 */
export type CentraFailure =
  | { status: 'error'; message: string }
  | { status: 'rejected'; message: string; response?: unknown }
  | { status: 'document_rejected'; message: string; response?: unknown };

export const isCentraFailure = (f: { status: string }): f is CentraFailure =>
  f.status === 'error' || f.status === 'rejected' || f.status === 'document_rejected';

export interface CentraErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
}

/** The GraphQL `errors` of a refused request's body; empty when the body is not GraphQL JSON (an HTML page). */
export function centraErrors(body: string): CentraErrorEntry[] {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown; path?: unknown }> };
    return (parsed.errors ?? []).flatMap((e) =>
      typeof e.message === 'string' ? [Array.isArray(e.path) ? { message: e.message, path: e.path as Array<string | number> } : { message: e.message }] : [],
    );
  } catch {
    return [];
  }
}

/** Centra's own words from a refused request: the GraphQL `errors[].message`s, else our summary of the status. */
export function centraMessage(outcome: Extract<Outcome, { kind: 'reject' }>): string {
  const messages = centraErrors(outcome.body).map((e) => e.message);
  if (messages.length > 0) return messages.join('; ').slice(0, 1_000);
  return outcome.body.trim() ? `${outcome.reason}: ${outcome.body.trim().slice(0, 300)}` : outcome.reason;
}
