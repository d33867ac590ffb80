import { lockKeys } from './advisory-lock.js';
import type { Sql } from './sql/sql.js';

export type ConsentValue = 'in' | 'out' | 'unknown';

/** Marketing email consent as one source states it, or as merged from several. */
export interface ConsentState {
  state: ConsentValue;
  /** When the customer gave or withdrew it, UTC ISO-8601 with `Z`; absent when the source does not date it. */
  at?: string;
  /** Where it was read, without PII: `customer:<id>:consent:<key>`, `customer:<id>:newsletter`, … */
  source: string;
  /** The Centra customer it came from: the audit's "who". */
  customerId?: number;
}

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
  id: number;
  contact_key: string;
  centra_customer_id: number | null;
  source: string;
  old_state: ConsentValue | null;
  old_at: number | null;
  new_state: ConsentValue;
  new_at: number | null;
  recorded_at: number;
  pushed_at: number | null;
}

/** The consent audit (docs/customers.md): every change we decide, and when Ometria learned it. */
export function createConsentAuditStore(sql: Sql) {
  const latest = (tx: Sql, contactKey: string) => tx.get<Row>(`SELECT * FROM consent_audit WHERE contact_key = ? ORDER BY id DESC LIMIT 1`, [contactKey]);

  return {
    /**
     * Returns the row id, for markPushed. A retried job records the same change again: the unpushed latest row
     * is reused instead of repeated.
     */
    record: (change: ConsentChange): Promise<number> =>
      sql.transaction(async (tx) => {
        await lockKeys(tx, 'consent-audit', [change.contactKey]);
        const last = await latest(tx, change.contactKey);
        if (last && last.pushed_at === null && last.new_state === change.to.state && last.new_at === ms(change.to.at)) return last.id;
        const inserted = await tx.get<{ id: number }>(
          `
        INSERT INTO consent_audit (contact_key, centra_customer_id, source, old_state, old_at, new_state, new_at, recorded_at)
        VALUES (@contact_key, @centra_customer_id, @source, @old_state, @old_at, @new_state, @new_at, @recorded_at)
        RETURNING id`,
          {
            contact_key: change.contactKey,
            centra_customer_id: change.to.customerId ?? null,
            source: change.to.source,
            old_state: change.from?.state ?? null,
            old_at: ms(change.from?.at),
            new_state: change.to.state,
            new_at: ms(change.to.at),
            recorded_at: change.recordedAt,
          },
        );
        return inserted!.id;
      }),
    /** Ometria acknowledged the contact at `at`: its latest change (or `changeId`, when a newer one was recorded meanwhile). */
    markPushed: (contactKey: string, at: number, changeId?: number): Promise<boolean> =>
      sql.transaction(async (tx) => {
        await lockKeys(tx, 'consent-audit', [contactKey]);
        const id = changeId ?? (await latest(tx, contactKey))?.id;
        if (id === undefined) return false;
        const { changes } = await tx.run(`UPDATE consent_audit SET pushed_at = ? WHERE id = ? AND contact_key = ? AND pushed_at IS NULL`, [at, id, contactKey]);
        return changes > 0;
      }),
    /** The last state Ometria learned from us, as mergeConsent and contactConsentFields take it. */
    async lastKnown(contactKey: string): Promise<ConsentState | undefined> {
      const row = await sql.get<Row>(`SELECT * FROM consent_audit WHERE contact_key = ? AND pushed_at IS NOT NULL ORDER BY id DESC LIMIT 1`, [contactKey]);
      if (!row) return undefined;
      const at = iso(row.new_at);
      return {
        state: row.new_state,
        source: row.source,
        ...(at ? { at } : {}),
        ...(row.centra_customer_id === null ? {} : { customerId: row.centra_customer_id }),
      };
    },
    /** Oldest first. */
    history: async (contactKey: string): Promise<ConsentAuditRow[]> =>
      (await sql.all<Row>(`SELECT * FROM consent_audit WHERE contact_key = ? ORDER BY id`, [contactKey])).map(toAuditRow),
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
