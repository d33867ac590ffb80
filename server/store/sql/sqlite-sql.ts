import type Database from 'better-sqlite3';
import type { Sql, SqlParams } from './sql.js';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * SQLite behind the async `Sql` seam. better-sqlite3 is synchronous, so a call outside a transaction runs at
 * once; a transaction spans awaits, so while one is open every other caller waits its turn (a promise chain),
 * or its statements would land inside someone else's transaction.
 */
export function createSqliteSql(db: Database.Database): Sql {
  const statements = new Map<string, Statement>();
  const prepare = (text: string): Statement => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const bind = (params: SqlParams | undefined): unknown[] => (params === undefined ? [] : Array.isArray(params) ? params : [params]);
  const direct = {
    all: <T>(text: string, params?: SqlParams): T[] => prepare(text).all(...bind(params)) as T[],
    get: <T>(text: string, params?: SqlParams): T | undefined => prepare(text).get(...bind(params)) as T | undefined,
    run: (text: string, params?: SqlParams): { changes: number } => {
      const statement = prepare(text);
      // better-sqlite3 refuses run() on statements that return rows (e.g. UPDATE … RETURNING).
      if (statement.reader) return { changes: statement.all(...bind(params)).length };
      return { changes: statement.run(...bind(params)).changes };
    },
  };

  let turn: Promise<void> = Promise.resolve();
  let inTransaction = false;
  const whenFree = async <T>(fn: () => T): Promise<T> => {
    while (inTransaction) await turn;
    return fn();
  };

  const inside: Sql = {
    dialect: 'sqlite',
    all: async (text, params) => direct.all(text, params),
    get: async (text, params) => direct.get(text, params),
    run: async (text, params) => direct.run(text, params),
    transaction: (fn) => fn(inside),
    close: async () => undefined,
    ping: async () => true,
  };

  return {
    dialect: 'sqlite',
    all: (text, params) => whenFree(() => direct.all(text, params)),
    get: (text, params) => whenFree(() => direct.get(text, params)),
    run: (text, params) => whenFree(() => direct.run(text, params)),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      while (inTransaction) await turn;
      inTransaction = true;
      let release!: () => void;
      turn = new Promise((resolve) => (release = resolve));
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inside);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        inTransaction = false;
        release();
      }
    },
    async close() {
      while (inTransaction) await turn;
      if (db.open) db.close();
    },
    ping: async () => db.open && direct.get<{ one: number }>('SELECT 1 AS one')?.one === 1,
  };
}
