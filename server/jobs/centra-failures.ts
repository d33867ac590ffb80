import { alertFingerprint, catalogueAlert } from '../alerts/alert-catalogue.js';
import type { CentraFailure } from '../centra/centra-failure.js';
import type { Job } from '../store/job-store.js';
import { deadLetterJob, retryJob } from '../worker/settle-jobs.js';
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
  const reason =
    failure.status === 'rejected'
      ? `Centra refuses any request for ${entity} (it answered the rest of the batch): ${failure.message}`
      : `Centra gave no data for ${entity} in ${CENTRA_ERROR_ATTEMPTS} attempts in a row: ${failure.message}`;
  const response = failure.status === 'error' ? { centra: failure.message } : (failure.response ?? { centra: failure.message });
  await deadLetterJob(ctx, job, { reason, response }, (deadLetterId) =>
    catalogueAlert('dead_letter', {
      source: 'centra',
      type: job.kind,
      id: job.entity_key,
      deadLetterId,
      message: failure.message,
      refused: failure.status === 'rejected',
    }),
  );
}

function raiseDocumentAlert(ctx: SyncContext, kind: string, message: string): Promise<void> {
  return ctx.alerter.raise(catalogueAlert('centra_document_rejected', { jobKind: kind, message, attempts: CENTRA_ERROR_ATTEMPTS }));
}

/** Called after a batch Centra took: the document works again. */
export function resolveDocumentAlert(ctx: SyncContext, kind: string): Promise<void> {
  return ctx.alerter.resolve(alertFingerprint('centra_document_rejected', { jobKind: kind }));
}
