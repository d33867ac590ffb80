/**
 * Start-up could not go on: the message is one line naming the cause and the fix, shown as is, and the serve
 * command exits 1.
 */
export class StartUpError extends Error {
  override name = 'StartUpError';
}

/** Error codes that mean a folder cannot be created or written (fs and SQLite). */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOENT', 'ENOSPC', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_FULL']);

/** The SQLite store under DATA_DIR could not be created or opened; `undefined` when `error` is not about the folder. */
export function dataDirFailure(dataDir: string, error: unknown): StartUpError | undefined {
  const code = codeOf(error);
  if (code === undefined || !UNWRITABLE.has(code)) return undefined;
  return new StartUpError(
    `DATA_DIR ${dataDir} cannot be written (${code}): point DATA_DIR at a folder this process may create and write, or fix its permissions`,
    { cause: error },
  );
}

/** Codes pg and the network give when the server cannot be reached or refuses us: host, port, credentials, database. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '28P01', '28000', '3D000']);

/**
 * The PostgreSQL store could not be reached or refused us; `undefined` for other errors (a failed migration). The
 * message names the host, never the URL's credentials.
 */
export function databaseFailure(databaseUrl: string, error: unknown): StartUpError | undefined {
  const code = codeOf(error);
  const timedOut = /timeout/i.test(firstLine(error));
  if (!timedOut && (code === undefined || !UNREACHABLE.has(code))) return undefined;
  const { hostname, port, pathname } = new URL(databaseUrl);
  return new StartUpError(
    `the PostgreSQL database ${hostname}:${port || '5432'}${pathname} (DATABASE_URL) cannot be used (${timedOut ? 'connection timed out' : code}): check DATABASE_URL's host, port, user, password and database name, and that the server is up`,
    { cause: error },
  );
}

/** The listener could not bind; `undefined` when `error` is not about the address. */
export function listenFailure(port: number, host: string, error: unknown): StartUpError | undefined {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new StartUpError(`port ${port} on ${host} is already in use (EADDRINUSE): stop the process holding it, or set PORT to a free port`, {
        cause: error,
      });
    case 'EACCES':
      return new StartUpError(`port ${port} on ${host} needs privileges this process lacks (EACCES): set PORT to 1024 or above`, { cause: error });
    case 'EADDRNOTAVAIL':
      return new StartUpError(`HOST ${host} is not an address of this machine (EADDRNOTAVAIL): set HOST to one of its addresses, or 0.0.0.0`, { cause: error });
    default:
      return undefined;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  // Node gives an AggregateError when every address of a host name refused.
  const inner = (error as { errors?: unknown[] } | undefined)?.errors?.[0];
  return inner === undefined ? undefined : codeOf(inner);
}

function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).split('\n')[0]!;
}
