import type { Db } from './open-database.js';
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

/** Drift found by reconciliation, with repairs and resolutions timestamped (issue 7). */
export function createFindingStore(db: Db) {
  const active = db.prepare(`SELECT * FROM findings WHERE kind = ? AND entity = ? AND state IN ('open', 'repaired')`);
  const insert = db.prepare(`INSERT INTO findings (kind, entity, team, detail, state, repair, found_at, updated_at)
    VALUES (@kind, @entity, @team, @detail, 'open', @repair, @now, @now)`);
  return {
    /** Records a finding, or refreshes the active one for the same kind and entity. */
    record(input: FindingInput, now: number): Finding {
      const existing = active.get(input.kind, input.entity) as Finding | undefined;
      if (existing) db.prepare(`UPDATE findings SET detail = ?, updated_at = ? WHERE id = ?`).run(input.detail, now, existing.id);
      else insert.run({ ...input, now });
      return active.get(input.kind, input.entity) as Finding;
    },
    markRepaired(id: number, now: number): void {
      db.prepare(`UPDATE findings SET state = 'repaired', repaired_at = ?, updated_at = ? WHERE id = ?`).run(now, now, id);
    },
    /** Findings of these kinds not seen again in a run that checked them are resolved. */
    resolveUnseen(kinds: readonly string[], seen: ReadonlySet<string>, entities: ReadonlySet<string>, now: number): number {
      let resolved = 0;
      for (const kind of kinds) {
        const rows = db.prepare(`SELECT id, entity FROM findings WHERE kind = ? AND state IN ('open', 'repaired')`).all(kind) as Array<{ id: number; entity: string }>;
        for (const row of rows) {
          if (!entities.has(row.entity) || seen.has(`${kind}|${row.entity}`)) continue;
          db.prepare(`UPDATE findings SET state = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ?`).run(now, now, row.id);
          resolved++;
        }
      }
      return resolved;
    },
    listActive(): Finding[] {
      return db.prepare(`SELECT * FROM findings WHERE state IN ('open', 'repaired') ORDER BY updated_at DESC`).all() as Finding[];
    },
    recent(limit: number): Finding[] {
      return db.prepare(`SELECT * FROM findings ORDER BY updated_at DESC LIMIT ?`).all(limit) as Finding[];
    },
    startRun(scope: string, now: number): number {
      return Number(db.prepare(`INSERT INTO reconcile_runs (scope, started_at) VALUES (?, ?)`).run(scope, now).lastInsertRowid);
    },
    finishRun(id: number, result: { checked: number; findings: number; error?: string }, now: number): void {
      db.prepare(`UPDATE reconcile_runs SET finished_at = ?, checked = ?, findings = ?, error = ? WHERE id = ?`).run(now, result.checked, result.findings, result.error ?? null, id);
    },
    lastRun(): { id: number; scope: string; started_at: number; finished_at: number | null; checked: number; findings: number; error: string | null } | undefined {
      return db.prepare(`SELECT * FROM reconcile_runs ORDER BY id DESC LIMIT 1`).get() as never;
    },
  };
}

export type FindingStore = ReturnType<typeof createFindingStore>;
