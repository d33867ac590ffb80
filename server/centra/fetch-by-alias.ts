import { RemoteError } from '../remote/remote-errors.js';
import type { CentraClient, CentraResult } from './centra-client.js';
import { centraMessage, type CentraFailure } from './centra-failure.js';
import { splitUntilAlone, type PartAnswer } from './split-until-alone.js';

/** What Centra answered under one alias, or why it gave nothing for that id. */
export type AliasAnswer = { status: 'data'; value: unknown } | CentraFailure;

export interface AliasedDocument {
  /** The alias of one id in the document, e.g. `o14`. */
  alias: (id: number) => string;
  /** The document for these ids, one aliased root field each (decisions.md 12). */
  build: (ids: readonly number[]) => string;
  /** What an id is, for messages: "order", "customer", … */
  noun: string;
}

type Taken = { part: readonly number[]; result: CentraResult<Record<string, unknown>> };

/**
 * Many ids in one request, one alias each. A per-alias error fails only its id (errorPolicy 'all'). A request
 * Centra refuses whole (HTTP 4xx such as a validation error, or an error with no path and no data) is halved
 * until the id that causes it stands alone (split-until-alone.ts), so one bad id never fails its neighbours.
 * Transient failures (timeout, 5xx, 429, 401) throw RemoteError as before: the caller retries the whole batch.
 */
export async function fetchByAlias(client: CentraClient, ids: readonly number[], doc: AliasedDocument): Promise<Map<number, AliasAnswer>> {
  const send = async (part: readonly number[]): Promise<PartAnswer<Taken>> => {
    let result: CentraResult<Record<string, unknown>>;
    try {
      result = await client.request<Record<string, unknown>>(doc.build(part));
    } catch (error) {
      if (error instanceof RemoteError && error.outcome.kind === 'reject') {
        return { ok: false, message: centraMessage(error.outcome), response: { status: error.outcome.status, body: error.outcome.body } };
      }
      throw error;
    }
    const aliases = new Set(part.map(doc.alias));
    const pathless = result.errors.filter((e) => !aliases.has(String(e.path?.[0])));
    const noData = part.every((id) => result.data?.[doc.alias(id)] === undefined);
    if (pathless.length > 0 && noData) {
      return { ok: false, message: pathless.map((e) => e.message).join('; ').slice(0, 1_000), response: { errors: pathless } };
    }
    return { ok: true, value: { part, result } };
  };

  const outcome = await splitUntilAlone(ids, send);
  const out = new Map<number, AliasAnswer>();
  if (outcome.unattributed) {
    const { message, response } = outcome.unattributed;
    for (const id of ids) out.set(id, { status: 'document_rejected', message, response });
    return out;
  }
  for (const [id, refusal] of outcome.refusedAlone) out.set(id, { status: 'rejected', message: refusal.message, response: refusal.response });
  for (const { part, result } of outcome.answers) {
    for (const id of part) {
      const aliasError = result.errors.find((e) => e.path?.[0] === doc.alias(id));
      const value = result.data?.[doc.alias(id)];
      if (aliasError) out.set(id, { status: 'error', message: aliasError.message });
      else if (value === undefined) out.set(id, { status: 'error', message: `no data for this ${doc.noun} in Centra's answer` });
      else out.set(id, { status: 'data', value });
    }
  }
  return out;
}
