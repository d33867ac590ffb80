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
    INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count) VALUES (?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare(`
    INSERT INTO delivery_events (delivery_id, type, action, entity_id, state, reason) VALUES (?, ?, ?, ?, ?, ?)`);
  return {
    /** Call inside the intake transaction so the delivery and its jobs commit together. */
    insert(d: NewDelivery): number {
      const id = Number(insertDelivery.run(d.receivedAt, d.signatureT, d.shape, d.rawBody, d.events.length).lastInsertRowid);
      for (const e of d.events) insertEvent.run(id, e.type, e.action, e.entityId, e.state, e.reason);
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
        SELECT d.id, d.received_at, d.shape, d.event_count,
          (SELECT GROUP_CONCAT(e.type || ' ' || IFNULL(e.entity_id, '') || ' ' || e.state, '; ') FROM delivery_events e WHERE e.delivery_id = d.id) AS events
        FROM deliveries d ORDER BY d.id DESC LIMIT ?`).all(limit) as Array<{ id: number; received_at: number; shape: string; event_count: number; events: string | null }>;
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
