import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/store/open-database.js';
import type { Sql } from '../../server/store/sql/sql.js';
import { createSqliteSql } from '../../server/store/sql/sqlite-sql.js';
import { createStore } from '../../server/store/store.js';
import { createProcessMetrics } from '../../server/metrics/prometheus-metrics.js';
import { metricsRouter } from '../../server/status/metrics.js';
import { statusSnapshot } from '../../server/status/status-snapshot.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The tables that grow with traffic: a read of /status or /metrics may seek in them, never walk them. */
const LARGE = [
  'deliveries',
  'delivery_events',
  'jobs',
  'push_log',
  'tracker_events',
  'tracker_visitors',
  'tracker_identities',
  'ledger',
  'dead_letters',
  'alerts',
  'findings',
  'reconcile_runs',
  'contact_keys',
  'order_facts',
  'consent_audit',
];

/** Ten days after the seeded rows: the last hour of the push log is empty, as it is for a store at rest. */
const NOW = 10 * 86_400_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The Sql under a store, remembering every statement it ran (text and parameters). */
function recording(inner: Sql, seen: Array<{ text: string; params: unknown }>): Sql {
  const wrap = (sql: Sql): Sql => ({
    ...sql,
    all: (text, params) => (seen.push({ text, params }), sql.all(text, params)),
    get: (text, params) => (seen.push({ text, params }), sql.get(text, params)),
    run: (text, params) => (seen.push({ text, params }), sql.run(text, params)),
    transaction: (fn) => sql.transaction((tx) => fn(wrap(tx))),
  });
  return wrap(inner);
}

/**
 * What SQLite's planner would do with a statement, line by line. A full pass over a large table shows as
 * `SCAN <table>`, with or without an index; it is allowed only under a LIMIT and with no sort (`USE TEMP B-TREE`)
 * after it, walking an index or (unfiltered) the rowid in order: a `recent(n)` stops after n rows.
 */
function fullPasses(db: Db, text: string, params: unknown): string[] {
  const bind = params === undefined ? [] : Array.isArray(params) ? params : [params];
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...bind) as Array<{ detail: string }>).map((r) => r.detail);
  const limited = /\bLIMIT\b/i.test(text);
  const sorted = plan.some((d) => d.includes('TEMP B-TREE'));
  return plan
    .filter((detail) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      if (!scan || !LARGE.includes(scan[1]!)) return false;
      // Newest n rows walking an index, or the rowid with no filter, backwards: stops after n.
      const walksInOrder = limited && !sorted && (/USING (COVERING )?INDEX/.test(detail) || !/\bWHERE\b/i.test(text));
      return !walksInOrder;
    })
    .map((detail) => `${detail}  ←  ${text.replace(/\s+/g, ' ').trim()}`);
}

describe('/status and /metrics read counters and indexes, never a full scan (SQLite plans)', () => {
  it('plans every statement of the status snapshot and a /metrics scrape as seeks, counters or limited index walks', async () => {
    const dir = tempDir();
    const db = openDatabase(dir.path, { synchronous: 'NORMAL' });
    cleanups.push(
      () => dir.remove(),
      () => {
        db.close();
      },
    );
    const seen: Array<{ text: string; params: unknown }> = [];
    const store = createStore(recording(createSqliteSql(db), seen));
    // Mostly settled rows with a few open ones, as a store that ran for a while holds, and their statistics, so
    // the planner chooses as it would in production.
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) {
        db.prepare(
          `INSERT INTO jobs (kind, entity_key, state, run_at, first_queued_at, created_at, updated_at, finished_at) VALUES ('order', ?, 'done', ?, ?, ?, ?, ?)`,
        ).run(`d${i}`, i, i, i, i, i);
        db.prepare(
          `INSERT INTO alerts (fingerprint, kind, entity, team, message, state, first_seen, last_seen, resolved_at) VALUES (?, 'k', 'e', 'operations', 'm', 'resolved', ?, ?, ?)`,
        ).run(`r${i}`, i, i, i);
        db.prepare(
          `INSERT INTO dead_letters (created_at, updated_at, job_kind, entity_key, reason, state, replayed_at) VALUES (?, ?, 'order', ?, 'x', 'replayed', ?)`,
        ).run(i, i, `d${i}`, i);
        db.prepare(
          `INSERT INTO findings (kind, entity, team, detail, state, repair, found_at, updated_at, resolved_at) VALUES ('missing', ?, 'ecommerce', 'd', 'resolved', 'auto', ?, ?, ?)`,
        ).run(`order ${i}`, i, i, i);
        db.prepare(`INSERT INTO push_log (at, record_type, records, status) VALUES (?, 'order', 1, 202)`).run(i);
        db.prepare(`INSERT INTO tracker_events (id, visitor_id, store, type, received_at, state) VALUES (?, 'v', 'uk', 'page_view', ?, 'sent')`).run(
          `e${i}`,
          i,
        );
      }
    })();
    await store.jobs.enqueue('order', '1', 1_000);
    await store.alerts.raise({ fingerprint: 'f', kind: 'k', entity: 'e', team: 'operations', message: 'm' }, 1_000);
    await store.findings.record({ kind: 'missing', entity: 'order x', team: 'ecommerce', detail: 'd', repair: 'auto' }, 1_000);
    await store.deadLetters.add({ jobKind: 'order', entityKey: 'x', reason: 'x' }, 1_000);
    db.exec('ANALYZE');

    await statusSnapshot(store, { mode: 'production', workerEnabled: true, workerRunning: true }, NOW);
    const metrics = createProcessMetrics({ version: 'test' });
    metrics.addGaugeSource({ tenant: 'default', store, now: () => NOW });
    // An open gate: this test is about the queries behind /metrics, not who may read it.
    const app = express().use(
      metricsRouter(
        () => metrics.scrape(),
        (_req, _res, next) => next(),
      ),
    );
    const server = app.listen(0, '127.0.0.1');
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise((resolve) => server.once('listening', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(response.status).toBe(200);

    expect(seen.length).toBeGreaterThan(10);
    const offenders = seen.flatMap((s) => fullPasses(db, s.text, s.params));
    expect(offenders).toEqual([]);
  });
});
