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
    /** Call inside the intake transaction so the delivery and its jobs commit together. */
    async insert(d: NewDelivery): Promise<number> {
      return (await insertMany(sql, [d]))[0]!;
    },
    /**
     * Stores deliveries, their events and their signatures in one statement per table (per ROWS_PER_STATEMENT rows;
     * on PostgreSQL the signatures go in the deliveries' statement); their ids, in the order given.
     */
    insertMany(deliveries: readonly NewDelivery[]): Promise<number[]> {
      return insertMany(sql, deliveries);
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
/**
 * PostgreSQL: the deliveries and their signatures in one statement, one round trip fewer per group commit (issue 17:
 * at intake a round trip, not the work in it, is what a group waits for). `o` numbers the new ids in VALUES order
 * (see insertMany); an unsigned delivery's signature is NULL and remembers nothing.
 */
const insertSignedDeliveriesText = multiRowText(
  (n) => `WITH d AS (
    INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary) VALUES ${valuesPlaceholders(n, 6)} RETURNING id
  ), o AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM d),
  s AS (
    INSERT INTO webhook_signatures (signature, signature_t, delivery_id)
    SELECT v.signature, v.t, o.id FROM (VALUES ${Array.from({ length: n }, (_, i) => (i === 0 ? '(CAST(? AS TEXT), CAST(? AS BIGINT), 1)' : `(?, ?, ${i + 1})`)).join(', ')}) AS v (signature, t, n)
    JOIN o ON o.n = v.n WHERE v.signature IS NOT NULL
    ON CONFLICT (signature) DO NOTHING
  )
  SELECT id FROM o`,
);
const insertEventsText = multiRowText(
  (n) => `INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason) VALUES ${valuesPlaceholders(n, 6)}`,
);

/**
 * Its own (nested) transaction too: a delivery never lands without its event rows. Queued events have no row:
 * their job is the record (the summary still names them).
 */
function insertMany(sql: Sql, deliveries: readonly NewDelivery[]): Promise<number[]> {
  return sql.transaction(async (tx) => {
    const ids: number[] = [];
    for (const chunk of statementChunks(deliveries)) {
      const rows = chunk.flatMap((d) => [d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length, summarise(d.events)]);
      const signed = tx.dialect === 'postgres' && chunk.some((d) => d.signatureKey !== undefined);
      const inserted = signed
        ? await tx.all<{ id: number }>(insertSignedDeliveriesText(chunk.length), [...rows, ...chunk.flatMap(signatureOf)])
        : await tx.all<{ id: number }>(insertDeliveriesText(chunk.length), rows);
      // RETURNING promises no order, but one statement takes its ids in VALUES order on both engines (SQLite's
      // next rowid, PostgreSQL's sequence, which only grows within a session): ascending ids are the rows in order.
      const chunkIds = inserted.map((r) => r.id).sort((a, b) => a - b);
      ids.push(...chunkIds);
      if (signed) continue;
      const signatures = chunk.flatMap((d, i) => (d.signatureKey === undefined ? [] : [[d.signatureKey, d.signatureT ?? 0, chunkIds[i]]]));
      if (signatures.length > 0) await tx.run(rememberSignaturesText(signatures.length), signatures.flat());
    }
    const events = deliveries.flatMap((d, i) =>
      d.events.filter((e) => e.state !== 'queued').map((e) => [ids[i], e.type, e.action, e.entityId, e.state, e.reason]),
    );
    for (const rows of statementChunks(events)) {
      await tx.run(insertEventsText(rows.length), rows.flat());
    }
    return ids;
  });
}

/** A delivery's signature row for the signed statement: the key (NULL when unsigned) and its `t`. */
const signatureOf = (d: NewDelivery) => [d.signatureKey ?? null, d.signatureT ?? 0];

/** "order 14 queued; account 3 ignored", capped: the status page's view of a delivery. */
function summarise(events: StoredEvent[]): string {
  const text = events
    .slice(0, 20)
    .map((e) => `${e.type} ${e.entityId ?? '?'} ${e.state}`)
    .join('; ');
  return events.length > 20 ? `${text}; … ${events.length - 20} more` : text;
}
