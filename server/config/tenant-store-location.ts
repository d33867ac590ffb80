import { join } from 'node:path';
import { ConfigError } from './config-error.js';

/** PostgreSQL's identifier limit, bytes (NAMEDATALEN - 1); longer names would be cut, and could then collide. */
const MAX_SCHEMA_LENGTH = 63;
/** Each tenant's store gets at least this many connections: a worker transaction and an HTTP request at once. */
const MIN_TENANT_POOL = 2;

export interface TenantStoreLocation {
  /** SQLite: the tenant's own folder under DATA_DIR. */
  DATA_DIR: string;
  /** PostgreSQL: DATABASE_URL whose search_path is the tenant's schema. */
  DATABASE_URL: string | undefined;
  /** The tenant's share of DATABASE_POOL_SIZE. */
  DATABASE_POOL_SIZE: number;
  /** The tenant's PostgreSQL schema, created at start if missing; undefined on SQLite. */
  schema: string | undefined;
}

/**
 * Where tenant `id` keeps its data, isolated from every other tenant: `DATA_DIR/<id>` on SQLite; on PostgreSQL the
 * schema `tenant_<id>` (hyphens become underscores, which ids cannot contain, so names stay distinct), prefixed by
 * the schema DATABASE_URL's own search_path names, if any, so deployments (and test runs) sharing a database
 * do not meet.
 */
export function tenantStoreLocation(
  config: { DATA_DIR: string; DATABASE_URL?: string | undefined; DATABASE_POOL_SIZE: number },
  id: string,
  tenantCount: number,
): TenantStoreLocation {
  const pool = Math.max(MIN_TENANT_POOL, Math.floor(config.DATABASE_POOL_SIZE / tenantCount));
  if (config.DATABASE_URL === undefined) {
    return { DATA_DIR: join(config.DATA_DIR, id), DATABASE_URL: undefined, DATABASE_POOL_SIZE: pool, schema: undefined };
  }
  const prefix = searchPathOf(config.DATABASE_URL);
  if (prefix !== undefined && !/^[a-z_][a-z0-9_]*$/.test(prefix)) {
    throw new ConfigError(
      `Invalid configuration of tenant "${id}": DATABASE_URL: its search_path "${prefix}" must be one lower-case schema name to prefix tenant schemas with`,
    );
  }
  const schema = `${prefix === undefined ? '' : `${prefix}_`}tenant_${id.replaceAll('-', '_')}`;
  if (schema.length > MAX_SCHEMA_LENGTH) {
    throw new ConfigError(
      `Invalid configuration of tenant "${id}": its PostgreSQL schema "${schema}" is longer than ${MAX_SCHEMA_LENGTH} characters; use a shorter tenant id or search_path`,
    );
  }
  return { DATA_DIR: config.DATA_DIR, DATABASE_URL: withSearchPath(config.DATABASE_URL, schema), DATABASE_POOL_SIZE: pool, schema };
}

const SEARCH_PATH = /(?:^|\s)(?:-c\s*|--)search_path=(\S+)/;

/** The first schema of the `options=-c search_path=…` a postgres:// URL carries, if any. */
function searchPathOf(url: string): string | undefined {
  const match = SEARCH_PATH.exec(new URL(url).searchParams.get('options') ?? '');
  return match?.[1]?.split(',')[0]?.replaceAll('"', '');
}

/** `url` with its connections' search_path set to `schema`, other `options` kept. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const others = (parsed.searchParams.get('options') ?? '').replace(new RegExp(SEARCH_PATH, 'g'), '').trim();
  parsed.searchParams.set('options', `${others ? `${others} ` : ''}-c search_path=${schema}`);
  return parsed.toString();
}
