import { checkPushedRecord } from './check-record.js';
import type { PushRecord } from './push-batch.js';
import type { RecorderContext } from './recorder-context.js';

/**
 * Ometria's asynchronous side of a push, done before answering so tests need not wait: invalid
 * records (and `rejectOnArrival` faults) go to `/push/_errors` and count as `rejected`; `invalidAsync` faults count as accepted
 * but are not stored; the rest are upserted.
 */
export function storeBatch(ctx: RecorderContext, records: PushRecord[]): { accepted: number; rejected: number } {
  let accepted = 0;
  let rejected = 0;
  for (const record of records) {
    const error = checkPushedRecord(record, ctx.validator) ?? ctx.faults.arrivalErrorFor(String(record['@type']), String(record.id));
    if (error) {
      ctx.errors.add(error);
      rejected++;
      continue;
    }
    accepted++;
    const injected = ctx.faults.asyncErrorFor(String(record['@type']), String(record.id));
    if (injected) ctx.errors.add(injected);
    else ctx.store.upsert(record);
  }
  return { accepted, rejected };
}
