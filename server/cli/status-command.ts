import { Command } from 'commander';
import { statusSnapshot, type StatusSnapshot } from '../status/status-snapshot.js';
import type { CliContext } from './cli-context.js';
import { commandConfig } from './command-config.js';
import { jsonOption, tenantOption } from './command-options.js';
import { withSession } from './command-session.js';
import { printResult } from './print-result.js';
import { textTable } from './text-table.js';

interface StatusResult {
  backlog: Record<string, Record<string, number>>;
  lagSeconds: number;
  openDeadLetters: number;
  openAlerts: StatusSnapshot['alerts'];
}

/** `status`: backlog, lag, dead letters and open alerts of the store (the sandbox's while it runs). */
export function statusCommand(ctx: CliContext): Command {
  return new Command('status')
    .description('print backlog, lag, open dead letters and open alerts')
    .addOption(jsonOption())
    .addOption(tenantOption())
    .action(async (opts: { json?: boolean; tenant?: string }) => {
      const config = await commandConfig(ctx.env, opts.tenant);
      const result = await withSession(config, async ({ store }): Promise<StatusResult> => {
        const s = await statusSnapshot(store, { mode: config.mode, workerEnabled: config.WORKER_ENABLED, workerRunning: false }, Date.now());
        return { backlog: s.backlog, lagSeconds: s.lagSeconds, openDeadLetters: s.openDeadLetters, openAlerts: s.alerts.filter((a) => a.state === 'open') };
      });
      printResult(opts.json, result, formatStatus);
      ctx.exit(0);
    });
}

function formatStatus(s: StatusResult): string {
  const backlog = Object.entries(s.backlog).map(([kind, states]) => ({ kind, states }));
  return [
    `Lag: ${s.lagSeconds} s    Open dead letters: ${s.openDeadLetters}`,
    '',
    'Jobs',
    textTable(
      backlog,
      [
        ['KIND', (r) => r.kind],
        [
          'STATES',
          (r) =>
            Object.entries(r.states)
              .map(([state, n]) => `${state} ${n}`)
              .join(', '),
        ],
      ],
      '(no jobs yet)',
    ),
    '',
    'Open alerts',
    textTable(
      s.openAlerts,
      [
        ['ID', (a) => a.id],
        ['TEAM', (a) => a.team],
        ['KIND', (a) => a.kind],
        ['SEEN', (a) => a.occurrences],
        ['MESSAGE', (a) => a.message],
      ],
      '(none)',
    ),
  ].join('\n');
}
