import type { Sql } from './sql/sql.js';

export type Team = 'ecommerce' | 'cx' | 'marketing' | 'operations';

export interface AlertInput {
  /** Same fingerprint while open = same alert (deduplicated, occurrences counted; entity, message and details updated). */
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

export function createAlertStore(sql: Sql) {
  return {
    /**
     * Opens an alert, or counts one more occurrence of the open one; `opened` says which. One upsert on the
     * open-fingerprint index, so two replicas raising the same alert at once still make one.
     */
    async raise(input: AlertInput, now: number): Promise<{ alert: Alert; opened: boolean }> {
      const details = input.details === undefined ? null : JSON.stringify(input.details);
      const alert = (await sql.get<Alert>(
        `
        INSERT INTO alerts (fingerprint, kind, entity, team, message, cause, action, details, state, first_seen, last_seen)
        VALUES (@fingerprint, @kind, @entity, @team, @message, @cause, @action, @details, 'open', @now, @now)
        ON CONFLICT (fingerprint) WHERE state = 'open' DO UPDATE SET
          last_seen = excluded.last_seen, occurrences = alerts.occurrences + 1, entity = excluded.entity, message = excluded.message, details = excluded.details
        RETURNING *`,
        {
          fingerprint: input.fingerprint,
          kind: input.kind,
          entity: input.entity,
          team: input.team,
          message: input.message,
          cause: input.cause ?? null,
          action: input.action ?? null,
          details,
          now,
        },
      ))!;
      // A new row starts at 1 occurrence; a bumped one has at least 2.
      return { alert, opened: alert.occurrences === 1 };
    },
    async resolve(fingerprint: string, now: number): Promise<Alert | undefined> {
      const resolved = await sql.get<Alert>(`UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE fingerprint = ? AND state = 'open' RETURNING *`, [
        now,
        fingerprint,
      ]);
      return resolved;
    },
    async markNotified(id: number, now: number): Promise<void> {
      await sql.run(`UPDATE alerts SET notified_at = ? WHERE id = ?`, [now, id]);
    },
    listOpen(): Promise<Alert[]> {
      return sql.all<Alert>(`SELECT * FROM alerts WHERE state = 'open' ORDER BY last_seen DESC`);
    },
    /** Open alerts per team, through alerts_resolved (state, …): resolved alerts are never walked. */
    openByTeam(): Promise<Array<{ team: Team; n: number }>> {
      return sql.all(`SELECT team, COUNT(*) AS n FROM alerts WHERE state = 'open' GROUP BY team ORDER BY team`);
    },
    recent(limit: number): Promise<Alert[]> {
      return sql.all<Alert>(`SELECT * FROM alerts ORDER BY last_seen DESC LIMIT ?`, [limit]);
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
