import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackerBatchEnvelopeSchema, parseTrackerBatch } from '../../shared/schemas/tracker-events.js';
import { leakyLines } from './helpers/checks.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';
import { refusalMessage, send, storedRows, type RawReply } from './helpers/raw-http.js';

const MAX_BODY = 65_536;
const RATE_PER_MINUTE = 120;
const RUNS = Number(process.env.ABUSE_RUNS ?? 1_000);
const ALLOWED = ['https://shop.example.com', 'https://www.shop.example.com'];
const CANARY_EMAIL = 'victim.canary@example.org';
const TRACKER_TABLES = ['tracker_events', 'tracker_identities', 'tracker_visitors', 'jobs'] as const;

let stack: FaultStack;
let url: string;
beforeAll(async () => {
  stack = await startFaultStack({
    orders: 1,
    ometria: { ratePerSecond: 0 },
    // No ADMIN_TOKEN here: admin actions must then be disabled outright.
    // TRUST_PROXY: loopback stands for a proxy on the same host (issue 15.8: X-Forwarded-For is otherwise ignored)
    env: { TRACKER_ALLOWED_ORIGINS: ALLOWED.join(','), ADMIN_TOKEN: undefined, TRUST_PROXY: 'loopback' },
  });
  url = (await stack.service.start()).url;
});
afterAll(async () => {
  await stack?.close();
});

/**
 * /collect limits requests per client address. The service trusts X-Forwarded-For from loopback here (TRUST_PROXY), so each fuzz request comes "from" its own address and the limit is tested on its own below.
 */
let client = 0;
const nextClient = () => {
  client++;
  return `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
};
const collect = (headers: Record<string, string>, body: Buffer | string, forwardedFor = nextClient()) =>
  send(url, { path: '/collect', headers: { 'x-forwarded-for': forwardedFor, ...headers }, body });
const show = (r: RawReply) => `${r.status} ${r.body.slice(0, 200)}${r.error ? ` (${r.error})` : ''}`;

// --- arbitraries ---------------------------------------------------------------------------------------------

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const validEvent = fc.record({
  id: hex(32),
  type: fc.constant('product_view'),
  at: fc.constant('2024-06-03T16:00:00.000Z'),
  url: fc.constant('https://shop.example.com/p/1'),
  data: fc.record({ sku: fc.constantFrom('LS100BLUM', 'CT200WHTL') }),
});
const validBatch = fc.record({
  v: fc.constant(1),
  store: fc.constant('example.com/uk'),
  visitorId: fc.uuid({ version: 4 }),
  sentAt: fc.constant('2024-06-03T16:00:01.000Z'),
  events: fc.array(validEvent, { minLength: 1, maxLength: 3 }),
});
type Batch = Record<string, unknown>;
/** One way to break a batch (envelope or events), each something a hostile or buggy client might send. */
const breakBatch: fc.Arbitrary<(b: Batch) => unknown> = fc.oneof(
  fc.constantFrom<(b: Batch) => unknown>(
    (b) => ({ ...b, v: 2 }),
    (b) => ({ ...b, v: '1' }),
    (b) => ({ ...b, store: '' }),
    (b) => ({ ...b, store: 'x'.repeat(513) }),
    (b) => ({ ...b, visitorId: 'not-a-uuid' }),
    (b) => ({ ...b, visitorId: String(b.visitorId).toUpperCase() }),
    (b) => ({ ...b, sentAt: 'yesterday' }),
    (b) => ({ ...b, events: [] }),
    (b) => ({ ...b, events: {} }),
    (b) => ({ ...b, events: Array.from({ length: 51 }, () => (b.events as unknown[])[0]) }),
    (b) => ({ ...b, extra: true }),
    (b) => ({ ...b, email: CANARY_EMAIL }),
    (b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'visitorId')),
    (b) => [b],
    (b) => JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(b).slice(1)}`),
    (b) => ({ ...b, constructor: { prototype: { polluted: true } } }),
    // the envelope holds, every event is wrong: refused one by one in a 200, none stored
    (b) => ({ ...b, events: (b.events as Batch[]).map((e) => ({ ...e, type: 'identify', data: { email: CANARY_EMAIL, extra: 1 } })) }),
    (b) => ({ ...b, events: (b.events as Batch[]).map((e) => ({ ...e, id: 'A'.repeat(32) })) }),
    (b) => ({ ...b, events: (b.events as Batch[]).map((e) => ({ ...e, type: 'purchase' })) }),
    (b) => ({ ...b, events: (b.events as Batch[]).map((e) => ({ ...e, data: { sku: 'x'.repeat(600) } })) }),
    (b) => ({ ...b, events: [JSON.parse(`${'['.repeat(1_500)}${']'.repeat(1_500)}`)] }),
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => () => v),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }).map((extra) => (b: Batch) => ({ ...extra, ...b, ...extra })),
);
type Body = { text: Buffer; note: string };
const body: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(validBatch, breakBatch).map(([b, br]) => ({ text: Buffer.from(JSON.stringify(br(b)) ?? 'undefined'), note: 'a broken batch' })),
  },
  fc.uint8Array({ maxLength: 2_048 }).map((b) => ({ text: Buffer.from(b), note: 'bytes' })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => ({ text: Buffer.from(s), note: 'text' })),
  fc.tuple(validBatch, fc.integer({ min: 1, max: 40 })).map(([b, cut]) => ({ text: Buffer.from(JSON.stringify(b).slice(0, -cut)), note: 'truncated JSON' })),
  fc.integer({ min: 1, max: 30_000 }).map((d) => ({ text: Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`), note: 'deep arrays' })),
  fc.integer({ min: 1, max: 10_000 }).map((d) => ({ text: Buffer.from(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`), note: 'deep objects' })),
  validBatch.map((b) => ({ text: Buffer.from(JSON.stringify({ ...b, v: 0 }), 'utf16le'), note: 'UTF-16 without a charset' })),
  fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 3 }).map((n) => ({ text: Buffer.from(`{"v":1,"pad":"${'x'.repeat(n)}"}`), note: 'oversized' })),
);
const GOOD_TYPES = ['text/plain', 'text/plain;charset=UTF-8', 'application/json', 'application/json; charset=utf-8', 'TEXT/PLAIN'];
const BAD_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/jsonx',
  '',
];
const NOT_ALLOWED = [
  'https://evil.example',
  'null',
  'https://shop.example.com.evil.example',
  'http://shop.example.com',
  'https://SHOP.example.com',
  'https://shop.example.com/',
  'https://shop.example.com:8443',
  '',
];
const origin = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALLOWED) },
  { weight: 1, arbitrary: fc.constantFrom(...NOT_ALLOWED) },
  { weight: 1, arbitrary: fc.webUrl().map((u) => new URL(u).origin) },
);
const contentType = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...GOOD_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_TYPES) });

/** What the route must answer, from its documented order of checks: 403 origin → 415 → 413 → 400 (or 200). */
function expectedStatus(originValue: string, type: string, b: Buffer): number {
  if (!ALLOWED.includes(originValue)) return 403;
  if (b.length > 0 && !GOOD_TYPES.includes(type)) return 415;
  if (b.length > MAX_BODY) return 413;
  let json: unknown;
  try {
    json = JSON.parse(b.toString('utf8'));
  } catch {
    return 400;
  }
  return TrackerBatchEnvelopeSchema.safeParse(json).success ? 200 : 400;
}

// --- properties -----------------------------------------------------------------------------------------------

describe('abuse: POST /collect', () => {
  it('malformed, oversized, nested, mis-encoded and hostile bodies from any origin are refused with a message; nothing is stored', async () => {
    const tally = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(origin, contentType, body, async (originValue, type, { text, note }) => {
        // only inputs the schema refuses: a fully valid batch is the tracker's, not an attacker's
        let parsed: unknown;
        try {
          parsed = JSON.parse(text.toString('utf8'));
        } catch {
          parsed = undefined;
        }
        const check = parsed === undefined ? undefined : parseTrackerBatch(parsed);
        fc.pre(!check?.ok || check.events.length === 0);
        const headers: Record<string, string> = {};
        if (originValue) headers.origin = originValue;
        if (type) headers['content-type'] = type;
        const reply = await collect(headers, text);
        const expected = expectedStatus(originValue, type, text);
        expect(reply.status, `${note}: ${show(reply)}`).toBe(expected);
        tally.set(expected, (tally.get(expected) ?? 0) + 1);
        if (expected === 200) {
          // a valid envelope whose every event is wrong: each refused with its reason, none accepted
          const answer = JSON.parse(reply.body) as { accepted: number; rejected: Array<{ reason: string }> };
          expect(answer.accepted).toBe(0);
          expect(answer.rejected.length).toBe((parsed as { events: unknown[] }).events.length);
          expect(answer.rejected.every((r) => r.reason.length > 0)).toBe(true);
        } else {
          expect(refusalMessage(reply), `${note}: ${show(reply)}`).toBeDefined();
        }
        // every answer, refusals included, carries CORS headers so the tracker can read it and stop retrying
        if (originValue) expect(reply.headers['access-control-allow-origin']).toBe(originValue);
      }),
      { numRuns: RUNS },
    );
    console.log(`abuse-collect: answers by status ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
  });

  it('a body in an unknown charset is refused with 415 and a message', async () => {
    const reply = await collect({ origin: ALLOWED[0]!, 'content-type': 'text/plain; charset=klingon' }, '{}');
    expect(reply.status, show(reply)).toBe(415);
    expect(refusalMessage(reply)).toBeDefined();
  });

  it('a preflight or a post from a non-allowed origin is refused with 403', async () => {
    for (const o of NOT_ALLOWED.filter(Boolean)) {
      const pre = await send(url, { method: 'OPTIONS', path: '/collect', headers: { origin: o, 'access-control-request-method': 'POST' } });
      expect(pre.status, `${o}: ${show(pre)}`).toBe(403);
      expect(refusalMessage(pre)).toMatch(/TRACKER_ALLOWED_ORIGINS/);
    }
    const ok = await send(url, { method: 'OPTIONS', path: '/collect', headers: { origin: ALLOWED[0]!, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
  });

  it(`above ${RATE_PER_MINUTE} requests a minute from one client, requests are refused with 429, a message and Retry-After`, async () => {
    const ip = '198.51.100.7';
    const statuses: number[] = [];
    let refused: RawReply | undefined;
    for (let i = 0; i < RATE_PER_MINUTE + 5; i++) {
      const reply = await collect({ origin: ALLOWED[0]!, 'content-type': 'text/plain' }, '{}', ip);
      statuses.push(reply.status);
      if (reply.status === 429) refused ??= reply;
    }
    expect(statuses.slice(0, RATE_PER_MINUTE).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(RATE_PER_MINUTE).every((s) => s === 429)).toBe(true);
    expect(refusalMessage(refused!)).toMatch(/requests a minute/);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    // another client is not affected
    expect((await collect({ origin: ALLOWED[0]!, 'content-type': 'text/plain' }, '{}', '198.51.100.8')).status).toBe(400);
  });

  it('admin actions are refused outright (403) when ADMIN_TOKEN is not set, whatever token is presented', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.string({ maxLength: 60 }), { nil: undefined }), async (token) => {
        const reply = await send(url, { path: '/admin/dead-letters/1/replay', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
        expect(reply.status, show(reply)).toBe(403);
        expect(refusalMessage(reply)).toMatch(/disabled/);
      }),
      { numRuns: 50 },
    );
  });

  it('after all that, the store holds nothing from those requests and the process is still up', async () => {
    expect(await storedRows(stack, TRACKER_TABLES)).toEqual({ tracker_events: 0, tracker_identities: 0, tracker_visitors: 0, jobs: 0 });
    expect(stack.service.alive()).toBe(true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // the control: a real tracker batch from an allowed origin is taken
    const batch = fc.sample(validBatch, { numRuns: 1, seed: 7 })[0]!;
    const reply = await collect({ origin: ALLOWED[1]!, 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify(batch));
    expect(reply.status, show(reply)).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ accepted: batch.events.length, rejected: [] });
  });

  it('no secret and no email appears in any log line', () => {
    expect(stack.service.lines.length).toBeGreaterThan(0);
    expect(leakyLines(stack.service.lines, stack.secrets, stack.emails(), [CANARY_EMAIL])).toEqual([]);
  });
});
