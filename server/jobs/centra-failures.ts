import type { CentraFailure } from '../centra/centra-failure.js';
import type { Job } from '../store/job-store.js';
import { retryJob } from '../worker/reschedule.js';
import type { SyncContext } from './sync-context.js';

/**
 * How many attempts in a row may meet a Centra error about one entity (an error on its alias, a shape we cannot
 * read, or a whole document Centra refused) before the job is dead-lettered with Centra's message. With the
 * job backoff (2 s doubling, equal jitter, 15 min cap) 10 attempts span about 25 minutes: long enough for a
 * passing fault inside Centra, short enough that a persistent one stops costing quota within the hour. A
 * transient failure of the whole request (5xx, timeout, 429, 401) never counts here: it is retried for ever.
 */
export const CENTRA_ERROR_ATTEMPTS = 10;

// The count lives in the job's last_error ("Centra error (3 of 10): …"), visible on /status. Only errors of
// this kind in a row count: a rate-limited attempt in between starts the count again.
const STRIKE = /^Centra error \((\d+) of \d+\)/;

/** The number of this attempt among consecutive Centra errors about the job's entity (1 = the first). */
export function centraErrorStrike(lastError: string | null): number {
  const match = lastError ? STRIKE.exec(lastError) : null;
  return match ? Number(match[1]) + 1 : 1;
}

/** Fingerprint of the one alert raised while Centra refuses a whole document of this kind. */
export const documentAlertFingerprint = (kind: string) => `centra-document-rejected:${kind}`;

/**
 * Settles a job whose entity Centra gave no data for: an id Centra refuses alone is dead-lettered now; an error
 * that may pass is retried up to CENTRA_ERROR_ATTEMPTS times, then dead-lettered. Every dead letter raises an
 * alert naming the entity, Centra's message and who should act; replay re-fetches the entity.
 */
export async function settleCentraFailure(ctx: SyncContext, job: Job, failure: CentraFailure): Promise<void> {
  const entity = `${job.kind} ${job.entity_key}`;
  if (failure.status === 'document_rejected') await raiseDocumentAlert(ctx, job.kind, failure.message);
  if (failure.status !== 'rejected') {
    const strike = centraErrorStrike(job.last_error);
    const what = failure.status === 'document_rejected' ? 'Centra refused the whole request: ' : '';
    if (strike < CENTRA_ERROR_ATTEMPTS) {
      await retryJob(ctx, job, `Centra error (${strike} of ${CENTRA_ERROR_ATTEMPTS}): ${entity}: ${what}${failure.message}`);
      return;
    }
  }
  const reason = failure.status === 'rejected'
    ? `Centra refuses any request for ${entity} (it answered the rest of the batch): ${failure.message}`
    : `Centra gave no data for ${entity} in ${CENTRA_ERROR_ATTEMPTS} attempts in a row: ${failure.message}`;
  const response = failure.status === 'error' ? { centra: failure.message } : (failure.response ?? { centra: failure.message });
  const id = await ctx.store.deadLetters.add({ jobKind: job.kind, entityKey: job.entity_key, reason, response }, ctx.now());
  await ctx.store.jobs.markDead(job.id, reason, ctx.now());
  await ctx.alerter.raise({
    fingerprint: `dead-letter:${job.kind}:${job.entity_key}`,
    kind: 'dead_letter',
    entity,
    team: failure.status === 'rejected' ? 'operations' : 'ecommerce',
    message: `${capitalise(entity)} cannot be read from Centra (dead letter #${id}): ${failure.message}`,
    cause: failure.status === 'rejected'
      ? `Centra rejects a request naming ${entity} while it answers the same request for other ids: the id itself is unusable (for example beyond GraphQL Int range) or refused by Centra.`
      : `Centra kept answering with an error for ${entity} (or with data this version cannot read), while other ${job.kind}s of the same requests were read.`,
    action: failure.status === 'rejected'
      ? `Integration developers: find where ${entity} came from (a webhook, a replay, a backfill) and whether it exists in Centra; nothing else is held up. If it is real, send Centra's message to Centra support, then run \`npx centra-ometria replay ${id}\`.`
      : `E-commerce team: open ${entity} in Centra; if it looks right, send Centra's message to Centra support (or to the integration developers for a shape error). Once fixed, run \`npx centra-ometria replay ${id}\`.`,
  });
}

function raiseDocumentAlert(ctx: SyncContext, kind: string, message: string): Promise<void> {
  return ctx.alerter.raise({
    fingerprint: documentAlertFingerprint(kind),
    kind: 'centra_document_rejected',
    entity: `Centra ${kind} requests`,
    team: 'operations',
    message: `Centra refused a whole ${kind} request and no ${kind} of it could be read: ${message}`,
    cause: `The request asks for a field, filter or argument this Centra does not have, or every id in it is unusable.`,
    action: `Integration developers: run \`npx centra-ometria doctor\` against this Centra. The ${kind}s are retried ${CENTRA_ERROR_ATTEMPTS} times, then dead-lettered (replay them once fixed).`,
  });
}

/** Called after a batch Centra took: the document works again. */
export function resolveDocumentAlert(ctx: SyncContext, kind: string): Promise<void> {
  return ctx.alerter.resolve(documentAlertFingerprint(kind));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
