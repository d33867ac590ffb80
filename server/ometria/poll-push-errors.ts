import { createHash } from 'node:crypto';
import { z } from 'zod';
import { catalogueAlert, type CatalogueAlert } from '../alerts/alert-catalogue.js';
import type { Alerter } from '../alerts/alerter.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';
import { unreadableAnswer } from './classify-ometria-response.js';
import { recordTypeOfErrorPath } from './error-path-type.js';
import { callOmetria, jsonOf } from './ometria-call.js';

/** GET /push/_errors: the latest 100 asynchronous validation errors, no ids (docs/design.md O3). */
export const PushErrorsSchema = z.array(z.object({ error_message: z.string(), error_path: z.string() }));

const SEEN_KEY = 'push_errors:seen';
const LAST_POLL_KEY = 'push_errors:last_poll';
/** Fingerprints remembered across polls; the endpoint keeps 100, so a few hundred is plenty. */
const SEEN_CAP = 500;

export interface PollDeps {
  baseUrl: string;
  apiKey: string;
  store: Store;
  alerter: Alerter;
  now: () => number;
  fetch?: typeof fetch;
  /** Counts dead letters; none without. */
  metrics?: Metrics;
}

/** Record types whose id is also the key of the job that rebuilds them, so a dead letter of one can be replayed. */
const REPLAYABLE: Record<string, string> = { order: 'order' };

/**
 * The one record an asynchronous error can be about, if there is one: Ometria names no record (docs/design.md D7),
 * but when exactly one record of the error's type was sent in 2xx-answered calls over the last TWO poll intervals,
 * the error is that record's (issue 15, item 5). Two intervals, not one: an error Ometria lists a little after
 * the poll that followed its push [INF: Ometria lists an error within one poll interval of the push] must not be
 * pinned on the next record. Only orders are dead-lettered that way: their id is the job's key, so replay
 * rebuilds them; otherwise the alert names the suspects as before. A first poll (no watermark) identifies nothing.
 */
async function identifyCulprit(
  tx: Store,
  since: number,
  now: number,
  type: string | undefined,
): Promise<{ type: string; id: string; jobKind: string } | undefined> {
  const jobKind = type === undefined ? undefined : REPLAYABLE[type];
  if (!jobKind || since <= 0) return undefined;
  const lookback = since - (now - since);
  const candidates = await tx.ledger.pushedSince(lookback, type, 2);
  if (candidates.length !== 1 || (await tx.pushLog.recordsAcceptedSince(lookback, type)) !== 1) return undefined;
  return { type: type!, id: candidates[0]!.record_id, jobKind };
}

/** Ometria's current asynchronous errors; throws the RemoteError its classifier gives any other answer. */
async function fetchPushErrors(deps: PollDeps): Promise<z.infer<typeof PushErrorsSchema>> {
  const call = 'GET /push/_errors';
  const answer = await callOmetria(
    `${deps.baseUrl}/push/_errors`,
    {},
    { apiKey: deps.apiKey, timeoutMs: 15_000, call, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  );
  const parsed = PushErrorsSchema.safeParse(jsonOf(answer, call, deps.now()));
  if (!parsed.success) throw unreadableAnswer(`${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, call);
  return parsed.data;
}

/**
 * Turns new asynchronous errors into one deduplicated alert each, naming as suspects the records of the
 * matching type accepted since the previous poll (docs/design.md D7). Returns how many errors were new.
 */
export async function pollPushErrors(deps: PollDeps): Promise<number> {
  const errors = await fetchPushErrors(deps);
  const now = deps.now();
  // What was seen, the findings and the new watermark commit together; the alerter writes on its own, so after.
  // Counted once committed: a rolled-back transaction wrote no dead letter.
  const lettered: string[] = [];
  const alerts = await deps.store.transaction(async (tx) => {
    lettered.length = 0;
    const since = (await tx.kv.get<number>(LAST_POLL_KEY)) ?? 0;
    const seen = new Set((await tx.kv.get<string[]>(SEEN_KEY)) ?? []);
    const out: CatalogueAlert[] = [];
    for (const e of errors) {
      const fingerprint = createHash('sha256').update(`${e.error_path}\n${e.error_message}`).digest('hex').slice(0, 16);
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      const type = recordTypeOfErrorPath(e.error_path);
      const suspects = (await tx.ledger.pushedSince(since, type, 20)).map((r) => `${r.record_type} ${r.record_id}`);
      await tx.findings.record(
        {
          kind: 'record_rejected_async',
          entity: `${e.error_path}`.slice(0, 120),
          team: 'ecommerce',
          detail: `${e.error_message}; suspects: ${suspects.join(', ') || 'none pushed since the previous check'}`,
          repair: 'manual',
        },
        now,
      );
      const culprit = await identifyCulprit(tx, since, now, type);
      if (culprit) {
        const reason = `Ometria rejected ${culprit.type} ${culprit.id} after accepting its push: "${e.error_message}" at ${e.error_path}`;
        await tx.ledger.forget(culprit.type, culprit.id);
        const id = await tx.deadLetters.add(
          { jobKind: culprit.jobKind, entityKey: culprit.id, recordType: culprit.type, recordId: culprit.id, reason, response: e },
          now,
        );
        lettered.push(culprit.type);
        out.push(
          catalogueAlert('dead_letter', {
            source: 'ometria_async',
            type: culprit.type,
            id: culprit.id,
            deadLetterId: id,
            reason,
            errorPath: e.error_path,
            errorMessage: e.error_message,
          }),
        );
        continue;
      }
      out.push(catalogueAlert('ometria_async_error', { hash: fingerprint, type, errorPath: e.error_path, errorMessage: e.error_message, suspects }));
    }
    await tx.kv.set(SEEN_KEY, [...seen].slice(-SEEN_CAP));
    await tx.kv.set(LAST_POLL_KEY, now);
    return out;
  });
  for (const type of lettered) deps.metrics?.deadLettered(type);
  for (const alert of alerts) await deps.alerter.raise(alert);
  return alerts.length;
}
