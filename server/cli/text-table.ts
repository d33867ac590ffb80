type Column<T> = [header: string, cell: (row: T) => string | number];

/** Rows as aligned columns under a header (none when every header is empty); an empty list prints `empty`. */
export function textTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, empty = '(none)'): string {
  if (rows.length === 0) return empty;
  const headers = columns.map(([header]) => header);
  const body = rows.map((row) => columns.map(([, cell]) => String(cell(row))));
  const cells = headers.some(Boolean) ? [headers, ...body] : body;
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A flat result (a sync's counts) as `name  value` lines; nested values as JSON, epoch-ms times (`…At`) as ISO. */
export function keyValueTable(result: object): string {
  const shown = Object.entries(result).map(([key, value]): [string, string] => [
    key,
    key.endsWith('At') && typeof value === 'number' ? new Date(value).toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value),
  ]);
  return textTable(shown, [
    ['', ([key]) => key],
    ['', ([, value]) => value],
  ]);
}
