import { Command, InvalidArgumentError, Option } from 'commander';
import { sendCentraWebhook } from '../centra/webhook/send.js';
import type { Config } from '../config/load-config.js';
import { SANDBOX_WEBHOOK_SECRET } from '../config/sandbox-location.js';
import { ROUTED_EVENT_TYPES } from '../intake/event-routing.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-exit.js';
import { commandConfig } from './command-config.js';
import { jsonOption, tenantOption } from './command-options.js';
import { printResult } from './print-result.js';

interface SendReport {
  url: string;
  event: { type: string; action: string; date: string; id: number };
  status: number;
  answer: string;
}

/**
 * `send-webhook <type> <id>`: one delivery signed as Centra's webhook plugin signs it, to this service (or --url),
 * and the answer. For checking a deployment end to end, as Stripe's and Svix's CLIs do. Exit 1 unless 2xx.
 */
export function sendWebhookCommand(ctx: CliContext): Command {
  return new Command('send-webhook')
    .description("send a signed Centra webhook event (as Centra's webhook plugin does) and print the answer")
    .argument('<type>', `event type, e.g. ${ROUTED_EVENT_TYPES.join(', ')}`)
    .argument('<id>', 'the entity id (for an order: its number)', parseId)
    .option('--url <url>', 'endpoint (default: this service, http://127.0.0.1:PORT/webhooks/centra)')
    .option('--secret <secret>', "signing secret (default: CENTRA_WEBHOOK_SECRET; the sandbox's in the sandbox)")
    .addOption(new Option('--action <action>', 'event action').default('update'))
    .addOption(jsonOption())
    .addOption(tenantOption())
    .action(async (type: string, id: number, opts: { url?: string; secret?: string; action: string; json?: boolean; tenant?: string }) => {
      const config = await commandConfig(ctx.env, opts.tenant);
      const secret = opts.secret ?? config.CENTRA_WEBHOOK_SECRET ?? (config.mode === 'sandbox' ? SANDBOX_WEBHOOK_SECRET : undefined);
      if (!secret) throw new UsageError('send-webhook needs --secret or CENTRA_WEBHOOK_SECRET');
      const url = opts.url ?? serviceWebhookUrl(config);
      const event = { type, action: opts.action, date: centraEventDate(new Date()), id };
      let reply: { status: number; body: string };
      try {
        reply = await sendCentraWebhook({ url, secret, payload: { events: [event] } });
      } catch (error) {
        throw new Error(`no answer from ${url}: ${(error as Error).message}; is the service running there (or pass --url)?`, { cause: error });
      }
      const report: SendReport = { url, event, status: reply.status, answer: reply.body };
      printResult(opts.json, report, (r) => `POST ${r.url}: ${r.event.type} ${r.event.id} (${r.event.action})\n${r.status} ${r.answer}`);
      ctx.exit(reply.status >= 200 && reply.status < 300 ? 0 : 1);
    });
}

function parseId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InvalidArgumentError(`the id is a whole number, got "${raw}"`);
  return Number(raw);
}

/** This service's webhook endpoint as configured; a tenant's has its id last (server/tenants/tenants-app.ts). */
function serviceWebhookUrl(config: Readonly<Config>): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/webhooks/centra${config.tenant ? `/${config.tenant.id}` : ''}`;
}

/**
 * Centra's event `date` (`2024-06-03 16:00:00.123456`, no zone). The microseconds differ between sends, so two
 * sends in one second are two deliveries, not a replay of one.
 */
function centraEventDate(now: Date): string {
  const micros = String(now.getUTCMilliseconds() * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0');
  return `${now.toISOString().slice(0, 19).replace('T', ' ')}.${micros}`;
}
