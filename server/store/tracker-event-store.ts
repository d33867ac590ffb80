import type { Db } from './open-database.js';

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
export function createTrackerEventStore(db: Db) {
  const insert = db.prepare(`
    INSERT OR IGNORE INTO tracker_events (id, visitor_id, identity_id, store, type, event, received_at, state)
    VALUES (@id, @visitorId, @identityId, @store, @type, @event, @receivedAt, @state)`);
  const identityRow = db.prepare(`
    INSERT INTO tracker_identities (email, customer_id) VALUES (?, ?)
    ON CONFLICT (email, customer_id) DO UPDATE SET email = excluded.email RETURNING id`);
  const setVisitor = db.prepare(`
    INSERT INTO tracker_visitors (visitor_id, identity_id, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (visitor_id) DO UPDATE SET identity_id = excluded.identity_id, updated_at = excluded.updated_at`);
  const visitor = db.prepare(`
    SELECT i.id, i.email, i.customer_id FROM tracker_visitors v JOIN tracker_identities i ON i.id = v.identity_id
    WHERE v.visitor_id = ?`);
  const release = db.prepare(`
    UPDATE tracker_events SET identity_id = ? WHERE visitor_id = ? AND state = 'pending' AND identity_id IS NULL AND received_at >= ?`);
  const settle = db.prepare(`UPDATE tracker_events SET state = @state, settled_at = @now, event = NULL WHERE id = @id`);
  const settleSent = db.prepare(`UPDATE tracker_events SET state = 'sent', settled_at = ?, event = NULL WHERE id = ?`);
  const markDead = db.prepare(`UPDATE tracker_events SET state = 'dead' WHERE id = ?`);
  const cap = db.prepare(`
    UPDATE tracker_events SET state = 'dropped', settled_at = @now, event = NULL
    WHERE seq IN (SELECT seq FROM tracker_events WHERE visitor_id = @visitorId AND state = 'pending' AND identity_id IS NULL
                  ORDER BY seq DESC LIMIT -1 OFFSET @max)`);
  const expire = db.prepare(`
    UPDATE tracker_events SET state = 'expired', settled_at = @now, event = NULL
    WHERE state = 'pending' AND identity_id IS NULL AND received_at < @before`);
  const prune = db.prepare(`DELETE FROM tracker_events WHERE state IN ('sent', 'expired', 'dropped', 'applied') AND received_at < ?`);
  // A dead row comes back once its dead letter was replayed (the replay re-runs the visitor's collect job).
  const pending = db.prepare(`
    SELECT e.id, e.visitor_id, e.store, e.event, e.received_at, i.email, i.customer_id
    FROM tracker_events e JOIN tracker_identities i ON i.id = e.identity_id
    WHERE e.visitor_id = ? AND (e.state = 'pending' OR (e.state = 'dead' AND NOT EXISTS (
      SELECT 1 FROM dead_letters d WHERE d.state = 'open' AND d.record_type = 'custom_event' AND d.record_id = e.id)))
    ORDER BY e.seq LIMIT ?`);
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM tracker_events GROUP BY state`);

  const identityOf = (email: string, customerId: string): TrackerIdentity => ({
    ...(email ? { email } : {}),
    ...(customerId ? { customerId } : {}),
  });

  return {
    /** False when the id was already stored: a duplicate. */
    insert: (row: NewTrackerEvent): boolean => insert.run(row).changes === 1,
    /** The visitor's current identity, undefined while anonymous. */
    identityOf(visitorId: string): { id: number; identity: TrackerIdentity } | undefined {
      const row = visitor.get(visitorId) as { id: number; email: string; customer_id: string } | undefined;
      return row && { id: row.id, identity: identityOf(row.email, row.customer_id) };
    },
    /** Links the visitor to the identity; returns its id. */
    identify(visitorId: string, identity: TrackerIdentity, now: number): number {
      const { id } = identityRow.get(identity.email ?? '', identity.customerId ?? '') as { id: number };
      setVisitor.run(visitorId, id, now);
      return id;
    },
    /** Attributes the visitor's held events received at or after `since` to the identity; returns how many. */
    releaseHeld: (visitorId: string, identityId: number, since: number): number => release.run(identityId, visitorId, since).changes,
    /** Keeps the newest `max` held events of an anonymous visitor; returns how many older ones were dropped. */
    capHeld: (visitorId: string, max: number, now: number): number => cap.run({ visitorId, max, now }).changes,
    /** Held events received before `before` expire; returns how many. */
    expireHeld: (before: number, now: number): number => expire.run({ before, now }).changes,
    /** Forgets settled events received before `before` (the dedupe window); returns how many. */
    prune: (before: number): number => prune.run(before).changes,
    pendingFor(visitorId: string, limit: number): PendingTrackerEvent[] {
      const rows = pending.all(visitorId, limit) as Array<{
        id: string; visitor_id: string; store: string; event: string; received_at: number; email: string; customer_id: string;
      }>;
      return rows.map((r) => ({
        id: r.id, visitorId: r.visitor_id, store: r.store, event: r.event, receivedAt: r.received_at,
        identity: identityOf(r.email, r.customer_id),
      }));
    },
    markSent: (ids: Iterable<string>, now: number): void => {
      for (const id of ids) settleSent.run(now, id);
    },
    markDead: (ids: Iterable<string>): void => {
      for (const id of ids) markDead.run(id);
    },
    /** An event that can never be pushed (its stored body no longer maps); kept as dropped. */
    drop: (id: string, now: number): void => void settle.run({ id, state: 'dropped', now }),
    counts(): Partial<Record<TrackerEventState, number>> {
      const rows = counts.all() as Array<{ state: TrackerEventState; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
  };
}

export type TrackerEventStore = ReturnType<typeof createTrackerEventStore>;

const cache = new WeakMap<Db, TrackerEventStore>();

/**
 * One store per database, built on first use: the Store composition (store.ts) belongs to the lead, so the
 * collect route and handler reach this table through here.
 */
export function trackerEventStore(db: Db): TrackerEventStore {
  let store = cache.get(db);
  if (!store) cache.set(db, (store = createTrackerEventStore(db)));
  return store;
}
