import { ENQUEUE_ON_CONFLICT, enqueueMany, foldJobRequests, type JobRequest } from './job-store.js';
import { createRowCountStore } from './row-count-store.js';
import { multiRowText, statementChunks, valuesPlaceholders } from './sql/multi-row.js';
import type { Sql } from './sql/sql.js';

export type EventState = 'queued' | 'pending' | 'ignored' | 'rejected';

export interface StoredEvent {
  type: string;
  action: string | null;
  entityId: string | null;
  state: EventState;
  reason: string | null;
}

export interface NewDelivery {
  receivedAt: number;
  signatureT: number | null;
  /** The verified signature ("<t>.<v1>"), remembered with the delivery's id so a replay is answered, not stored. */
  signatureKey?: string | undefined;
  shape: string;
  rawBody: Buffer;
  events: StoredEvent[];
}

/** Raw deliveries as received, and the events inside them with what became of each. */
export function createDeliveryStore(sql: Sql) {
  return {
    async insert(d: NewDelivery): Promise<number> {
      return (await insertDeliveries(sql, [d], []))[0]!;
    },
    /**
     * Stores deliveries, their events and their signatures, and the jobs their events ask for (as jobs.enqueueMany
     * would), all or none; the deliveries' ids, in the order given. On PostgreSQL that is one statement, so a
     * group commit at intake is atomic without BEGIN and COMMIT; on SQLite, a transaction of multi-row statements.
     */
    insertMany(deliveries: readonly NewDelivery[], jobs: readonly JobRequest[] = []): Promise<number[]> {
      return insertDeliveries(sql, deliveries, jobs);
    },
    /** Events kept pending because their handler had not landed; queued once it exists (docs/design.md D16). */
    async pendingEvents(types: readonly string[]): Promise<Array<{ id: number; type: string; entity_id: string }>> {
      if (types.length === 0) return [];
      const marks = types.map(() => '?').join(',');
      return sql.all<{ id: number; type: string; entity_id: string }>(
        `SELECT id, type, entity_id FROM delivery_events WHERE state = 'pending' AND type IN (${marks})`,
        types,
      );
    },
    /**
     * The deliveries these signatures were first accepted with, for those that were (replay protection, issue 15).
     * A signature is "<t>.<v1>": v1 is an HMAC over t and the body, so equal keys mean the same signed delivery.
     */
    async acceptedSignatures(signatures: readonly string[]): Promise<Map<string, number>> {
      const accepted = new Map<string, number>();
      for (const keys of statementChunks(signatures)) {
        const rows = await sql.all<{ signature: string; delivery_id: number }>(acceptedSignaturesText(keys.length), keys);
        for (const row of rows) accepted.set(row.signature, row.delivery_id);
      }
      return accepted;
    },
    /** Forgets signatures older than `beforeT` (Unix seconds): the timestamp check refuses their replays anyway. */
    async forgetSignatures(beforeT: number): Promise<void> {
      await sql.run(`DELETE FROM webhook_signatures WHERE signature_t < ?`, [beforeT]);
    },
    async markQueued(eventId: number): Promise<void> {
      await sql.run(`UPDATE delivery_events SET state = 'queued' WHERE id = ?`, [eventId]);
    },
    /** Deliveries stored (retention removes old ones), from the trigger-kept row_counts: no COUNT(*) of the table. */
    async count(): Promise<number> {
      return (await createRowCountStore(sql).counts('deliveries'))[0]?.n ?? 0;
    },
    recent(limit: number): Promise<Array<{ id: number; received_at: number; shape: string; event_count: number; summary: string }>> {
      return sql.all(`SELECT id, received_at, shape, event_count, summary FROM deliveries ORDER BY id DESC LIMIT ?`, [limit]);
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

const acceptedSignaturesText = multiRowText(
  (n) => `SELECT signature, delivery_id FROM webhook_signatures WHERE signature IN (${Array.from({ length: n }, () => '?').join(', ')})`,
);
const rememberSignaturesText = multiRowText(
  (n) => `INSERT INTO webhook_signatures (signature, signature_t, delivery_id) VALUES ${valuesPlaceholders(n, 3)} ON CONFLICT (signature) DO NOTHING`,
);
const insertDeliveriesText = multiRowText(
  (n) => `INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary) VALUES ${valuesPlaceholders(n, 6)} RETURNING id`,
);
const insertEventsText = multiRowText(
  (n) => `INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason) VALUES ${valuesPlaceholders(n, 6)}`,
);

/** Queued events have no row: their job is the record (the summary still names them). */
function insertDeliveries(sql: Sql, deliveries: readonly NewDelivery[], jobs: readonly JobRequest[]): Promise<number[]> {
  return sql.dialect === 'postgres' ? insertInOneStatement(sql, deliveries, jobs) : insertInStatementsPerTable(sql, deliveries, jobs);
}

/**
 * SQLite: one statement per table per ROWS_PER_STATEMENT rows, in one (nested) transaction: a delivery never lands
 * without its event rows or its jobs.
 */
function insertInStatementsPerTable(sql: Sql, deliveries: readonly NewDelivery[], jobs: readonly JobRequest[]): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await enqueueMany(tx, jobs);
    const ids: number[] = [];
    for (const chunk of statementChunks(deliveries)) {
      const inserted = await tx.all<{ id: number }>(
        insertDeliveriesText(chunk.length),
        chunk.flatMap((d) => [d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length, summarise(d.events)]),
      );
      // RETURNING promises no order, but one statement takes its ids in VALUES order (SQLite's next rowid):
      // ascending ids are the rows in order.
      const chunkIds = inserted.map((r) => r.id).sort((a, b) => a - b);
      ids.push(...chunkIds);
      const signatures = chunk.flatMap((d, i) => (d.signatureKey === undefined ? [] : [[d.signatureKey, d.signatureT ?? 0, chunkIds[i]]]));
      if (signatures.length > 0) await tx.run(rememberSignaturesText(signatures.length), signatures.flat());
    }
    for (const rows of statementChunks(eventRows(deliveries, ids))) await tx.run(insertEventsText(rows.length), rows.flat());
    return ids;
  });
}

/**
 * PostgreSQL: the jobs, the deliveries, their signatures and their event rows in one statement, atomic by itself,
 * so a group commit at intake costs one round trip instead of BEGIN, a statement per table and COMMIT (issue 17:
 * a round trip, not the work in it, is what a group waits for, and its wake-ups are most of a replica's CPU per
 * delivery: docs/performance.md). Columns travel as arrays (unnest), so one prepared text serves every group
 * size. Inside a caller's transaction it is one statement of it. Ids: `d` takes them from the identity in
 * ordinality order, so ascending ids are the deliveries in order (`o` numbers them back).
 */
const INSERT_IN_ONE_STATEMENT = `
  WITH j AS (
    INSERT INTO jobs (kind, entity_key, state, run_at, first_queued_at, created_at, updated_at)
    SELECT r.kind, r.entity_key, 'pending', r.first, r.first, r.first, r.last
    FROM unnest(CAST(@jobKind AS TEXT[]), CAST(@jobKey AS TEXT[]), CAST(@jobFirst AS BIGINT[]), CAST(@jobLast AS BIGINT[]))
      WITH ORDINALITY AS r (kind, entity_key, first, last, n)
    ORDER BY r.n${ENQUEUE_ON_CONFLICT}
  ), d AS (
    INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary)
    SELECT v.received_at, v.signature_t, v.shape, v.raw_body, v.event_count, v.summary
    FROM unnest(CAST(@receivedAt AS BIGINT[]), CAST(@signatureT AS BIGINT[]), CAST(@shape AS TEXT[]), CAST(@rawBody AS BYTEA[]),
      CAST(@eventCount AS BIGINT[]), CAST(@summary AS TEXT[])) WITH ORDINALITY AS v (received_at, signature_t, shape, raw_body, event_count, summary, n)
    ORDER BY v.n
    RETURNING id
  ), o AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM d),
  s AS (
    INSERT INTO webhook_signatures (signature, signature_t, delivery_id)
    SELECT v.signature, COALESCE(v.t, 0), o.id
    FROM unnest(CAST(@signature AS TEXT[]), CAST(@signatureT AS BIGINT[])) WITH ORDINALITY AS v (signature, t, n)
    JOIN o ON o.n = v.n WHERE v.signature IS NOT NULL
    ON CONFLICT (signature) DO NOTHING
  ), e AS (
    INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason)
    SELECT o.id, v.type, v.action, v.entity_id, v.state, v.reason
    FROM unnest(CAST(@eventOf AS BIGINT[]), CAST(@eventType AS TEXT[]), CAST(@eventAction AS TEXT[]), CAST(@eventEntity AS TEXT[]),
      CAST(@eventState AS TEXT[]), CAST(@eventReason AS TEXT[])) WITH ORDINALITY AS v (delivery_n, type, action, entity_id, state, reason, n)
    JOIN o ON o.n = v.delivery_n
    ORDER BY v.n
  )
  SELECT id FROM o ORDER BY n`;

async function insertInOneStatement(sql: Sql, deliveries: readonly NewDelivery[], jobs: readonly JobRequest[]): Promise<number[]> {
  const folded = foldJobRequests(jobs);
  // Events point at their delivery by its place in the group (1-based, as `o` numbers them).
  const events = eventRows(
    deliveries,
    deliveries.map((_, i) => i + 1),
  );
  const rows = await sql.all<{ id: number }>(INSERT_IN_ONE_STATEMENT, {
    jobKind: folded.map((r) => r.kind),
    jobKey: folded.map((r) => r.entityKey),
    jobFirst: folded.map((r) => r.first),
    jobLast: folded.map((r) => r.last),
    receivedAt: deliveries.map((d) => d.receivedAt),
    signatureT: deliveries.map((d) => d.signatureT),
    shape: deliveries.map((d) => d.shape),
    rawBody: deliveries.map((d) => d.rawBody),
    eventCount: deliveries.map((d) => d.events.length),
    summary: deliveries.map((d) => summarise(d.events)),
    signature: deliveries.map((d) => d.signatureKey ?? null),
    eventOf: events.map((e) => e[0]),
    eventType: events.map((e) => e[1]),
    eventAction: events.map((e) => e[2]),
    eventEntity: events.map((e) => e[3]),
    eventState: events.map((e) => e[4]),
    eventReason: events.map((e) => e[5]),
  });
  return rows.map((r) => r.id);
}

type EventRow = [delivery: number, type: string, action: string | null, entityId: string | null, state: EventState, reason: string | null];

/** The event rows to store: all but queued ones, each with its delivery's id (or place) first. */
function eventRows(deliveries: readonly NewDelivery[], ids: readonly number[]): EventRow[] {
  return deliveries.flatMap((d, i) =>
    d.events.filter((e) => e.state !== 'queued').map((e): EventRow => [ids[i]!, e.type, e.action, e.entityId, e.state, e.reason]),
  );
}

/** "order 14 queued; account 3 ignored", capped: the status page's view of a delivery. */
function summarise(events: StoredEvent[]): string {
  const text = events
    .slice(0, 20)
    .map((e) => `${e.type} ${e.entityId ?? '?'} ${e.state}`)
    .join('; ');
  return events.length > 20 ? `${text}; … ${events.length - 20} more` : text;
}
