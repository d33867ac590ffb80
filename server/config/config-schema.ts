import { z } from 'zod';
import { CustomerEnvSchema } from './customer-config-schema.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number) => z.coerce.number().int().min(min);
const url = z.url();
const jsonStringMap = z.string().transform((raw, ctx) => {
  try {
    const parsed = z.record(z.string(), z.string().min(1).max(32)).parse(JSON.parse(raw));
    return parsed;
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a JSON object of Centra market id → Ometria store id (≤ 32 characters), e.g. {"1":"example.com/uk","*":"example.com"}',
    });
    return z.NEVER;
  }
});

const carrierUrls = z.string().transform((raw, ctx) => {
  try {
    return z.record(z.string().min(1), z.string().regex(/^https:\/\/.*\{tracking\}/)).parse(JSON.parse(raw));
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a JSON object of carrier name → https URL containing {tracking}, e.g. {"acme":"https://acme.example/t/{tracking}"}',
    });
    return z.NEVER;
  }
});

/** JSON-in-an-env-variable: parsed and checked by `schema`, with `example` in the error message. */
const jsonOf = <T extends z.ZodType>(schema: T, example: string) =>
  z.string().transform((raw, ctx): z.infer<T> => {
    try {
      return schema.parse(JSON.parse(raw));
    } catch (error) {
      const detail = error instanceof z.ZodError ? `: ${error.issues[0]?.path.join('.')} ${error.issues[0]?.message}` : '';
      ctx.addIssue({ code: 'custom', message: `must be JSON like ${example}${detail}` });
      return z.NEVER;
    }
  });

const catalogueStores = jsonOf(
  z.array(z.strictObject({ store: z.string().min(1).max(32), marketId: z.number().int(), pricelistId: z.number().int(), baseUrl: z.url() })).min(1),
  '[{"store":"example.com/uk","marketId":1,"pricelistId":1,"baseUrl":"https://example.com/uk/product"}]',
);
const customAttributes = jsonOf(
  z.array(z.strictObject({ centraType: z.string().min(1), elementKey: z.string().optional(), ometriaType: z.string().min(1) })),
  '[{"centraType":"pr_material","ometriaType":"material"}]',
);

/**
 * Every environment variable the service reads, with its default. The README's table mirrors this.
 * Nothing else reads process.env (see load-config.ts).
 */
export const EnvSchema = z
  .object({
    /** HTTP port (default: 8080). */
    PORT: int(0).max(65535).default(8080),
    /** Bind address (default: 127.0.0.1 in the sandbox, 0.0.0.0 with real credentials; docs/design.md D22). */
    HOST: z.string().min(1).optional(),
    /** Folder of the embedded SQLite store, unused for the store when DATABASE_URL is set (default: ./data). */
    DATA_DIR: z.string().min(1).default('./data'),
    /** SQLite synchronous mode: NORMAL survives process crashes; FULL also survives power loss, slower (default: NORMAL). */
    STORE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
    /**
     * postgres:// URL of a PostgreSQL database: the store lives there, shared by every replica, and DATA_DIR holds no
     * store (default: none = SQLite under DATA_DIR).
     */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@db.internal:5432/centra_ometria' })
      .optional(),
    /**
     * Path of a JSON file `{"tenants":{"<id>":{"<VARIABLE>":"value",…}}}`: one deployment serves each tenant with its
     * own variables over these, its own store and its own webhook path (default: none = one tenant; README, "Several
     * brands in one deployment").
     */
    TENANTS_FILE: z.string().min(1).optional(),
    /** PostgreSQL connections each process keeps open at most, shared among tenants (default: 10). */
    DATABASE_POOL_SIZE: int(1).max(1000).default(10),
    /** Full Centra Integration API GraphQL endpoint, e.g. https://shop.centra.com/graphql (default: none = sandbox). */
    CENTRA_API_URL: url.optional(),
    /** Integration API token, sent as `Authorization: Bearer` (required with CENTRA_API_URL). */
    CENTRA_API_TOKEN: z.string().min(1).optional(),
    /** The Centra Webhook plugin's endpoint secret, used to verify X-Centra-Signature (required with CENTRA_API_URL). */
    CENTRA_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Accepted age of a webhook signature timestamp, seconds (default: 900). */
    CENTRA_SIGNATURE_TOLERANCE_SECONDS: int(1).default(900),
    /**
     * More webhook deliveries than this refused for their signature within 10 minutes raise an alert ("wrong
     * CENTRA_WEBHOOK_SECRET or clock skew"); each refusal is also logged and counted on /metrics (default: 5).
     */
    SIGNATURE_FAILURE_ALERT: int(0).default(5),
    /** Orders fetched per Integration API request when a backlog exists (default: 50; docs/design.md D12). */
    CENTRA_BATCH_SIZE: int(1).max(200).default(50),
    /** Centra requests allowed per 10 s, shared by every integration of an environment (default: 20). */
    CENTRA_RATE_LIMIT_10S: int(1).default(20),
    /** Centra requests allowed per hour (default: 3600). */
    CENTRA_RATE_LIMIT_HOUR: int(1).default(3600),
    /** Timeout of one Integration API call, ms (default: 15000). */
    CENTRA_TIMEOUT_MS: int(100).default(15_000),
    /**
     * The longest Retry-After honoured from Centra or Ometria, seconds (default: 900). A remote asking for longer is
     * asked again after this: no job is parked and no rate limiter paused beyond it.
     */
    REMOTE_MAX_RETRY_AFTER_SECONDS: int(1).max(86_400).default(900),
    /** Hours an order that is held or not found is retried before it is dead-lettered (default: 24). */
    CENTRA_NOT_FOUND_GIVE_UP_HOURS: z.coerce.number().positive().default(24),
    /** Hours between checks of Centra's live schema by introspection; every document is adapted to it (default: 24). */
    CENTRA_SCHEMA_CHECK_HOURS: z.coerce.number().positive().default(24),
    /** Ometria Data API base URL (default: https://api.ometria.com/v2). */
    OMETRIA_API_URL: url.default('https://api.ometria.com/v2'),
    /** Ometria API key, sent as X-Ometria-Auth (default: none = sandbox). */
    OMETRIA_API_KEY: z.string().min(1).optional(),
    /** JSON map of Centra market id → Ometria store id, "*" as fallback (default: {} in production; docs/design.md D21). */
    OMETRIA_STORE_MAP: jsonStringMap.optional(),
    /**
     * Production starts with an empty OMETRIA_STORE_MAP only when this is true (default: false: an empty map refuses
     * to start, naming the fix).
     */
    OMETRIA_STORE_MAP_OPTIONAL: bool.default(false),
    /** Ometria contact collection our contacts live in (default: centra). */
    OMETRIA_CONTACT_COLLECTION: z.string().min(1).max(64).default('centra'),
    /** Carrier name → tracking URL template with {tracking}, added to and overriding the built-in ones (default: {}). */
    CARRIER_TRACKING_URLS: carrierUrls.optional(),
    /** JSON list of Ometria stores the catalogue is listed in, the first primary; without it no catalogue sync runs (default: none). */
    CATALOGUE_STORES: catalogueStores.optional(),
    /** JSON list of Centra product attributes sent as Ometria product attributes (default: []). */
    CATALOGUE_CUSTOM_ATTRIBUTES: customAttributes.optional(),
    /** Minutes between incremental catalogue polls by updatedAt (default: 15). */
    CATALOGUE_POLL_MINUTES: int(1).default(15),
    /** Hours between full catalogue syncs (default: 24, nightly). */
    CATALOGUE_FULL_SYNC_HOURS: int(1).default(24),
    /**
     * Minutes between newsletter polls (default: 15): Centra sends no webhook for a footer sign-up or an
     * unsubscribe, so NewsletterSubscription is read on a timer (docs/customers.md, "Newsletter sign-ups").
     */
    NEWSLETTER_POLL_MINUTES: int(1).default(15),
    /**
     * Pages of 100 subscriptions re-read per poll to catch deactivations, which change no date Centra can filter on
     * (default: 2). A full pass over the list takes ceil(subscriptions / 100 / this) polls; each page is one request.
     */
    NEWSLETTER_SWEEP_PAGES: int(1).max(100).default(2),
    /**
     * Push requests per second to Ometria, for this process (default: 4; Ometria documents 4 or 8). Booked per 1,050 ms,
     * not 1,000, so arrivals keep to it (docs/design.md D13).
     */
    OMETRIA_PUSH_RATE: z.coerce.number().positive().max(50).default(4),
    /** Seconds between polls of Ometria's GET /push/_errors (default: 300). */
    OMETRIA_ERRORS_POLL_SECONDS: int(5).default(300),
    /** Largest webhook body accepted, bytes (default: 1048576 = 1 MiB). */
    WEBHOOK_MAX_BODY_BYTES: int(1024).default(1_048_576),
    /**
     * Token of the operations pages: in production /status, /status.json, /metrics and admin actions (replay) need it,
     * as `Authorization: Bearer` or through the /status login form, and answer 403 while it is unset; the sandbox on
     * 127.0.0.1 needs none (default: none).
     */
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Token that opens GET /metrics alone (`Authorization: Bearer`), for a Prometheus scraper; ADMIN_TOKEN opens it too (default: none). */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Run the sync worker in this process (default: true). */
    WORKER_ENABLED: bool.default(true),
    /**
     * Seconds a claimed job stays claimed if its process dies (default: 30). Renewed while the batch runs; on
     * PostgreSQL, where replicas share the jobs, it is how long a killed replica's jobs wait for another.
     */
    JOB_LEASE_SECONDS: int(3).max(3600).default(30),
    /** Seconds an order may take from webhook to Ometria before an alert (default: 300). */
    SYNC_SLA_SECONDS: int(1).default(300),
    /** When the Centra token expires (ISO date); an alert is raised 7 days before (default: none). */
    CENTRA_TOKEN_EXPIRES_AT: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
    /** Minutes between reconciliations of the last 7 days (default: 60). */
    RECONCILE_RECENT_MINUTES: int(1).default(60),
    /** Hours between reconciliations of the last 90 days (default: 24). */
    RECONCILE_FULL_HOURS: int(1).default(24),
    /** Ometria read-backs (GET /orders/{id}) per reconciliation; the rest is checked against our ledger (default: 200). */
    RECONCILE_READBACK_LIMIT: int(0).default(200),
    /** Re-enqueue what reconciliation finds missing or outdated (default: true). */
    RECONCILE_AUTO_REPAIR: bool.default(true),
    /** JSON: alert kind → owning team (ecommerce, cx, marketing, operations), overriding the built-in owners (default: {}). */
    ALERT_TEAMS: z
      .string()
      .transform((raw, ctx) => {
        try {
          return z.record(z.string(), z.enum(['ecommerce', 'cx', 'marketing', 'operations'])).parse(JSON.parse(raw));
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a JSON object of alert kind → ecommerce | cx | marketing | operations, e.g. {"sla_breach":"operations"}',
          });
          return z.NEVER;
        }
      })
      .optional(),
    /** Slack-compatible incoming webhook URL for alerts (default: none, alerts show on /status only). */
    ALERT_WEBHOOK_URL: url.optional(),
    /** Comma-separated origins allowed to post tracker events to /collect (default: none; sandbox allows itself). */
    TRACKER_ALLOWED_ORIGINS: z.string().optional(),
    /**
     * Shared secret of the storefront's backend and the companion: identify calls carry a token
     * `v1.<exp>.<hex HMAC-SHA256(secret, "<exp>.<lower-cased email>")>` and only a valid, unexpired one attributes
     * /collect events to that person (default: none; see TRACKER_ACCEPT_UNSIGNED_IDENTITY). At least 32 characters.
     */
    TRACKER_IDENTITY_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
    /**
     * Accept identify calls without a valid token (anyone can then claim any email or customer id, the trust of
     * Ometria's own browser tag). Default: true in the sandbox, false in production, where /collect events without a
     * signed identity are attributed to no one.
     */
    TRACKER_ACCEPT_UNSIGNED_IDENTITY: bool.optional(),
    /**
     * Comma-separated host names that URLs in tracker events (page, basket, line, image) may point at, besides the
     * hosts of TRACKER_ALLOWED_ORIGINS; `*.example.com` allows every subdomain (default: none).
     */
    TRACKER_ALLOWED_URL_HOSTS: z.string().optional(),
    /**
     * Share of OMETRIA_PUSH_RATE storefront events may use; orders, contacts and products keep the rest
     * (default: 0.25).
     */
    TRACKER_PUSH_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
    /**
     * Express's `trust proxy`: which proxies' X-Forwarded-For (client address for /collect's rate limit) and
     * X-Forwarded-Proto are believed. `false` (default) trusts none; `true` every hop (only behind a proxy that
     * overwrites the header); a number of hops; or a comma list of addresses, subnets, `loopback`, `uniquelocal`.
     */
    TRUST_PROXY: z
      .string()
      .transform((raw): boolean | number | string => {
        const v = raw.trim().toLowerCase();
        if (v === 'true' || v === 'false') return v === 'true';
        return /^\d+$/.test(v) ? Number(v) : raw.trim();
      })
      .optional(),
    /**
     * Free space under DATA_DIR below which POST /collect answers 503, so storefront traffic cannot fill the disk
     * webhooks need, MB (default: 512; 0 = off; off with DATABASE_URL).
     */
    MIN_FREE_DISK_MB: int(0).default(512),
    /** Largest POST /collect body accepted, bytes (default: 65536 = the tracker's 64 KB keepalive quota). */
    COLLECT_MAX_BODY_BYTES: int(1024).default(65_536),
    /** POST /collect requests allowed per client IP address per minute; more get 429 (default: 120). */
    COLLECT_RATE_PER_MINUTE: int(1).default(120),
    /** Hours an anonymous visitor's events are held for an identify before they expire (default: 24). */
    ANON_HOLD_HOURS: z.coerce.number().positive().default(24),
    /** Held events kept per anonymous visitor, the newest; older ones are dropped (default: 200). */
    ANON_HOLD_MAX: int(1).default(200),
    /** Days a webhook delivery (its raw body, which holds emails) is kept after it was received (default: 7). */
    RETENTION_WEBHOOK_BODY_DAYS: z.coerce.number().positive().default(7),
    /** Days a finished (done) sync job is kept, with its last error (default: 7). */
    RETENTION_DONE_JOB_DAYS: z.coerce.number().positive().default(7),
    /** Days an entry of the Ometria push log is kept (default: 30). */
    RETENTION_PUSH_LOG_DAYS: z.coerce.number().positive().default(30),
    /**
     * Days a storefront event row, and a visitor's link to an identity (email), are kept after the last sign of them
     * (default: 30). Settled events lose their body at once and their row after the 7-day dedupe window.
     */
    RETENTION_TRACKER_EVENT_DAYS: z.coerce.number().positive().default(30),
    /**
     * Days findings, dead letters, alerts and dead jobs are kept once resolved (replayed, resolved, finished); open
     * ones are kept however old (default: 90).
     */
    RETENTION_RESOLVED_DAYS: z.coerce.number().positive().default(90),
    /** Minutes between retention prunes, each in batches of ≤ 1,000 rows within a few seconds (default: 60). */
    RETENTION_PRUNE_MINUTES: int(1).default(60),
    /**
     * Sandbox only: which contract its Centra simulator serves. `full`: contracts/centra-integration.graphql, guesses
     * included; `lean`: without every `# guessed` item, as a Centra with only its documented fields (default: full).
     */
    CENTRA_SIM_SCHEMA: z.enum(['full', 'lean']).default('full'),
    /** pino log level (default: info). */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .extend(CustomerEnvSchema.shape);

export type Env = z.infer<typeof EnvSchema>;
