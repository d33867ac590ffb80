import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { backlogBench } from './backlog-bench.js';
import { intakeBench } from './intake-bench.js';
import { historyBench } from './history-bench.js';
import { catalogueBench } from './catalogue-bench.js';
import { trackerBench } from './tracker-bench.js';
import { replicasBench } from './replicas-bench.js';
import { report, type Figure } from './report.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** `npm run bench`: every benchmark, one table, and bench/results/latest.json. Not part of `npm test`. */
const quick = process.argv.includes('--quick');
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
const figures: Figure[] = [];
try {
  figures.push(...(await intakeBench({ ...env, DATA_DIR: join(dir, 'intake') }, quick ? 2 : 5)));
  figures.push(...(await backlogBench(env, join(dir, 'backlog'), quick ? 500 : 2000)));
  figures.push(...(await historyBench(quick ? 1000 : 20_000)));
  figures.push(...(await catalogueBench(quick ? 100 : 2_500)));
  figures.push(...(await trackerBench()));
  // Issue 9: needs a PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL from .ci/postgres.sh).
  figures.push(...(await replicasBench(env, process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, { seconds: quick ? 3 : 8, orders: quick ? 1000 : 4000 })));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report(figures, join(packageRoot(), 'bench', 'results', quick ? 'quick.json' : 'latest.json'));
