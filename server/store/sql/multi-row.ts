/**
 * Rows per multi-row statement. Bounds the parameters of one statement (rows × columns, far below SQLite's
 * 32,766 and PostgreSQL's 65,535) and the prepared-statement caches, which hold one text per row count.
 */
export const ROWS_PER_STATEMENT = 100;

/** `rows` in slices of at most ROWS_PER_STATEMENT, in order. */
export function* statementChunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) yield rows.slice(start, start + ROWS_PER_STATEMENT);
}

/**
 * The entries of `byKey` in key order (UTF-16 code units: the same order in every process). Multi-row writes that
 * replicas may make to the same rows at once go in this order, so they take the rows' locks in one order and a
 * replica waits for another's commit instead of deadlocking with it (docs/scaling.md).
 */
export function inLockOrder<T>(byKey: ReadonlyMap<string, T>): Array<[string, T]> {
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "(?, ?), (?, ?)" for `rowCount` rows of `columns` positional placeholders: the VALUES list of a multi-row INSERT. */
export function valuesPlaceholders(rowCount: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rowCount }, () => row).join(', ');
}

/**
 * The text of a multi-row statement for each row count, built once per count: the same string each time lets
 * the prepared-statement caches find it without comparing a fresh copy.
 */
export function multiRowText(build: (rowCount: number) => string): (rowCount: number) => string {
  const texts: string[] = [];
  return (rowCount) => (texts[rowCount] ??= build(rowCount));
}
