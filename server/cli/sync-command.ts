import { Command } from 'commander';
import { runCatalogueSync } from '../jobs/products/catalogue-sync.js';
import { runNewsletterPoll } from '../jobs/newsletter/newsletter-poll.js';
import { newsletterPollEnabled, newsletterPollSettings } from '../config/newsletter-settings.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-exit.js';
import { commandConfig, requireCredentials } from './command-config.js';
import { jsonOption, tenantOption } from './command-options.js';
import { withSession } from './command-session.js';
import { printResult } from './print-result.js';
import { progressReporter } from './progress-reporter.js';
import { keyValueTable } from './text-table.js';

/** `sync [products] [--incremental]`, `sync newsletter`: what the scheduler runs, now, with the result printed. */
export function syncCommand(ctx: CliContext): Command {
  const sync = new Command('sync').description('run a catalogue sync or a newsletter poll now');
  sync.addCommand(
    new Command('products')
      .description('sync the product catalogue now (full by default), with progress')
      .option('--incremental', 'only products changed since the last sync')
      .addOption(jsonOption())
      .addOption(tenantOption())
      .action(async (opts: { incremental?: boolean; json?: boolean; tenant?: string }) => {
        const config = await commandConfig(ctx.env, opts.tenant);
        requireCredentials(config, 'sync products');
        if (!config.CATALOGUE_STORES) throw new UsageError('sync products needs CATALOGUE_STORES: without it no catalogue is synced');
        const result = await withSession(config, async ({ runtime: build }) => {
          const runtime = build();
          const progress = progressReporter('products', opts.json ? process.stderr : process.stdout);
          const done = await runCatalogueSync(runtime.ctx, runtime.catalogue!, {
            mode: opts.incremental ? 'incremental' : 'full',
            onProgress: (p) => progress.update(p.products, Math.max(p.products, 1)),
          });
          progress.stop();
          return done;
        });
        printResult(opts.json, result, keyValueTable);
        ctx.exit(result.state === 'failed' ? 1 : 0);
      }),
    { isDefault: true },
  );
  sync.addCommand(
    new Command('newsletter')
      .description("poll Centra's newsletter subscriptions now (sign-ups, unsubscribes)")
      .addOption(jsonOption())
      .addOption(tenantOption())
      .action(async (opts: { json?: boolean; tenant?: string }) => {
        const config = await commandConfig(ctx.env, opts.tenant);
        requireCredentials(config, 'sync newsletter');
        if (!newsletterPollEnabled(config))
          throw new UsageError('sync newsletter: CONSENT_MAPPING has "useNewsletterSubscriptions": false, so subscriptions are not read');
        const result = await withSession(config, ({ runtime }) => runNewsletterPoll(runtime().ctx, newsletterPollSettings(config)));
        printResult(opts.json, result, keyValueTable);
        ctx.exit(result.state === 'failed' ? 1 : 0);
      }),
  );
  return sync;
}
