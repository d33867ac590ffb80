import { Command, InvalidArgumentError } from 'commander';
import { replayDeadLetters } from '../admin/replay.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-exit.js';
import { commandConfig, requireCredentials } from './command-config.js';
import { jsonOption, tenantOption } from './command-options.js';
import { withSession } from './command-session.js';
import { printResult } from './print-result.js';

interface ReplayReport {
  replayed: Array<{ id: number; job: string; state: string; error: string | null }>;
  /** Ids with no open dead letter: never existed, or replayed already. */
  unknown: number[];
  /** Webhook events that name nothing Centra has. */
  notReplayable: number[];
}

/**
 * `replay <id>... | --all [--type T]`: re-queues the jobs behind the dead letters, then runs due jobs in this
 * process until none is left and reports what became of each. Exit 1 when an id is unknown or a job is not done.
 */
export function replayCommand(ctx: CliContext): Command {
  return new Command('replay')
    .description('re-run the jobs behind dead letters, push them, and report each')
    .argument('[dead-letter-id...]', 'dead letter ids (see status or /status)', collectIds, [])
    .option('--all', 'every open dead letter')
    .option('--type <type>', 'with --all: only dead letters of this record type (order, contact, …)')
    .addOption(jsonOption())
    .addOption(tenantOption())
    .action(async (ids: number[], opts: { all?: boolean; type?: string; json?: boolean; tenant?: string }) => {
      if (!opts.all && ids.length === 0) throw new UsageError('replay needs dead letter ids or --all');
      if (opts.all && ids.length > 0) throw new UsageError('replay takes dead letter ids or --all, not both');
      if (opts.type && !opts.all) throw new UsageError('--type goes with --all');
      const config = await commandConfig(ctx.env, opts.tenant);
      requireCredentials(config, 'replay', ': in the sandbox, use the replay button on /status');
      const report = await withSession(config, async ({ store, runtime }): Promise<ReplayReport> => {
        const result = await replayDeadLetters(store, opts.all ? { all: true, type: opts.type } : { ids }, Date.now());
        if (result.replayed.length > 0) await runtime().worker.drain();
        const replayed = [];
        for (const r of result.replayed) {
          const [kind, entity] = r.job.split(' ') as [Parameters<typeof store.jobs.find>[0], string];
          const job = await store.jobs.find(kind, entity);
          replayed.push({ id: r.id, job: r.job, state: job?.state ?? 'unknown', error: job?.last_error ?? null });
        }
        return { replayed, unknown: result.unknown, notReplayable: result.notReplayable };
      });
      for (const id of report.unknown) console.error(`dead letter ${id}: not found or already replayed; see status for open dead letters`);
      for (const id of report.notReplayable)
        console.error(`dead letter ${id}: a webhook event that names nothing Centra has; nothing to replay (see its reason)`);
      printResult(opts.json, report, formatReplay);
      const failed = report.replayed.some((r) => r.state !== 'done') || report.unknown.length > 0 || (!opts.all && report.notReplayable.length > 0);
      ctx.exit(failed ? 1 : 0);
    });
}

function collectIds(raw: string, ids: number[]): number[] {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || id <= 0) throw new InvalidArgumentError(`dead letter ids are positive whole numbers, got "${raw}"`);
  return [...ids, id];
}

function formatReplay(r: ReplayReport): string {
  if (r.replayed.length === 0) return 'nothing to replay';
  return r.replayed
    .map((x) => `dead letter ${x.id} (${x.job}): ${x.state === 'done' ? 'delivered' : `${x.state}${x.error ? ` (${x.error})` : ''}`}`)
    .join('\n');
}
