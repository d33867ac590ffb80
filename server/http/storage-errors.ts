/** SQLite errors that mean "cannot store now" (disk full, read-only, I/O): the caller must not acknowledge. */
const UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/;

export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}
