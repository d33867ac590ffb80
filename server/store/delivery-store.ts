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
    /** Stores deliveries in one statement per table (per ROWS_PER_STATEMENT rows); their ids, in the order given. */
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
    /** Remembers accepted signatures (`t` in Unix seconds); forgets those older than `forgetBeforeT`, which the timestamp check refuses. */
    async rememberSignatures(signatures: ReadonlyArray<{ signature: string; t: number; deliveryId: number }>, forgetBeforeT: number): Promise<void> {
      for (const rows of statementChunks(signatures)) {
        await sql.run(
          rememberSignaturesText(rows.length),
          rows.flatMap((r) => [r.signature, r.t, r.deliveryId]),
        );
      }
      await sql.run(`DELETE FROM webhook_signatures WHERE signature_t < ?`, [forgetBeforeT]);
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

/**
 * Its own (nested) transaction too: a delivery never lands without its event rows. Queued events have no row:
 * their job is the record (the summary still names them).
 */
function insertMany(sql: Sql, deliveries: readonly NewDelivery[]): Promise<number[]> {
  return sql.transaction(async (tx) => {
    const ids: number[] = [];
    for (const chunk of statementChunks(deliveries)) {
      const inserted = await tx.all<{ id: number }>(
        insertDeliveriesText(chunk.length),
        chunk.flatMap((d) => [d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length, summarise(d.events)]),
      );
      // RETURNING promises no order, but one statement takes its ids in VALUES order on both engines (SQLite's
      // next rowid, PostgreSQL's sequence, which only grows within a session): ascending ids are the rows in order.
      ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
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

/** "order 14 queued; account 3 ignored", capped: the status page's view of a delivery. */
function summarise(events: StoredEvent[]): string {
  const text = events
    .slice(0, 20)
    .map((e) => `${e.type} ${e.entityId ?? '?'} ${e.state}`)
    .join('; ');
  return events.length > 20 ? `${text}; … ${events.length - 20} more` : text;
}
