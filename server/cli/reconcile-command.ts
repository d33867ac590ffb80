import { Command } from 'commander';
import { runReconcile, type ReconcileResult } from '../jobs/reconcile/run-reconcile.js';
import type { CliContext } from './cli-context.js';
import { commandConfig, requireCredentials } from './command-config.js';
import { jsonOption, tenantOption, wholeNumber } from './command-options.js';
import { withSession } from './command-session.js';
import { printResult } from './print-result.js';
import { textTable } from './text-table.js';

interface ReconcileReport extends ReconcileResult {
  active: Array<{ id: number; state: string; kind: string; entity: string; team: string; detail: string }>;
}

/**
 * `reconcile [--days N] [--no-repair] [--read-back N]`: compares Centra with our ledger and Ometria, stores
 * findings, re-enqueues safe repairs and runs them; prints the findings. Exit 1 when findings remain open.
 */
export function reconcileCommand(ctx: CliContext): Command {
  return new Command('reconcile')
    .description('compare Centra with Ometria, store findings, repair the safe ones; exit 1 while findings are open')
    .option('--days <n>', 'orders updated in the last n days', wholeNumber('--days', 1), 7)
    .option('--no-repair', 'only report: re-enqueue nothing')
    .option('--read-back <n>', 'orders read back from Ometria at most (default: RECONCILE_READBACK_LIMIT)', wholeNumber('--read-back', 0))
    .addOption(jsonOption())
    .addOption(tenantOption())
    .action(async (opts: { days: number; repair: boolean; readBack?: number; json?: boolean; tenant?: string }) => {
      const config = await commandConfig(ctx.env, opts.tenant);
      requireCredentials(config, 'reconcile');
      const report = await withSession(config, async ({ store, runtime: build }): Promise<ReconcileReport> => {
        const runtime = build();
        const readBackLimit = opts.readBack ?? config.RECONCILE_READBACK_LIMIT;
        const result = await runReconcile(runtime.ctx, {
          scope: `last ${opts.days} days (cli)`,
          days: opts.days,
          readBackLimit,
          repair: opts.repair,
          reader: runtime.reader,
        });
        if (opts.repair) await runtime.worker.drain();
        const active = (await store.findings.listActive()).map(({ id, state, kind, entity, team, detail }) => ({ id, state, kind, entity, team, detail }));
        return { ...result, active };
      });
      printResult(opts.json, report, formatReconcile);
      ctx.exit(report.active.some((f) => f.state === 'open') ? 1 : 0);
    });
}

function formatReconcile(r: ReconcileReport): string {
  const head = `checked ${r.checked} orders: ${r.findings} finding(s), ${r.repaired} re-enqueued`;
  if (r.active.length === 0) return head;
  return `${head}\n\n${textTable(r.active, [
    ['STATE', (f) => f.state],
    ['KIND', (f) => f.kind],
    ['ENTITY', (f) => f.entity],
    ['DETAIL', (f) => f.detail],
  ])}`;
}
