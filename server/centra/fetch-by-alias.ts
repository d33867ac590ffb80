import { RemoteError } from '../remote/remote-errors.js';
import type { CentraClient, CentraResult } from './centra-client.js';
import { centraErrors, centraMessage, type CentraErrorEntry, type CentraFailure } from './centra-failure.js';
import { splitUntilAlone, type PartAnswer } from './split-until-alone.js';

/**
 * What a fetch by id gives for one id, whatever the entity: the entity (its fields beside `status: 'found'`, e.g.
 * `{ status: 'found', order }`), `not_found` when Centra has none, or why Centra gave nothing for it (CentraFailure,
 * settled by server/jobs/centra-failures.ts). Every entity's fetch returns this type, narrowed where a case cannot
 * arise for it.
 */
export type Fetched<T extends object> = ({ status: 'found' } & T) | { status: 'not_found' } | CentraFailure;

export interface AliasedDocument<R> {
  /** The alias of one id in the document, e.g. `o14`. */
  alias: (id: number) => string;
  /** The document for these ids, one aliased root field each (docs/design.md D12). */
  build: (ids: readonly number[]) => string;
  /** What an id is, for messages: "order", "customer", … */
  noun: string;
  /**
   * Reads what Centra answered under one alias (null included, never undefined): the entity, `not_found`, or a
   * failure for a shape we cannot read. Never throws.
   */
  read: (value: unknown) => R;
  /** Told the complexity Centra reported for each answered request of `ids` ids (order batch sizing). */
  onCost?: (ids: number, complexity: number | undefined) => void;
}

/** What a refused request leaves for the dead letter: Centra's status (when HTTP said no) and its errors. */
interface RefusedResponse {
  status?: number;
  errors: CentraErrorEntry[];
}

type Taken = { part: readonly number[]; result: CentraResult<Record<string, unknown>> };

/**
 * Many ids in one request, one alias each, so one bad id never fails its neighbours:
 * - a per-alias error beside other aliases' data fails only its id (errorPolicy 'all');
 * - a refusal (HTTP 4xx, or errors and no alias data: Centra's root lists are non-null, so one alias's resolver
 *   error nulls all `data`) whose errors name aliases settles those ids as `error` and re-sends the rest;
 * - a refusal that names no alias (a validation error, such as an order number beyond GraphQL Int) is halved
 *   until the id that causes it stands alone (split-until-alone.ts): that id is `rejected`, dead-lettered at once.
 * Transient failures (timeout, 5xx, 429, 401) throw RemoteError unsplit: the caller retries the whole batch.
 * The map holds every id of `ids`: what `doc.read` made of its alias, or its CentraFailure.
 */
export async function fetchByAlias<R>(client: CentraClient, ids: readonly number[], doc: AliasedDocument<R>): Promise<Map<number, R | CentraFailure>> {
  // Ids whose alias Centra named in the errors of a refused request: settled, never sent again in this call.
  const named = new Map<number, string>();

  const once = async (part: readonly number[]): Promise<PartAnswer<Taken>> => {
    let result: CentraResult<Record<string, unknown>>;
    try {
      result = await client.request<Record<string, unknown>>(doc.build(part));
    } catch (error) {
      if (error instanceof RemoteError && error.outcome.kind === 'reject') {
        const response: RefusedResponse = { status: error.outcome.status, errors: centraErrors(error.outcome.body) };
        return { ok: false, message: response.errors.length > 0 ? withPaths(response.errors) : centraMessage(error.outcome), response };
      }
      throw error;
    }
    const noData = part.every((id) => result.data?.[doc.alias(id)] === undefined || result.data?.[doc.alias(id)] === null);
    if (result.errors.length > 0 && noData) {
      const response: RefusedResponse = { errors: result.errors.map((e) => (e.path ? { message: e.message, path: e.path } : { message: e.message })) };
      return { ok: false, message: withPaths(response.errors), response };
    }
    doc.onCost?.(part.length, result.complexity);
    return { ok: true, value: { part, result } };
  };

  // A refusal whose errors name aliases (resolver errors: Centra ran the document, and one alias's error
  // nulled all the data) needs no halving: those ids are settled and the rest is sent again at once. Only a
  // refusal that names no alias (a validation error) is split. So many bad ids cost one extra request, not 2n.
  const send = async (part: readonly number[]): Promise<PartAnswer<Taken>> => {
    let live = part.filter((id) => !named.has(id));
    for (;;) {
      if (live.length === 0) return { ok: true, value: { part: [], result: { data: undefined, errors: [] } } };
      const answer = await once(live);
      if (answer.ok) return answer;
      const onAliases = live.flatMap((id) => {
        const error = (answer.response as RefusedResponse).errors.find((e) => e.path?.[0] === doc.alias(id));
        return error ? [[id, error.message] as const] : [];
      });
      if (onAliases.length === 0) return answer;
      for (const [id, message] of onAliases) named.set(id, message);
      live = live.filter((id) => !named.has(id));
    }
  };

  const outcome = await splitUntilAlone(ids, send);
  const out = new Map<number, R | CentraFailure>();
  for (const [id, message] of named) out.set(id, { status: 'error', message });
  if (outcome.unattributed) {
    const refusal = outcome.unattributed;
    for (const id of ids) {
      if (!named.has(id)) out.set(id, { status: 'document_rejected', message: refusal.message, response: refusal.response });
    }
    return out;
  }
  for (const [id, refusal] of outcome.refusedAlone) out.set(id, { status: 'rejected', message: refusal.message, response: refusal.response });
  for (const { part, result } of outcome.answers) {
    for (const id of part) {
      const aliasError = result.errors.find((e) => e.path?.[0] === doc.alias(id));
      const value = result.data?.[doc.alias(id)];
      if (aliasError) out.set(id, { status: 'error', message: aliasError.message });
      else if (value === undefined) out.set(id, { status: 'error', message: `no data for this ${doc.noun} in Centra's answer` });
      else out.set(id, doc.read(value));
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { status: 'error', message: `no answer for this ${doc.noun}` });
  return out;
}

/**
 * Centra's messages, each with its path when it has one: two ids refused alone with one resolver error
 * ("o4.0.status: Cannot return null…", "o5.0.status: …") then differ, so split-until-alone does not take them
 * for a fault of the document.
 */
function withPaths(errors: readonly CentraErrorEntry[]): string {
  return errors
    .map((e) => (e.path ? `${e.path.join('.')}: ${e.message}` : e.message))
    .join('; ')
    .slice(0, 1_000);
}
