import Database from 'better-sqlite3';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { openStore } from '../../../server/store/open-store.js';

export interface RawReply {
  /** 0: no answer (the connection failed or was reset). */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  error?: string;
}

/**
 * One HTTP request with exactly these headers and bytes (fetch forbids or rewrites some headers), on a fresh
 * connection. Never throws.
 */
export function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  return new Promise((resolve) => {
    let settled = false;
    const done = (reply: RawReply) => {
      if (!settled) resolve(reply);
      settled = true;
    };
    const req = request(
      {
        host: hostname,
        port,
        method: options.method ?? 'POST',
        path: options.path,
        agent: false,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: e.message }));
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('timed out')));
    req.on('error', (e) => done({ status: 0, headers: {}, body: '', error: e.message }));
    req.end(body);
  });
}

/** Raw bytes on a socket (malformed HTTP that no client library would send); what came back, if anything. */
export function sendBytes(url: string, bytes: Buffer | string, waitMs = 1_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** A 4xx whose JSON body says what is wrong: `{ "error": "…" }`. */
export function refusalMessage(reply: RawReply): string | undefined {
  if (reply.status < 400 || reply.status > 499) return undefined;
  try {
    const parsed = JSON.parse(reply.body) as { error?: unknown };
    return typeof parsed.error === 'string' && parsed.error.trim().length > 0 ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** Where a fault stack's service keeps its store (FaultStack has both). */
export interface StoreLocation {
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * Rows of a query on the service's store, read alongside the running service. SQLite: the file opened read-only,
 * so the check cannot write (or migrate) under the service; PostgreSQL: another client of the service's database.
 */
export async function queryRows(at: StoreLocation, sql: string): Promise<unknown[]> {
  if (at.databaseUrl) {
    const store = await openStore({ dataDir: at.dataDir, synchronous: 'NORMAL', databaseUrl: at.databaseUrl });
    try {
      return await store.sql.all(sql);
    } finally {
      await store.close();
    }
  }
  const db = new Database(join(at.dataDir, 'centra-ometria.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** Row counts of the tables an input could have landed in. */
export async function storedRows(at: StoreLocation, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number(((await queryRows(at, `SELECT COUNT(*) AS n FROM ${t}`))[0] as { n: number }).n);
  return counts;
}
