/** Ometria's documented cap on records per push call (docs/design.md O1). */
export const MAX_RECORDS_PER_PUSH = 100;

export type PushRecord = Record<string, unknown>;

export type BatchCheck = { ok: true; type: string | undefined; records: PushRecord[] } | { ok: false; message: string };

/**
 * The synchronous checks that make a whole push call fail with 400. Whether Ometria answers these
 * with 400 is undocumented [INF]; a client must not send such calls anyway.
 */
export function checkPushBatch(body: unknown): BatchCheck {
  if (!Array.isArray(body)) return { ok: false, message: 'Body must be a JSON array of records' };
  if (body.length > MAX_RECORDS_PER_PUSH) {
    return { ok: false, message: `At most ${MAX_RECORDS_PER_PUSH} records per call, got ${body.length}` };
  }
  if (!body.every(isRecord)) return { ok: false, message: 'Each record must be a JSON object' };
  const types = [...new Set(body.map((r) => r['@type']))];
  if (types.length > 1) return { ok: false, message: `Only one type per call, got ${types.map(String).join(', ')}` };
  const [type] = types;
  return { ok: true, type: typeof type === 'string' ? type : undefined, records: body };
}

/** Type and ids of whatever was sent, for the request log, even when the call is refused. */
export function summariseBody(body: unknown): { type?: string; ids: string[]; records: number } {
  if (!Array.isArray(body)) return { ids: [], records: 0 };
  const records = body.filter(isRecord);
  const type = records.find((r) => typeof r['@type'] === 'string')?.['@type'] as string | undefined;
  return { type, ids: records.map((r) => String(r.id)), records: body.length };
}

const isRecord = (v: unknown): v is PushRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
