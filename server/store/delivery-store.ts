import type { Db } from './open-database.js';

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
export function createDeliveryStore(db: Db) {
  const insertDelivery = db.prepare(`
    INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare(`
    INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason) VALUES (?, ?, ?, ?, ?, ?)`);
  return {
    /** Call inside the intake transaction so the delivery and its jobs commit together. */
    insert(d: NewDelivery): number {
      const id = Number(insertDelivery.run(d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length, summarise(d.events)).lastInsertRowid);
      for (const e of d.events) if (e.state !== 'queued') insertEvent.run(id, e.type, e.action, e.entityId, e.state, e.reason);
      return id;
    },
    /** Events kept pending because their handler had not landed; queued once it exists (decisions.md 16). */
    pendingEvents(types: readonly string[]): Array<{ id: number; type: string; entity_id: string }> {
      if (types.length === 0) return [];
      const marks = types.map(() => '?').join(',');
      return db.prepare(`SELECT id, type, entity_id FROM delivery_events WHERE state = 'pending' AND type IN (${marks})`).all(...types) as Array<{ id: number; type: string; entity_id: string }>;
    },
    markQueued(eventId: number): void {
      db.prepare(`UPDATE delivery_events SET state = 'queued' WHERE id = ?`).run(eventId);
    },
    count(): number {
      return (db.prepare(`SELECT COUNT(*) AS n FROM deliveries`).get() as { n: number }).n;
    },
    recent(limit: number) {
      return db.prepare(`
        SELECT id, received_at, shape, event_count, summary FROM deliveries ORDER BY id DESC LIMIT ?`).all(limit) as Array<{ id: number; received_at: number; shape: string; event_count: number; summary: string }>;
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

/** "order 14 queued; account 3 ignored", capped: the status page's view of a delivery. */
function summarise(events: StoredEvent[]): string {
  const text = events.slice(0, 20).map((e) => `${e.type} ${e.entityId ?? '?'} ${e.state}`).join('; ');
  return events.length > 20 ? `${text}; … ${events.length - 20} more` : text;
}
