import { parseArgs } from 'node:util';
import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { runReconcile } from '../jobs/reconcile/run-reconcile.js';
import { createRuntime } from '../runtime.js';
import { openConfiguredStore } from '../open-configured-store.js';

/**
 * `reconcile [--days N] [--no-repair] [--read-back N]`: compares Centra with our ledger and Ometria, stores
 * findings, re-enqueues safe repairs and runs them; prints the findings. Exit 1 when findings remain open.
 */
export async function reconcileCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { days: { type: 'string' }, 'no-repair': { type: 'boolean' }, 'read-back': { type: 'string' } } });
  const days = Number(values.days ?? 7);
  const readBackLimit = Number(values['read-back'] ?? config.RECONCILE_READBACK_LIMIT);
  if (!Number.isInteger(days) || days < 1 || !Number.isInteger(readBackLimit) || readBackLimit < 0) {
    console.error('--days must be a positive whole number and --read-back a whole number');
    return 2;
  }
  if (config.mode === 'sandbox') {
    console.error('reconcile needs CENTRA_API_URL and OMETRIA_API_KEY');
    return 2;
  }
  const store = await openConfiguredStore(config);
  try {
    const runtime = createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now });
    const repair = !values['no-repair'];
    const result = await runReconcile(runtime.ctx, { scope: `last ${days} days (cli)`, days, readBackLimit, repair, reader: runtime.reader });
    if (repair) await runtime.worker.drain();
    console.log(`checked ${result.checked} orders: ${result.findings} finding(s), ${result.repaired} re-enqueued`);
    const open = await store.findings.listActive();
    for (const f of open) console.log(`${f.state.padEnd(8)} ${f.kind.padEnd(26)} ${f.entity.padEnd(14)} ${f.detail}`);
    return open.some((f) => f.state === 'open') ? 1 : 0;
  } finally {
    await store.close();
  }
}
