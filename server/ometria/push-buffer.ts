import type { OmetriaRecordType } from './ometria-records.js';
import { MAX_RECORDS_PER_PUSH } from './push-client.js';
import { emptyPushResult, preparePush, sendBatch, type Pending, type PushDeps, type PushItem } from './push-records.js';

/** What a push buffer has settled so far; records still waiting are in none of the counts. */
export interface PushCounts {
  /** Records Ometria now holds: pushed, or unchanged since the last accepted push. */
  delivered: number;
  skippedUnchanged: number;
  deadLettered: number;
}

export interface PushBuffer {
  /**
   * Checks the record and compares it with the ledger now; sends once 100 changed records wait, so a record
   * lives for one push at most (a sync that holds a whole page's records keeps them across many rate-limited
   * pushes, long enough for V8 to promote them: issue 17). Ids must not repeat within a run: unlike pushRecords,
   * nothing here dedupes (the catalogue's key claims give each id one owner).
   */
  add(item: PushItem): Promise<void>;
  /** Sends what still waits: the run's last call, fewer than 100 records. */
  flush(): Promise<void>;
  counts(): PushCounts;
}

/**
 * pushRecords fed record by record, for a run longer than one read (the full catalogue): the same checks,
 * ledger skips, 100-record calls of ONE type, halving and dead letters. Only counts are kept, not the ids
 * (60,000 of them in a full catalogue run). Throws RemoteError like pushRecords; what waits is then dropped,
 * as the unsent part of a pushRecords call is, and the next run sends it.
 */
export function createPushBuffer(type: OmetriaRecordType, deps: PushDeps): PushBuffer {
  // Emptied after every record and call; `ometriaAnswered` stays, so the auth alert is resolved once per run.
  const scratch = emptyPushResult();
  const totals: PushCounts = { delivered: 0, skippedUnchanged: 0, deadLettered: 0 };
  let waiting: Pending[] = [];
  const settle = () => {
    totals.delivered += scratch.delivered.size;
    totals.deadLettered += scratch.deadLettered.size;
    totals.skippedUnchanged += scratch.skippedUnchanged;
    scratch.delivered.clear();
    scratch.deadLettered.clear();
    scratch.skippedUnchanged = 0;
  };
  const send = async () => {
    const batch = waiting;
    waiting = [];
    await sendBatch(batch, deps, scratch);
    settle();
  };
  return {
    async add(item) {
      if (item.record['@type'] !== type)
        throw new Error(`push buffer of ${type} records got ${item.record['@type']} ${item.record.id}: Ometria takes one type per call`);
      const ready = await preparePush(item, deps, scratch);
      settle();
      if (!ready) return;
      waiting.push(ready);
      if (waiting.length === MAX_RECORDS_PER_PUSH) await send();
    },
    async flush() {
      if (waiting.length > 0) await send();
    },
    counts: () => ({ ...totals }),
  };
}
