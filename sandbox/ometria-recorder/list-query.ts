/** Page size when `limit` is absent [INF: Ometria's default is undocumented]. */
export const DEFAULT_LIMIT = 100;

export type Page = { ok: true; limit: number; offset: number } | { ok: false; message: string };

/** Reads `limit` and `offset` of a list endpoint; `maxLimit` is 250 for products ([SPEC]). */
export function readPage(query: Record<string, unknown>, maxLimit = Number.POSITIVE_INFINITY): Page {
  const limit = readInt(query.limit, DEFAULT_LIMIT);
  const offset = readInt(query.offset, 0);
  if (limit === undefined || limit < 1) return { ok: false, message: 'limit must be a positive integer' };
  if (limit > maxLimit) return { ok: false, message: `limit must be at most ${maxLimit}` };
  if (offset === undefined || offset < 0) return { ok: false, message: 'offset must be a non-negative integer' };
  return { ok: true, limit, offset };
}

function readInt(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `true`/`false` query flags; anything else counts as absent. */
export const readFlag = (value: unknown): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);
