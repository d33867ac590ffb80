/**
 * Relay connections (`orderConnection`, `displayConnection`) over an already sorted list.
 * Cursors are opaque to clients; here they are base64 of the item's position [INF: Centra's form].
 */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const encode = (i: number) => Buffer.from(`sim:${i}`).toString('base64');
function decode(cursor: string | null | undefined): number | undefined {
  if (cursor == null) return undefined;
  const m = /^sim:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new Error(`Invalid cursor: ${cursor}`);
  return Number(m[1]);
}

export function connection<T>(items: readonly T[], args: ConnectionArgs) {
  let start = (decode(args.after) ?? -1) + 1;
  let end = decode(args.before) ?? items.length;
  if (args.first != null) end = Math.min(end, start + Math.max(0, args.first));
  if (args.last != null) start = Math.max(start, end - Math.max(0, args.last));
  const edges = items.slice(start, end).map((node, i) => ({ cursor: encode(start + i), node }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    edges,
  };
}
