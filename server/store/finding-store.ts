import type { Sql } from './sql/sql.js';
import type { Team } from './alert-store.js';

export interface FindingInput {
  kind: string;
  /** e.g. "order 14", "contact c4", "product LS100BLU". */
  entity: string;
  team: Team;
  detail: string;
  repair: 'auto' | 'manual';
}

export interface Finding extends Omit<FindingInput, 'detail'> {
  id: number;
  detail: string;
  state: 'open' | 'repaired' | 'resolved';
  found_at: number;
  updated_at: number;
  repaired_at: number | null;
  resolved_at: number | null;
}

export interface ReconcileRun {
  id: number;
  scope: string;
  started_at: number;
  finished_at: number | null;
  checked: number;
  findings: number;
  error: string | null;
}

/** Drift found by reconciliation, with repairs and resolutions timestamped (issue 7). */
export function createFindingStore(sql: Sql) {
  return {
    /**
     * Records a finding, or refreshes the active one for the same kind and entity. One upsert on the
     * active-finding index, so two runs finding the same drift at once keep one row.
     */
    async record(input: FindingInput, now: number): Promise<Finding> {
      const finding = await sql.get<Finding>(
        `
        INSERT INTO findings (kind, entity, team, detail, state, repair, found_at, updated_at)
        VALUES (@kind, @entity, @team, @detail, 'open', @repair, @now, @now)
        ON CONFLICT (kind, entity) WHERE state IN ('open', 'repaired') DO UPDATE SET
          detail = excluded.detail, updated_at = excluded.updated_at
        RETURNING *`,
        { kind: input.kind, entity: input.entity, team: input.team, detail: input.detail, repair: input.repair, now },
      );
      return finding!;
    },
    async markRepaired(id: number, now: number): Promise<void> {
      await sql.run(`UPDATE findings SET state = 'repaired', repaired_at = ?, updated_at = ? WHERE id = ?`, [now, now, id]);
    },
    /** Findings of these kinds not seen again in a run that checked them are resolved. */
    async resolveUnseen(kinds: readonly string[], seen: ReadonlySet<string>, entities: ReadonlySet<string>, now: number): Promise<number> {
      let resolved = 0;
      for (const kind of kinds) {
        const rows = await sql.all<{ id: number; entity: string }>(`SELECT id, entity FROM findings WHERE kind = ? AND state IN ('open', 'repaired')`, [kind]);
        for (const row of rows) {
          if (!entities.has(row.entity) || seen.has(`${kind}|${row.entity}`)) continue;
          await sql.run(`UPDATE findings SET state = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ?`, [now, now, row.id]);
          resolved++;
        }
      }
      return resolved;
    },
    listActive(): Promise<Finding[]> {
      return sql.all<Finding>(`SELECT * FROM findings WHERE state IN ('open', 'repaired') ORDER BY updated_at DESC`);
    },
    recent(limit: number): Promise<Finding[]> {
      return sql.all<Finding>(`SELECT * FROM findings ORDER BY updated_at DESC LIMIT ?`, [limit]);
    },
    async startRun(scope: string, now: number): Promise<number> {
      return (await sql.get<{ id: number }>(`INSERT INTO reconcile_runs (scope, started_at) VALUES (?, ?) RETURNING id`, [scope, now]))!.id;
    },
    async finishRun(id: number, result: { checked: number; findings: number; error?: string }, now: number): Promise<void> {
      await sql.run(`UPDATE reconcile_runs SET finished_at = ?, checked = ?, findings = ?, error = ? WHERE id = ?`, [
        now,
        result.checked,
        result.findings,
        result.error ?? null,
        id,
      ]);
    },
    lastRun(): Promise<ReconcileRun | undefined> {
      return sql.get<ReconcileRun>(`SELECT * FROM reconcile_runs ORDER BY id DESC LIMIT 1`);
    },
  };
}

export type FindingStore = ReturnType<typeof createFindingStore>;
