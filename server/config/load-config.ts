import { resolve } from 'node:path';
import { customerConfig } from './customer-config-schema.js';
import type { CustomerConfig } from './customer-config.js';
import { ConfigError } from './config-error.js';
import { EnvSchema, type Env } from './config-schema.js';
import { loadTenants } from './load-tenants.js';

export { ConfigError } from './config-error.js';

export type Mode = 'sandbox' | 'production';

export interface Config extends Omit<
  Env,
  'HOST' | 'OMETRIA_STORE_MAP' | 'TRACKER_ALLOWED_ORIGINS' | 'TRACKER_ALLOWED_URL_HOSTS' | 'TRACKER_ACCEPT_UNSIGNED_IDENTITY' | 'TRUST_PROXY'
> {
  mode: Mode;
  /** Consent mapping, attribute map and segmentation rules (docs/customers.md). */
  customers: CustomerConfig;
  HOST: string;
  DATA_DIR: string;
  OMETRIA_STORE_MAP: Record<string, string>;
  TRACKER_ALLOWED_ORIGINS: string[];
  /** Lower-cased host names (a leading `*.` allows subdomains). */
  TRACKER_ALLOWED_URL_HOSTS: string[];
  /** Resolved per mode when unset: true in a sandbox without TRACKER_IDENTITY_SECRET, else false. */
  TRACKER_ACCEPT_UNSIGNED_IDENTITY: boolean;
  /** Express's `trust proxy` value; false unless set. */
  TRUST_PROXY: boolean | number | string;
  /**
   * With TENANTS_FILE, each tenant's own configuration by id, in the file's order; this configuration then holds
   * only what the whole process shares (PORT, HOST, LOG_LEVEL, DATABASE_POOL_SIZE).
   */
  tenants?: Readonly<Record<string, Readonly<Config>>>;
  /** Set on a tenant's configuration: its id, and its PostgreSQL schema (DATA_DIR and DATABASE_URL already point at its store). */
  tenant?: { id: string; schema: string | undefined };
}

/** Parses the environment once; a bad value throws a ConfigError naming the variable (and tenant) and the rule. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const cleaned = cleanEnv(env);
  const base = parseEnv(cleaned);
  if (base.TENANTS_FILE === undefined) return buildConfig(base, resolveMode(base));
  const tenants = loadTenants(base.TENANTS_FILE, cleaned, (tenantEnv) => {
    const e = parseEnv(tenantEnv);
    return buildConfig(e, resolveMode(e));
  });
  return Object.freeze({
    // The base environment need not hold a whole service's credentials: each tenant's is checked above.
    ...buildConfig(base, 'production'),
    tenants: Object.freeze(
      Object.fromEntries(tenants.map(({ id, config, location: { schema, ...store } }) => [id, Object.freeze({ ...config, ...store, tenant: { id, schema } })])),
    ),
  });
}

/** What `doctor` needs: Centra alone, so it runs before Ometria is set up (docs/centra-setup.md). */
export interface CentraAccess {
  url: string;
  token: string;
  timeoutMs: number;
}

/** The Centra endpoint and token from the environment, or undefined when either is unset. */
export function loadCentraAccess(env: Record<string, string | undefined>): CentraAccess | undefined {
  const e = parseEnv(cleanEnv(env));
  return e.CENTRA_API_URL && e.CENTRA_API_TOKEN ? { url: e.CENTRA_API_URL, token: e.CENTRA_API_TOKEN, timeoutMs: e.CENTRA_TIMEOUT_MS } : undefined;
}

function parseEnv(cleaned: Record<string, string>): Env {
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function buildConfig(e: Env, mode: Mode): Readonly<Config> {
  return Object.freeze({
    ...e,
    mode,
    HOST: e.HOST ?? (mode === 'sandbox' ? '127.0.0.1' : '0.0.0.0'),
    DATA_DIR: resolve(e.DATA_DIR),
    OMETRIA_STORE_MAP: e.OMETRIA_STORE_MAP ?? {},
    TRACKER_ALLOWED_ORIGINS: (e.TRACKER_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    TRACKER_ALLOWED_URL_HOSTS: (e.TRACKER_ALLOWED_URL_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    // The sandbox's demo storefront has no backend to sign with; production trusts no unsigned claim by default.
    TRACKER_ACCEPT_UNSIGNED_IDENTITY: e.TRACKER_ACCEPT_UNSIGNED_IDENTITY ?? (mode === 'sandbox' && !e.TRACKER_IDENTITY_SECRET),
    TRUST_PROXY: e.TRUST_PROXY ?? false,
    customers: customerConfig(e),
  });
}

/** docs/design.md D22: neither credential → sandbox; both → production; one alone is a mistake. */
function resolveMode(e: Env): Mode {
  const hasCentra = e.CENTRA_API_URL !== undefined;
  const hasOmetria = e.OMETRIA_API_KEY !== undefined;
  if (!hasCentra && !hasOmetria) return 'sandbox';
  const missing = [
    !hasCentra && 'CENTRA_API_URL',
    !hasOmetria && 'OMETRIA_API_KEY',
    hasCentra && !e.CENTRA_API_TOKEN && 'CENTRA_API_TOKEN',
    hasCentra && !e.CENTRA_WEBHOOK_SECRET && 'CENTRA_WEBHOOK_SECRET',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${missing.join(', ')} must be set to run against real Centra and Ometria ` +
        '(or unset CENTRA_API_URL and OMETRIA_API_KEY to start the sandbox).',
    );
  }
  return 'production';
}

/** Variables whose empty value means "none" rather than "unset" (README, configuration). */
const EMPTY_MEANS_NONE: ReadonlySet<string> = new Set(['CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE']);

/** Unset and empty variables dropped, so each takes its default. */
function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && (e[1] !== '' || EMPTY_MEANS_NONE.has(e[0]))));
}
