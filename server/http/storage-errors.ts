/** SQLite errors that mean "cannot store now" (disk full, read-only, I/O): the caller must not acknowledge. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/;

/**
 * The same for PostgreSQL, by SQLSTATE: 08 connection lost or refused, 53 out of disk, memory or connections,
 * 57P01–57P03 server shutting down or starting, 25006 read-only (a standby after a failover), 40001/40P01 a
 * serialisation failure or deadlock (the retry succeeds).
 */
const POSTGRES_UNAVAILABLE = /^(08...|53...|57P0[123]|25006|40001|40P01)$/;

/** The database server cannot be reached at all (socket errors from the PostgreSQL client). */
const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg reports a connection dropped mid-query, and a pool that cannot hand out one in time, without a code. */
const POSTGRES_CLIENT_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect)/;

export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || NETWORK_UNAVAILABLE.has(code);
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' && POSTGRES_CLIENT_MESSAGES.test(message);
}
