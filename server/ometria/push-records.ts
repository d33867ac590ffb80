import { checkOmetriaRecord, type OmetriaRecord } from './ometria-records.js';
import { catalogueAlert } from '../alerts/alert-catalogue.js';
import type { Alerter } from '../alerts/alerter.js';
import { RemoteError } from '../remote/remote-errors.js';
import type { Store } from '../store/store.js';
import { contentHash } from './content-hash.js';
import { MAX_RECORDS_PER_PUSH, type PushClient } from './push-client.js';
import type { PushAccepted } from './classify-ometria-response.js';
import type { Metrics } from '../metrics/metrics.js';
import { resolveAuthAlert } from '../alerts/auth-alert.js';

export interface PushItem {
  record: OmetriaRecord;
  /** The job that produced the record: a dead letter replays it. */
  jobKind: string;
  entityKey: string;
}

export interface PushResult {
  /** Record ids Ometria now holds: pushed now, or unchanged since the last accepted push. */
  delivered: Set<string>;
  skippedUnchanged: number;
  /** Record id → why it was not taken: refused by our checks, by a 400/422, or inside a 2xx (issue 15, item 5). */
  deadLettered: Map<string, string>;
  /** Whether Ometria answered any call of this push with a 2xx. */
  ometriaAnswered: boolean;
}

/** A checked record that differs from the ledger, with the hash the ledger takes once Ometria accepts it. */
export type Pending = PushItem & { hash: string };

export interface PushDeps {
  client: PushClient;
  store: Store;
  alerter: Alerter;
  now: () => number;
  /** Counts dead letters; none without. */
  metrics?: Metrics;
}

/**
 * Pushes records of ONE type: checked against our strict schemas, unchanged ones skipped by ledger hash,
 * sent in batches of 100; a rejected batch is halved until the bad records stand alone (docs/design.md D6). A record
 * Ometria refuses inside a 2xx answer is dead-lettered the same way and never enters the ledger: only what Ometria
 * took counts as delivered (issue 15).
 * Throws RemoteError for retry / rate limit / auth: the caller reschedules what is not delivered.
 */
export async function pushRecords(items: PushItem[], deps: PushDeps): Promise<PushResult> {
  const result = emptyPushResult();
  const pending: Pending[] = [];
  for (const item of dedupeById(items)) {
    const ready = await preparePush(item, deps, result);
    if (ready) pending.push(ready);
  }
  for (let i = 0; i < pending.length; i += MAX_RECORDS_PER_PUSH) {
    await sendBatch(pending.slice(i, i + MAX_RECORDS_PER_PUSH), deps, result);
  }
  return result;
}

export const emptyPushResult = (): PushResult => ({ delivered: new Set(), skippedUnchanged: 0, deadLettered: new Map(), ometriaAnswered: false });

/**
 * A record ready to send, or undefined when it needs no call: dead-lettered by our checks, or unchanged since
 * the last accepted push (ledger hash); either is counted in `result`.
 */
export async function preparePush(item: PushItem, deps: PushDeps, result: PushResult): Promise<Pending | undefined> {
  const id = item.record.id;
  const check = checkOmetriaRecord(item.record);
  if (!check.ok) {
    await deadLetter(item, `record failed validation before sending: ${check.reason}`, undefined, deps, result);
    return undefined;
  }
  const hash = contentHash(item.record);
  if ((await deps.store.ledger.hashOf(item.record['@type'], id)) === hash) {
    result.delivered.add(id);
    result.skippedUnchanged++;
    return undefined;
  }
  return { ...item, hash };
}

/** One POST /push of ≤ 100 prepared records of one type, halved on refusal; what Ometria took enters the ledger. */
export async function sendBatch(batch: Pending[], deps: PushDeps, result: PushResult): Promise<void> {
  const type = batch[0]!.record['@type'];
  let reply: PushAccepted;
  try {
    reply = await deps.client.push(batch.map((b) => b.record));
  } catch (error) {
    if (!(error instanceof RemoteError) || error.outcome.kind !== 'reject') throw error;
    await deps.store.pushLog.add({
      at: deps.now(),
      record_type: type,
      records: batch.length,
      status: error.outcome.status,
      request_id: null,
      accepted: 0,
      rejected: batch.length,
      error: error.outcome.body.slice(0, 500),
    });
    if (batch.length === 1) {
      await deadLetter(batch[0]!, error.outcome.reason, { status: error.outcome.status, body: error.outcome.body }, deps, result);
      return;
    }
    return splitAndSend(batch, deps, result);
  }
  // A 2xx is the proof that the key works: the auth alert's condition has cleared (issue 15, item 4).
  if (!result.ometriaAnswered) {
    result.ometriaAnswered = true;
    await resolveAuthAlert(deps.alerter, 'Ometria');
  }
  const now = deps.now();
  const rejected = Math.min(reply.rejected ?? 0, batch.length);
  const logged = {
    at: now,
    record_type: type,
    records: batch.length,
    status: reply.status,
    request_id: reply.requestId,
    accepted: reply.accepted,
    rejected: reply.rejected,
    error: null,
  };
  if (rejected > 0) {
    await deps.store.pushLog.add(logged);
    // Ometria's 2xx gives counts only, no index or id (PushResponse in contracts/ometria-openapi.json): which
    // records it refused is found by halving, as for a 400. A batch refused whole needs no halving.
    if (rejected < batch.length) return splitAndSend(batch, deps, result);
    for (const b of batch)
      await deadLetter(
        b,
        rejectedOnArrival(reply, batch.length),
        { status: reply.status, request_id: reply.requestId, accepted: reply.accepted, rejected: reply.rejected },
        deps,
        result,
      );
    return;
  }
  await deps.store.transaction(async (tx) => {
    await tx.pushLog.add(logged);
    await tx.ledger.recordMany(
      type,
      batch.map((b) => ({ id: b.record.id, hash: b.hash })),
      now,
    );
    if (type === 'contact')
      await tx.jobs.unblockAll(
        batch.map((b) => `contact:${b.record.id}`),
        now,
      );
  });
  for (const b of batch) result.delivered.add(b.record.id);
}

/**
 * Halves a batch Ometria refused in part and sends each half again, until the refused records stand alone
 * (docs/design.md D6). Records it had accepted are sent again: pushes are full snapshots or merges that Ometria
 * upserts by id [INF for custom events: taken as deduplicated by their id], so a second copy changes nothing.
 */
async function splitAndSend(batch: Pending[], deps: PushDeps, result: PushResult): Promise<void> {
  const half = Math.ceil(batch.length / 2);
  await sendBatch(batch.slice(0, half), deps, result);
  await sendBatch(batch.slice(half), deps, result);
}

/** Ometria's words for a record refused inside a 2xx: it gives a count, and its reason only on /push/_errors. */
function rejectedOnArrival(reply: PushAccepted, sent: number): string {
  return (
    `Ometria answered ${reply.status} (request ${reply.requestId ?? 'unknown'}) but rejected ${sent === 1 ? 'this record' : `all ${sent} records of the call`} on arrival; ` +
    'its reason is listed by GET /push/_errors (polled every OMETRIA_ERRORS_POLL_SECONDS, raised as an alert)'
  );
}

async function deadLetter(item: PushItem, reason: string, response: unknown, deps: PushDeps, result: PushResult): Promise<void> {
  const { record } = item;
  const id = await deps.store.deadLetters.add(
    { jobKind: item.jobKind, entityKey: item.entityKey, recordType: record['@type'], recordId: record.id, record, reason, response },
    deps.now(),
  );
  deps.metrics?.deadLettered(record['@type']);
  result.deadLettered.set(record.id, reason);
  await deps.alerter.raise(catalogueAlert('dead_letter', { source: 'ometria_push', type: record['@type'], id: record.id, deadLetterId: id, reason }));
}

/** Two orders of one customer carry the same contact: push it once, the last mapping wins. */
function dedupeById(items: PushItem[]): PushItem[] {
  return [...new Map(items.map((i) => [i.record.id, i])).values()];
}
