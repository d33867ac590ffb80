import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { createCentraClient } from '../centra/centra-client.js';
import { loadConfig, type Config } from '../config/load-config.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-exit.js';
import { runDoctor, UNTHROTTLED } from './doctor-command.js';
import { formatDoctorReport } from './doctor-report.js';
import { fetchCentraSetup, proposeStores, retailMarkets, type StoreProposal } from './store-proposal.js';
import { textTable } from './text-table.js';

interface InitOptions {
  centraUrl?: string;
  centraToken?: string;
  webhookSecret?: string;
  ometriaKey?: string;
  ometriaUrl?: string;
  domain?: string;
  languages?: string;
  out: string;
  force?: boolean;
  yes?: boolean;
}

/**
 * `init`: asks for (or takes from flags, then the environment) Centra's endpoint and token and the Ometria key, runs
 * doctor, lists Centra's markets and pricelists, proposes OMETRIA_STORE_MAP and CATALOGUE_STORES from them and the
 * shop's domain and storefront paths, and writes a commented .env that `npm start` reads. With every value given
 * (or --yes, or no terminal) it asks nothing.
 */
export function initCommand(ctx: CliContext): Command {
  return new Command('init')
    .description('write a .env for this Centra and Ometria: asks for what flags do not give, runs doctor, proposes the store map')
    .option('--centra-url <url>', 'Centra Integration API endpoint (default: CENTRA_API_URL)')
    .option('--centra-token <token>', 'Centra Integration API token (default: CENTRA_API_TOKEN)')
    .option('--webhook-secret <secret>', "the secret of Centra's webhook plugin (default: CENTRA_WEBHOOK_SECRET, else a new one to paste into Centra)")
    .option('--ometria-key <key>', 'Ometria API key (default: OMETRIA_API_KEY)')
    .option('--ometria-url <url>', "Ometria Data API base URL (default: Ometria's own)")
    .option('--domain <domain>', "the shop's domain, e.g. example.com: Ometria stores are <domain>/<path>")
    .option('--languages <list>', "storefront path per Centra market, e.g. 1=uk,2=se (default: each market's name, lower-cased)")
    .option('--out <file>', 'where to write', '.env')
    .option('--force', 'overwrite the file if it exists')
    .option('--yes', 'accept every proposal; ask nothing')
    .action(async (opts: InitOptions) => {
      const out = resolve(opts.out);
      if (existsSync(out) && !opts.force) throw new UsageError(`${out} exists: pass --force to overwrite it, or --out another file`);
      const current = configuredOrNone(ctx.env);
      const ask = asker(!opts.yes && process.stdin.isTTY === true);
      try {
        const centraUrl = await ask.value('Centra Integration API endpoint', opts.centraUrl ?? current?.CENTRA_API_URL, '--centra-url');
        const centraToken = await ask.value('Centra API token', opts.centraToken ?? current?.CENTRA_API_TOKEN, '--centra-token');
        const ometriaKey = await ask.value('Ometria API key', opts.ometriaKey ?? current?.OMETRIA_API_KEY, '--ometria-key');
        const known = opts.webhookSecret ?? current?.CENTRA_WEBHOOK_SECRET;
        const webhookSecret = await ask.value('Centra webhook plugin secret (Enter: a new one)', known ?? randomBytes(24).toString('hex'), '--webhook-secret');
        const ometriaUrl = opts.ometriaUrl;

        const access = { url: centraUrl, token: centraToken, timeoutMs: 15_000 };
        const report = await runDoctor(access);
        console.log(`${formatDoctorReport(report)}\n`);
        if (!report.orderSyncWorks) throw new Error('doctor: orders cannot sync with this Centra (see above and docs/centra-setup.md); nothing written');

        const setup = await fetchCentraSetup(createCentraClient({ ...access, limiter: UNTHROTTLED, now: Date.now }));
        console.log(
          `Centra's pricelists:\n${textTable(setup.pricelists, [
            ['ID', (p) => p.id],
            ['NAME', (p) => p.name ?? ''],
            ['STATUS', (p) => p.status ?? ''],
            ['CURRENCY', (p) => p.currency?.code ?? ''],
            ['STORE', (p) => p.store?.id ?? ''],
          ])}\n`,
        );
        const markets = retailMarkets(setup);
        if (markets.length === 0) throw new Error('Centra lists no direct-to-consumer market: create one in Centra, then run init again; nothing written');
        const domain = await ask.value("The shop's domain (e.g. example.com)", opts.domain, '--domain');
        const proposedPaths = markets.map((m) => `${m.id}=${m.path}`).join(',');
        const paths = parsePaths(
          await ask.value(`Storefront path per market (${markets.map((m) => `${m.id} ${m.name}`).join(', ')})`, opts.languages ?? proposedPaths, '--languages'),
        );
        const stores = proposeStores(setup, domain, paths);
        console.log(
          `Proposed Ometria stores:\n${textTable(stores, [
            ['MARKET', (s) => `${s.marketId} ${s.marketName}`],
            ['OMETRIA STORE', (s) => s.ometriaStore],
            ['PRICELIST', (s) => s.pricelistId ?? '(none: no catalogue)'],
            ['PRODUCT URLS', (s) => s.baseUrl],
          ])}\n`,
        );
        if (!(await ask.confirm('Write this configuration?'))) throw new UsageError('nothing written');

        const text = envFileText({ centraUrl, centraToken, webhookSecret, ometriaKey, ometriaUrl, stores });
        // The written values must load as `npm start` will load them: a store id too long fails here, not at start.
        loadConfig({
          CENTRA_API_URL: centraUrl,
          CENTRA_API_TOKEN: centraToken,
          CENTRA_WEBHOOK_SECRET: webhookSecret,
          OMETRIA_API_KEY: ometriaKey,
          ...storeVariables(stores),
        });
        writeFileSync(out, text, { mode: 0o600 });
        console.log(`Wrote ${out} (owner-only: it holds secrets); npm start reads it from this folder.`);
        if (!known)
          console.log(
            `Set the secret of Centra's webhook plugin to the CENTRA_WEBHOOK_SECRET in ${out}, and its URL to https://<this service>/webhooks/centra.`,
          );
        ctx.exit(0);
      } finally {
        ask.close();
      }
    });
}

/** What the environment (and an existing .env) already configures, as defaults; none when it does not load. */
function configuredOrNone(env: Record<string, string | undefined>): Readonly<Config> | undefined {
  try {
    return loadConfig(env);
  } catch {
    return undefined;
  }
}

/** Prompts on a terminal; otherwise each value must come from a flag or the environment (the flag is named). */
function asker(interactive: boolean) {
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  return {
    async value(question: string, fallback: string | undefined, flag: string): Promise<string> {
      if (!rl) {
        if (fallback === undefined || fallback === '') throw new UsageError(`init needs ${flag} (no terminal to ask on)`);
        return fallback;
      }
      const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
      if (answer) return answer;
      if (fallback) return fallback;
      return this.value(question, fallback, flag);
    },
    async confirm(question: string): Promise<boolean> {
      if (!rl) return true;
      return !/^n/i.test((await rl.question(`${question} [Y/n]: `)).trim());
    },
    close: () => rl?.close(),
  };
}

function parsePaths(raw: string): Map<number, string> {
  const paths = new Map<number, string>();
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d+)=([a-z0-9][a-z0-9-]*)$/i.exec(pair);
    if (!match) throw new UsageError(`--languages takes <market id>=<path> pairs such as 1=uk,2=se; "${pair}" is not one`);
    paths.set(Number(match[1]), match[2]!.toLowerCase());
  }
  return paths;
}

function storeVariables(stores: StoreProposal[]): { OMETRIA_STORE_MAP: string; CATALOGUE_STORES?: string } {
  const listed = stores
    .filter((s) => s.pricelistId !== undefined)
    .map((s) => ({ store: s.ometriaStore, marketId: s.marketId, pricelistId: s.pricelistId!, baseUrl: s.baseUrl }));
  return {
    OMETRIA_STORE_MAP: JSON.stringify(Object.fromEntries(stores.map((s) => [String(s.marketId), s.ometriaStore]))),
    ...(listed.length > 0 ? { CATALOGUE_STORES: JSON.stringify(listed) } : {}),
  };
}

/** The .env text: one commented block per concern; JSON in single quotes, as node's parseEnv reads it. */
function envFileText(v: {
  centraUrl: string;
  centraToken: string;
  webhookSecret: string;
  ometriaKey: string;
  ometriaUrl: string | undefined;
  stores: StoreProposal[];
}): string {
  const vars = storeVariables(v.stores);
  return [
    '# centra-ometria configuration, written by `centra-ometria init`. Every variable is described in the README.',
    '# A variable set in the environment overrides this file. Keep it private: it holds secrets.',
    '',
    '# Centra Integration API (checked by `centra-ometria doctor`).',
    `CENTRA_API_URL=${v.centraUrl}`,
    `CENTRA_API_TOKEN=${v.centraToken}`,
    "# The secret of Centra's webhook plugin, which posts to https://<this service>/webhooks/centra.",
    `CENTRA_WEBHOOK_SECRET=${v.webhookSecret}`,
    '',
    '# Ometria Data API.',
    `OMETRIA_API_KEY=${v.ometriaKey}`,
    ...(v.ometriaUrl ? [`OMETRIA_API_URL=${v.ometriaUrl}`] : []),
    '',
    "# Centra market id → Ometria store id: each order goes to its market's store.",
    `OMETRIA_STORE_MAP='${vars.OMETRIA_STORE_MAP}'`,
    ...(vars.CATALOGUE_STORES
      ? [
          '# Ometria stores the catalogue is listed in (the first is primary): market, pricelist and product URLs.',
          `CATALOGUE_STORES='${vars.CATALOGUE_STORES}'`,
        ]
      : ['# No market has an active pricelist: CATALOGUE_STORES is unset, so no catalogue sync runs.']),
    '',
  ].join('\n');
}
