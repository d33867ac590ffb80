import { DEDUPE_WINDOW_MS } from '../collect/accept-tracker-batch.js';
import type { Logger } from '../log/logger.js';
import { PRUNE_BATCH } from '../store/retention-store.js';
import { COMPACT_BATCH } from '../store/row-count-store.js';
import type { Store } from '../store/store.js';
import type { RetentionSettings } from './retention-settings.js';

/**
 * Wall time one prune run may take, ms. Each statement deletes ≤ PRUNE_BATCH rows (a few ms of the SQLite
 * writer); between statements the event loop runs, so intake and /collect interleave. What is left over when the
 * budget runs out waits for the next run: a backlog of old rows shrinks by ~budget/statement-time batches a run.
 */
export const PRUNE_BUDGET_MS = 5_000;

/** Where the walk over tracker_identities resumes (an id; 0 = from the start). */
const IDENTITY_CURSOR_KEY = 'retention:identity-cursor';

export interface PruneResult {
  /** Rows deleted per rule. */
  deleted: Record<string, number>;
  /** True when the budget ran out before every rule was done. */
  unfinished: boolean;
}

interface Deps {
  store: Store;
  settings: RetentionSettings;
  now: () => number;
  logger?: Logger;
  /** Per run, ms (default PRUNE_BUDGET_MS); the tests lower it. */
  budgetMs?: number;
  /** Rows per statement (default PRUNE_BATCH); the tests lower it to see batches. */
  batch?: number;
}

/** One retention pass over every rule, oldest rows first, in batches, within a time budget (issue 15). */
export async function runRetention(deps: Deps): Promise<PruneResult> {
  const { store, settings } = deps;
  const batch = deps.batch ?? PRUNE_BATCH;
  const started = deps.now();
  const deadline = started + (deps.budgetMs ?? PRUNE_BUDGET_MS);
  const cutoff = (ageMs: number) => started - ageMs;
  const r = store.retention;
  const rules: Array<[string, () => Promise<number>]> = [
    ['deliveries', () => r.deliveries(cutoff(settings.webhookBodyMs), batch)],
    ['doneJobs', () => r.jobs('done', cutoff(settings.doneJobMs), batch)],
    ['deadJobs', () => r.jobs('dead', cutoff(settings.resolvedMs), batch)],
    ['pushLog', () => r.pushLog(cutoff(settings.pushLogMs), batch)],
    // Settled events past the dedupe window: /collect prunes a batch now and then, this catches up with a flood.
    ['trackerSettled', () => store.trackerEvents.prune(cutoff(DEDUPE_WINDOW_MS))],
    ['trackerEvents', () => r.trackerEvents(cutoff(settings.trackerEventMs), batch)],
    ['trackerVisitors', () => r.trackerVisitors(cutoff(settings.trackerEventMs), batch)],
    ['deadLetters', () => r.deadLetters(cutoff(settings.resolvedMs), batch)],
    ['findings', () => r.findings(cutoff(settings.resolvedMs), batch)],
    ['alerts', () => r.alerts(cutoff(settings.resolvedMs), batch)],
    ['reconcileRuns', () => r.reconcileRuns(cutoff(settings.resolvedMs), batch)],
  ];
  const deleted: Record<string, number> = {};
  let unfinished = false;
  for (const [name, prune] of rules) {
    deleted[name] = 0;
    for (;;) {
      if (deps.now() >= deadline) {
        unfinished = true;
        break;
      }
      const n = await prune();
      deleted[name] += n;
      await yieldToEventLoop();
      if (n < batch) break;
    }
    if (unfinished) break;
  }
  if (!unfinished) {
    // Identities (emails) whose visitors and events are gone: a cursor over ids, batch by batch.
    // The cursor is kept in the store, so a table too large for one budget is walked over several runs.
    deleted.trackerIdentities = 0;
    let after: number | null = (await store.kv.get<number>(IDENTITY_CURSOR_KEY)) ?? 0;
    while (after !== null) {
      if (deps.now() >= deadline) {
        unfinished = true;
        break;
      }
      const step: { deleted: number; next: number | null } = await r.orphanIdentities(after, batch);
      deleted.trackerIdentities += step.deleted;
      after = step.next;
      await yieldToEventLoop();
    }
    await store.kv.set(IDENTITY_CURSOR_KEY, after ?? 0);
  }
  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  if (total > 0 || unfinished)
    deps.logger?.info({ deleted, unfinished }, unfinished ? 'retention prune ran out of time; the rest waits for the next run' : 'retention prune done');
  return { deleted, unfinished };
}

/** Folds the row-count deltas (server/store/row-count-store.ts), batch by batch, within the same kind of budget. */
export async function compactRowCounts(deps: { store: Store; now: () => number; budgetMs?: number }): Promise<number> {
  const deadline = deps.now() + (deps.budgetMs ?? PRUNE_BUDGET_MS);
  let folded = 0;
  for (;;) {
    const n = await deps.store.rowCounts.compact();
    folded += n;
    await yieldToEventLoop();
    if (n < COMPACT_BATCH || deps.now() >= deadline) return folded;
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
