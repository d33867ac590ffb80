import type { ConsentState, ConsentValue } from '../customers/consent-state.js';
import type { Db } from './open-database.js';

/** One consent decision for a contact: what it was, what it became, from which Centra customer and when. */
export interface ConsentChange {
  contactKey: string;
  /** The last state Ometria learned from us (lastKnown); undefined for the first. */
  from: ConsentState | undefined;
  to: ConsentState;
  /** When we decided it, ms. */
  recordedAt: number;
}

export interface ConsentAuditRow {
  id: number;
  contactKey: string;
  centraCustomerId: number | undefined;
  source: string;
  oldState: ConsentValue | undefined;
  /** UTC ISO-8601 source times: when the customer gave or withdrew consent, per Centra. */
  oldAt: string | undefined;
  newState: ConsentValue;
  newAt: string | undefined;
  /** ms: when we decided the change, and when Ometria acknowledged the contact carrying it (NULL: never). */
  recordedAt: number;
  pushedAt: number | undefined;
}

interface Row {
  id: number; contact_key: string; centra_customer_id: number | null; source: string;
  old_state: ConsentValue | null; old_at: number | null; new_state: ConsentValue; new_at: number | null;
  recorded_at: number; pushed_at: number | null;
}

/** The consent audit (docs/customers.md): every change we decide, and when Ometria learned it. */
export function createConsentAuditStore(db: Db) {
  const latestStmt = db.prepare(`SELECT * FROM consent_audit WHERE contact_key = ? ORDER BY id DESC LIMIT 1`);
  const lastPushedStmt = db.prepare(`SELECT * FROM consent_audit WHERE contact_key = ? AND pushed_at IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const historyStmt = db.prepare(`SELECT * FROM consent_audit WHERE contact_key = ? ORDER BY id`);
  const insertStmt = db.prepare(`
    INSERT INTO consent_audit (contact_key, centra_customer_id, source, old_state, old_at, new_state, new_at, recorded_at)
    VALUES (@contact_key, @centra_customer_id, @source, @old_state, @old_at, @new_state, @new_at, @recorded_at)`);
  const pushStmt = db.prepare(`UPDATE consent_audit SET pushed_at = ? WHERE id = ? AND contact_key = ? AND pushed_at IS NULL`);

  /** A retried job records the same change again: the unpushed latest row is reused instead of repeated. */
  const record = db.transaction((change: ConsentChange): number => {
    const latest = latestStmt.get(change.contactKey) as Row | undefined;
    if (latest && latest.pushed_at === null && latest.new_state === change.to.state && latest.new_at === ms(change.to.at)) return latest.id;
    return Number(insertStmt.run({
      contact_key: change.contactKey,
      centra_customer_id: change.to.customerId ?? null,
      source: change.to.source,
      old_state: change.from?.state ?? null,
      old_at: ms(change.from?.at),
      new_state: change.to.state,
      new_at: ms(change.to.at),
      recorded_at: change.recordedAt,
    }).lastInsertRowid);
  });

  /** Ometria acknowledged the contact at `at`: its latest change (or `changeId`, when a newer one was recorded meanwhile). */
  const markPushed = db.transaction((contactKey: string, at: number, changeId?: number): boolean => {
    const id = changeId ?? (latestStmt.get(contactKey) as Row | undefined)?.id;
    return id !== undefined && pushStmt.run(at, id, contactKey).changes > 0;
  });

  return {
    /** Returns the row id, for markPushed. */
    record: (change: ConsentChange): number => record(change),
    markPushed: (contactKey: string, at: number, changeId?: number): boolean => markPushed(contactKey, at, changeId),
    /** The last state Ometria learned from us, as mergeConsent and contactConsentFields take it. */
    lastKnown(contactKey: string): ConsentState | undefined {
      const row = lastPushedStmt.get(contactKey) as Row | undefined;
      if (!row) return undefined;
      const at = iso(row.new_at);
      return { state: row.new_state, source: row.source, ...(at ? { at } : {}), ...(row.centra_customer_id === null ? {} : { customerId: row.centra_customer_id }) };
    },
    /** Oldest first. */
    history: (contactKey: string): ConsentAuditRow[] => (historyStmt.all(contactKey) as Row[]).map(toAuditRow),
  };
}

export type ConsentAuditStore = ReturnType<typeof createConsentAuditStore>;

function ms(at: string | undefined): number | null {
  const value = at === undefined ? NaN : Date.parse(at);
  return Number.isNaN(value) ? null : value;
}

function iso(value: number | null): string | undefined {
  return value === null ? undefined : new Date(value).toISOString();
}

function toAuditRow(r: Row): ConsentAuditRow {
  return {
    id: r.id,
    contactKey: r.contact_key,
    centraCustomerId: r.centra_customer_id ?? undefined,
    source: r.source,
    oldState: r.old_state ?? undefined,
    oldAt: iso(r.old_at),
    newState: r.new_state,
    newAt: iso(r.new_at),
    recordedAt: r.recorded_at,
    pushedAt: r.pushed_at ?? undefined,
  };
}
