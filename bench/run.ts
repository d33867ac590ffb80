import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { backlogBench } from './backlog-bench.js';
import { intakeBench } from './intake-bench.js';
import { historyBench } from './history-bench.js';
import { catalogueBench } from './catalogue-bench.js';
import { trackerBench } from './tracker-bench.js';
import { replicasBench } from './replicas-bench.js';
import { remoteLatencyBench } from './remote-latency-bench.js';
import { statusBench } from './status-bench.js';
import { startUpBench } from './start-up-bench.js';
import { report, type Figure } from './report.js';
import { parseBenchArgs } from './bench-args.js';
import { compareFigures, comparisonLines } from './compare-results.js';
import { readResults } from './results-file.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * `npm run bench`: every benchmark, one table, and bench/results/latest.json. Not part of `npm test`.
 * `npm run bench -- --only status` (or BENCH_ONLY=status; names comma-separated) runs those parts alone and writes
 * bench/results/<names>.json instead, leaving latest.json as the last full run.
 * `--compare bench/results/latest.json` then prints the change against that earlier run and flags regressions over
 * 10 % (exit code 1 only with --fail-on-regression). Every figure is written with its goal and whether it was met.
 * `--trace <dir>` has the remote-latency bench write when each Centra request and Ometria push of its runs arrived.
 */
const { quick, only, compare, failOnRegression, trace } = parseBenchArgs(process.argv.slice(2), process.env.BENCH_ONLY);
// read before the run: the run may overwrite the very file it is compared with
const previous = compare ? readResults(compare) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'centra-ometria-bench-'));
const env = {
  CENTRA_API_URL: 'http://127.0.0.1:9/graphql',
  CENTRA_API_TOKEN: 'unused',
  OMETRIA_API_KEY: 'unused',
  OMETRIA_API_URL: 'http://127.0.0.1:9/v2',
  OMETRIA_STORE_MAP: '{"*":"example.com"}',
  HOST: '127.0.0.1',
  PORT: '0',
};
const parts: Array<{ name: string; run: () => Promise<Figure[]> }> = [
  {
    name: 'intake',
    run: () => intakeBench({ ...env, DATA_DIR: join(dir, 'intake') }, quick ? 2 : 5, process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL),
  },
  { name: 'backlog', run: () => backlogBench(env, join(dir, 'backlog'), quick ? 500 : 2000) },
  { name: 'history', run: () => historyBench(quick ? 1000 : 20_000) },
  { name: 'catalogue', run: () => catalogueBench(quick ? 100 : 2_500) },
  { name: 'tracker', run: () => trackerBench() },
  // Issue 9: needs a PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL from .ci/postgres.sh).
  {
    name: 'replicas',
    run: () => replicasBench(env, process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, { seconds: quick ? 3 : 8, orders: quick ? 1000 : 4000 }),
  },
  {
    name: 'remote-latency',
    run: () => remoteLatencyBench(env, process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, { orders: quick ? 3000 : 6000, trace }),
  },
  // Issue 15: /status.json and /metrics with 1,000,000 rows in the large tables.
  { name: 'status', run: () => statusBench(env, join(dir, 'status'), quick ? 100_000 : 1_000_000, quick ? 3 : 10) },
  // Issue 16: a port in use fails fast.
  { name: 'start-up', run: () => startUpBench(env, join(dir, 'start-up'), quick ? 3 : 9) },
];
const unknown = only?.filter((name) => !parts.some((p) => p.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; parts: ${parts.map((p) => p.name).join(', ')}`);
const figures: Figure[] = [];
try {
  for (const part of parts) if (!only || only.includes(part.name)) figures.push(...(await part.run()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const file = only ? `${only.join('-')}${quick ? '-quick' : ''}.json` : quick ? 'quick.json' : 'latest.json';
const reported = report(figures, join(packageRoot(), 'bench', 'results', file));
if (previous && compare) {
  const comparison = compareFigures(previous.figures, reported);
  console.log(comparisonLines(comparison, `${compare} (measured ${previous.measuredAt})`).join('\n'));
  if (failOnRegression && comparison.changes.some((c) => c.regression)) process.exitCode = 1;
}
