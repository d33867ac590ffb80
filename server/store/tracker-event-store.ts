import { PRUNE_BATCH } from './retention-store.js';
import { createRowCountStore } from './row-count-store.js';
import type { Sql } from './sql/sql.js';

/** Who a visitor said they are. Email lower-cased. At least one of the two is set. */
export interface TrackerIdentity {
  email?: string;
  customerId?: string;
}

export type TrackerEventState = 'pending' | 'sent' | 'dead' | 'expired' | 'dropped' | 'applied';

export interface NewTrackerEvent {
  id: string;
  visitorId: string;
  store: string;
  type: string;
  /** JSON of the validated event; null for identify (the identity is stored on its own). */
  event: string | null;
  identityId: number | null;
  state: 'pending' | 'applied';
  receivedAt: number;
}

/** An identified event waiting for Ometria. */
export interface PendingTrackerEvent {
  id: string;
  visitorId: string;
  store: string;
  event: string;
  receivedAt: number;
  identity: TrackerIdentity;
}

/**
 * Storefront events from POST /collect (issue 6): unique by event id (the dedupe), held while the visitor is
 * anonymous, pushed by 'collect' jobs once identified. Rows of settled events keep their id (for dedupe) until
 * prune; their body is dropped when they settle, so no PII lingers in expired or dropped rows.
 */
export function createTrackerEventStore(sql: Sql) {
  const rowCounts = createRowCountStore(sql);
  // Keeps the newest `max` held rows: PostgreSQL has no LIMIT -1 and SQLite takes OFFSET only after a LIMIT.
  const allAfterOffset = sql.dialect === 'postgres' ? 'OFFSET @max' : 'LIMIT -1 OFFSET @max';

  const identityOf = (email: string, customerId: string): TrackerIdentity => ({
    ...(email ? { email } : {}),
    ...(customerId ? { customerId } : {}),
  });

  return {
    /** False when the id was already stored: a duplicate. */
    insert: async (row: NewTrackerEvent): Promise<boolean> =>
      (
        await sql.run(
          `
      INSERT INTO tracker_events (id, visitor_id, identity_id, store, type, event, received_at, state)
      VALUES (@id, @visitorId, @identityId, @store, @type, @event, @receivedAt, @state)
      ON CONFLICT (id) DO NOTHING`,
          {
            id: row.id,
            visitorId: row.visitorId,
            identityId: row.identityId,
            store: row.store,
            type: row.type,
            event: row.event,
            receivedAt: row.receivedAt,
            state: row.state,
          },
        )
      ).changes === 1,
    /** The visitor's current identity, undefined while anonymous. */
    async identityOf(visitorId: string): Promise<{ id: number; identity: TrackerIdentity } | undefined> {
      const row = await sql.get<{ id: number; email: string; customer_id: string }>(
        `
        SELECT i.id, i.email, i.customer_id FROM tracker_visitors v JOIN tracker_identities i ON i.id = v.identity_id
        WHERE v.visitor_id = ?`,
        [visitorId],
      );
      return row && { id: row.id, identity: identityOf(row.email, row.customer_id) };
    },
    /** Links the visitor to the identity; returns its id. */
    identify: (visitorId: string, identity: TrackerIdentity, now: number): Promise<number> =>
      sql.transaction(async (tx) => {
        const { id } = (await tx.get<{ id: number }>(
          `
        INSERT INTO tracker_identities (email, customer_id) VALUES (?, ?)
        ON CONFLICT (email, customer_id) DO UPDATE SET email = excluded.email RETURNING id`,
          [identity.email ?? '', identity.customerId ?? ''],
        ))!;
        await tx.run(
          `
        INSERT INTO tracker_visitors (visitor_id, identity_id, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (visitor_id) DO UPDATE SET identity_id = excluded.identity_id, updated_at = excluded.updated_at`,
          [visitorId, id, now],
        );
        return id;
      }),
    /** Attributes the visitor's held events received at or after `since` to the identity; returns how many. */
    releaseHeld: async (visitorId: string, identityId: number, since: number): Promise<number> =>
      (
        await sql.run(
          `
      UPDATE tracker_events SET identity_id = ? WHERE visitor_id = ? AND state = 'pending' AND identity_id IS NULL AND received_at >= ?`,
          [identityId, visitorId, since],
        )
      ).changes,
    /** Keeps the newest `max` held events of an anonymous visitor; returns how many older ones were dropped. */
    capHeld: async (visitorId: string, max: number, now: number): Promise<number> =>
      (
        await sql.run(
          `
      UPDATE tracker_events SET state = 'dropped', settled_at = @now, event = NULL
      WHERE seq IN (SELECT seq FROM tracker_events WHERE visitor_id = @visitorId AND state = 'pending' AND identity_id IS NULL
                    ORDER BY seq DESC ${allAfterOffset})`,
          { visitorId, max, now },
        )
      ).changes,
    /** Held events received before `before` expire; returns how many. */
    expireHeld: async (before: number, now: number): Promise<number> =>
      (
        await sql.run(
          `
      UPDATE tracker_events SET state = 'expired', settled_at = @now, event = NULL
      WHERE state = 'pending' AND identity_id IS NULL AND received_at < @before`,
          { before, now },
        )
      ).changes,
    /**
     * Forgets settled events received before `before` (the dedupe window); returns how many. At most PRUNE_BATCH
     * rows a call: it runs inside a /collect request now and then, and must not hold the writer long.
     */
    prune: async (before: number): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM tracker_events WHERE seq IN (SELECT seq FROM tracker_events
        WHERE state IN ('sent', 'expired', 'dropped', 'applied') AND received_at < ? ORDER BY received_at LIMIT ?)`,
          [before, PRUNE_BATCH],
        )
      ).changes,
    async pendingFor(visitorId: string, limit: number): Promise<PendingTrackerEvent[]> {
      // A dead row comes back once its dead letter was replayed (the replay re-runs the visitor's collect job).
      const rows = await sql.all<{
        id: string;
        visitor_id: string;
        store: string;
        event: string;
        received_at: number;
        email: string;
        customer_id: string;
      }>(
        `
        SELECT e.id, e.visitor_id, e.store, e.event, e.received_at, i.email, i.customer_id
        FROM tracker_events e JOIN tracker_identities i ON i.id = e.identity_id
        WHERE e.visitor_id = ? AND (e.state = 'pending' OR (e.state = 'dead' AND NOT EXISTS (
          SELECT 1 FROM dead_letters d WHERE d.state = 'open' AND d.record_type = 'custom_event' AND d.record_id = e.id)))
        ORDER BY e.seq LIMIT ?`,
        [visitorId, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        visitorId: r.visitor_id,
        store: r.store,
        event: r.event,
        receivedAt: r.received_at,
        identity: identityOf(r.email, r.customer_id),
      }));
    },
    markSent: async (ids: Iterable<string>, now: number): Promise<void> => {
      for (const id of ids) await sql.run(`UPDATE tracker_events SET state = 'sent', settled_at = ?, event = NULL WHERE id = ?`, [now, id]);
    },
    markDead: async (ids: Iterable<string>): Promise<void> => {
      for (const id of ids) await sql.run(`UPDATE tracker_events SET state = 'dead' WHERE id = ?`, [id]);
    },
    /** An event that can never be pushed (its stored body no longer maps); kept as dropped. */
    drop: async (id: string, now: number): Promise<void> => {
      await sql.run(`UPDATE tracker_events SET state = 'dropped', settled_at = @now, event = NULL WHERE id = @id`, { id, now });
    },
    /** From the trigger-kept row_counts (migration 5): the cost of a read does not grow with the table. */
    async counts(): Promise<Partial<Record<TrackerEventState, number>>> {
      return Object.fromEntries((await rowCounts.counts('tracker_events')).map((r) => [r.k1, r.n]));
    },
  };
}

export type TrackerEventStore = ReturnType<typeof createTrackerEventStore>;
