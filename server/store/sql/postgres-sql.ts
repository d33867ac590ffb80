import pg from 'pg';
import { bindValues, rewritePlaceholders, type Rewritten } from './postgres-placeholders.js';
import type { Sql, SqlParams } from './sql.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface PostgresSqlOptions {
  /** postgres:// URL; may carry `options=-c search_path=…` (the tests give each test its own schema). */
  connectionString: string;
  /** Connections this process keeps open at most (default: 10). */
  poolSize?: number;
}

/**
 * PostgreSQL behind the async `Sql` seam, over a `pg` pool. BIGINT (Unix ms times, ids, COUNT) and NUMERIC
 * (SUM of BIGINT) come back as JS numbers like on SQLite: every value we store is far below 2^53. The parsers are
 * this pool's own, so other `pg` users in the process keep the driver's defaults.
 */
export function createPostgresSql(options: PostgresSqlOptions): Sql {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', Number);
  types.setTypeParser(NUMERIC_OID, 'text', Number);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    types,
    // Waiting for a connection (server unreachable, or all `max` busy) fails after 30 s instead of hanging.
    connectionTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle client losing its connection (server restart) emits here; without a listener it would crash the
  // process. The pool drops that client and the next query opens a new one.
  pool.on('error', () => undefined);

  // Each text is rewritten once, and those with parameters are named: a named statement is parsed and planned
  // once per connection instead of at every call, which spares the server (often on the same cores) most of
  // its work per query. Unnamed stay texts without parameters (they may hold several statements, which only a
  // simple query takes: migrations) and texts with `*`, whose result columns follow the table: a prepared one
  // would be refused ("cached plan must not change result type") once another replica's migration adds a column.
  const rewrites = new Map<string, Rewritten & { name: string | undefined }>();
  const rewrite = (text: string): Rewritten & { name: string | undefined } => {
    let statement = rewrites.get(text);
    if (!statement) {
      statement = { ...rewritePlaceholders(text), name: undefined };
      const parameters = statement.names !== null || statement.positional > 0;
      if (parameters && !text.includes('*')) statement.name = `centra_ometria_${rewrites.size}`;
      rewrites.set(text, statement);
    }
    return statement;
  };
  const query = async <T>(client: pg.Pool | pg.PoolClient, text: string, params: SqlParams | undefined): Promise<pg.QueryResult<T & pg.QueryResultRow>> => {
    const statement = rewrite(text);
    return client.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: bindValues(statement, params) });
  };

  const on = (client: pg.Pool | pg.PoolClient, transaction: Sql['transaction']): Sql => ({
    dialect: 'postgres',
    all: async <T>(text: string, params?: SqlParams) => (await query<T>(client, text, params)).rows as T[],
    get: async <T>(text: string, params?: SqlParams) => (await query<T>(client, text, params)).rows[0] as T | undefined,
    // rowCount is the rows written, or returned for … RETURNING, as `changes` promises.
    run: async (text, params) => ({ changes: (await query(client, text, params)).rowCount ?? 0 }),
    transaction,
    close: async () => undefined,
    ping: async () => true,
  });

  const root = on(pool, async <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // Nested calls run inside this transaction, as on SQLite.
    const tx: Sql = on(client, (inner) => inner(tx));
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is gone or unusable: destroy it rather than hand it to the next caller.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  });

  let closed = false;
  return {
    ...root,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    async ping() {
      try {
        return (await root.get<{ one: number }>('SELECT 1 AS one'))?.one === 1;
      } catch {
        return false;
      }
    },
  };
}
