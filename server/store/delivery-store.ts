import { createRowCountStore } from './row-count-store.js';
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
    insert(d: NewDelivery): Promise<number> {
      // Its own (nested) transaction too: the delivery never lands without its event rows.
      return sql.transaction(async (tx) => {
        const inserted = await tx.get<{ id: number }>(
          `
          INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary) VALUES (?, ?, ?, ?, ?, ?)
          RETURNING id`,
          [d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length, summarise(d.events)],
        );
        const id = inserted!.id;
        for (const e of d.events) {
          if (e.state === 'queued') continue;
          await tx.run(`INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason) VALUES (?, ?, ?, ?, ?, ?)`, [
            id,
            e.type,
            e.action,
            e.entityId,
            e.state,
            e.reason,
          ]);
        }
        return id;
      });
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
     * The delivery a signature was first accepted with, if it was (replay protection, issue 15). `signature` is
     * "<t>.<v1>": v1 is an HMAC over t and the body, so equal keys mean the same signed delivery.
     */
    async acceptedSignature(signature: string): Promise<number | undefined> {
      return (await sql.get<{ delivery_id: number }>(`SELECT delivery_id FROM webhook_signatures WHERE signature = ?`, [signature]))?.delivery_id;
    },
    /** Remembers an accepted signature; forgets those older than `forgetBeforeT` (Unix seconds), which the timestamp check refuses. */
    async rememberSignature(signature: string, t: number, deliveryId: number, forgetBeforeT: number): Promise<void> {
      await sql.run(`INSERT INTO webhook_signatures (signature, signature_t, delivery_id) VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING`, [
        signature,
        t,
        deliveryId,
      ]);
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

/** "order 14 queued; account 3 ignored", capped: the status page's view of a delivery. */
function summarise(events: StoredEvent[]): string {
  const text = events
    .slice(0, 20)
    .map((e) => `${e.type} ${e.entityId ?? '?'} ${e.state}`)
    .join('; ');
  return events.length > 20 ? `${text}; … ${events.length - 20} more` : text;
}
