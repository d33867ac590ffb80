import type { Db } from './open-database.js';

export type Team = 'ecommerce' | 'cx' | 'marketing' | 'operations';

export interface AlertInput {
  /** Same fingerprint while open = same alert (deduplicated, occurrences counted). */
  fingerprint: string;
  kind: string;
  /** The entity it is about, e.g. "order 14", "contact c4", "shipment 39790-1". */
  entity: string;
  team: Team;
  message: string;
  cause?: string;
  action?: string;
  details?: unknown;
}

export interface Alert {
  id: number;
  fingerprint: string;
  kind: string;
  entity: string;
  team: Team;
  message: string;
  cause: string | null;
  action: string | null;
  details: string | null;
  state: 'open' | 'resolved';
  first_seen: number;
  last_seen: number;
  occurrences: number;
  resolved_at: number | null;
  notified_at: number | null;
}

export function createAlertStore(db: Db) {
  const findOpen = db.prepare(`SELECT * FROM alerts WHERE fingerprint = ? AND state = 'open'`);
  const bump = db.prepare(`UPDATE alerts SET last_seen = ?, occurrences = occurrences + 1, message = ?, details = ? WHERE id = ?`);
  const insert = db.prepare(`
    INSERT INTO alerts (fingerprint, kind, entity, team, message, cause, action, details, state, first_seen, last_seen)
    VALUES (@fingerprint, @kind, @entity, @team, @message, @cause, @action, @details, 'open', @now, @now)`);
  return {
    /** Opens an alert, or counts one more occurrence of the open one; `opened` says which. */
    raise(input: AlertInput, now: number): { alert: Alert; opened: boolean } {
      const details = input.details === undefined ? null : JSON.stringify(input.details);
      const existing = findOpen.get(input.fingerprint) as Alert | undefined;
      if (existing) {
        bump.run(now, input.message, details, existing.id);
        return { alert: findOpen.get(input.fingerprint) as Alert, opened: false };
      }
      insert.run({ ...input, cause: input.cause ?? null, action: input.action ?? null, details, now });
      return { alert: findOpen.get(input.fingerprint) as Alert, opened: true };
    },
    resolve(fingerprint: string, now: number): Alert | undefined {
      const existing = findOpen.get(fingerprint) as Alert | undefined;
      if (!existing) return undefined;
      db.prepare(`UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?`).run(now, existing.id);
      return { ...existing, state: 'resolved', resolved_at: now };
    },
    markNotified(id: number, now: number): void {
      db.prepare(`UPDATE alerts SET notified_at = ? WHERE id = ?`).run(now, id);
    },
    listOpen(): Alert[] {
      return db.prepare(`SELECT * FROM alerts WHERE state = 'open' ORDER BY last_seen DESC`).all() as Alert[];
    },
    recent(limit: number): Alert[] {
      return db.prepare(`SELECT * FROM alerts ORDER BY last_seen DESC LIMIT ?`).all(limit) as Alert[];
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
