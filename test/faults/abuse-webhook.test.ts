import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWebhookBody, signCentraWebhook } from '../../sandbox/centra-simulator/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { leakyLines, orderDelivery } from './helpers/checks.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';
import { queryRows, refusalMessage, send, sendBytes, storedRows, type RawReply } from './helpers/raw-http.js';

const MAX_BODY = 64 * 1024;
const TOLERANCE = 300;
const RUNS = Number(process.env.ABUSE_RUNS ?? 500);
/** Planted in hostile inputs: must never come back in a log line. */
const CANARY_EMAIL = 'victim.canary@example.org';
const CANARY_SECRET = 'canary-secret-8c1f2a9e7d';
const INTAKE_TABLES = ['deliveries', 'delivery_events', 'jobs'] as const;

let stack: FaultStack;
let url: string;
beforeAll(async () => {
  stack = await startFaultStack({
    orders: 5,
    seed: 41,
    ometria: { ratePerSecond: 0 },
    env: { WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY), CENTRA_SIGNATURE_TOLERANCE_SECONDS: String(TOLERANCE), OMETRIA_PUSH_RATE: '50' },
  });
  url = (await stack.service.start()).url;
});
afterAll(async () => {
  await stack?.close();
});

const nowS = () => Math.floor(Date.now() / 1000);
const sign = (body: Buffer | string, secret = stack.secrets.webhookSecret, t = nowS()) => signCentraWebhook(Buffer.from(body).toString('utf8'), secret, t);
/** Signs the exact bytes (signCentraWebhook takes text; bodies that are not UTF-8 need the bytes). */
const signBytes = async (body: Buffer, t = nowS()) => {
  const { createHmac } = await import('node:crypto');
  return `t=${t},v1=${createHmac('sha256', stack.secrets.webhookSecret).update(`${t}.`).update(body).digest('hex')}`;
};

const post = (headers: Record<string, string>, body: Buffer | string) => send(url, { path: '/webhooks/centra', headers, body });

function describeReply(reply: RawReply): string {
  return `${reply.status} ${reply.body.slice(0, 200)}${reply.error ? ` (${reply.error})` : ''}`;
}

const decodable = (s: string) => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

// --- arbitraries ---------------------------------------------------------------------------------------------

const FORM = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'Application/X-WWW-Form-URLEncoded',
  'application/x-www-form-urlencoded; charset=ISO-8859-1',
);
const NOT_FORM = fc.constantFrom(
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'text/html',
  'application/x-www-form-urlencoded-evil',
  'x-www-form-urlencoded',
  'application/xml',
  'form',
  '*/*',
  'application/*',
);
const validPayload = fc.record({
  events: fc.array(
    fc.record({
      type: fc.constantFrom('order', 'shipment', 'return', 'customer'),
      action: fc.constantFrom('create', 'update', 'delete'),
      id: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
/** Anything a hostile sender might post, including bodies that look exactly like Centra's. */
const anyBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => Buffer.from(s)),
  validPayload.map((p) => Buffer.from(encodeWebhookBody(p))),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(`payload=${encodeURIComponent(JSON.stringify(v) ?? 'null')}`)),
  fc
    .constantFrom(
      `payload=${encodeURIComponent(JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { polluted: 1 } } }))}`,
      `payload=${encodeURIComponent(JSON.stringify({ events: [{ type: 'order', id: 1, email: CANARY_EMAIL, token: CANARY_SECRET }] }))}`,
    )
    .map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 20_000 }).map((d) => Buffer.from(`payload=${'['.repeat(d)}${']'.repeat(d)}`)),
  fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 3 }).map((n) => Buffer.from(`payload=${'a'.repeat(n - 8)}`)),
);
const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
type SignatureFor = (body: Buffer) => string | undefined;
/** Every way to present a signature that is not Centra's for this body, now. */
const forgedSignature: fc.Arbitrary<SignatureFor> = fc.oneof(
  fc.constant<SignatureFor>(() => undefined),
  fc.string({ maxLength: 200 }).map<SignatureFor>((s) => () => s),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), hex64).map<SignatureFor>(
    ([t, v1]) =>
      () =>
        `t=${t},v1=${v1}`,
  ),
  hex64.map<SignatureFor>((v1) => () => `t=${nowS()},v1=${v1}`),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => s !== stack.secrets.webhookSecret)
    .map<SignatureFor>((secret) => (body) => sign(body, secret)),
  fc.constant<SignatureFor>((body) => sign(Buffer.concat([body, Buffer.from('&x=1')]))),
  fc.integer({ min: TOLERANCE + 5, max: 10 ** 8 }).map<SignatureFor>((age) => (body) => sign(body, undefined, nowS() - age)),
  fc.integer({ min: TOLERANCE + 5, max: 10 ** 8 }).map<SignatureFor>((ahead) => (body) => sign(body, undefined, nowS() + ahead)),
  fc.constant<SignatureFor>((body) => sign(body).toUpperCase()),
  fc.constant<SignatureFor>((body) => sign(body).replace(/v1=./, 'v1=')),
);

/** The form JSON-object test of docs/design.md D16, written out here as the oracle for "is this a 400". */
function carriesJsonObject(body: Buffer): boolean {
  const text = new URLSearchParams(body.toString('utf8')).get('payload');
  if (text === null) return false;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const validDelivery = encodeWebhookBody({ events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id: 1 }] });
/** Bodies a signer might produce that are not a form with a JSON-object payload: malformed, nested, mis-encoded. */
const malformedBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => Buffer.from(s)),
  fc
    .oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), fc.string(), fc.double(), fc.boolean(), fc.constant(null))
    .map((v) => Buffer.from(`payload=${encodeURIComponent(JSON.stringify(v) ?? 'null')}`)),
  fc.tuple(validPayload, fc.integer({ min: 1, max: 30 })).map(([p, cut]) => Buffer.from(`payload=${encodeURIComponent(JSON.stringify(p).slice(0, -cut))}`)),
  fc.integer({ min: 1, max: 30_000 }).map((d) => Buffer.from(`payload=${'['.repeat(d)}${']'.repeat(d)}`)),
  fc.integer({ min: 1, max: 10_000 }).map((d) => Buffer.from(`payload=${encodeURIComponent(`${'{"a":'.repeat(d)}1${'}'.repeat(d - 1)}`)}`)),
  fc.constantFrom(
    Buffer.from(validDelivery, 'utf16le'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validDelivery, 'utf16le')]),
    Buffer.from(Buffer.from(validDelivery, 'utf16le').swap16()),
    Buffer.from(`payload=${encodeURIComponent(validDelivery.slice('payload='.length))}`),
    Buffer.from(`payload=${Buffer.from(JSON.stringify({ events: [] })).toString('base64')}`),
    Buffer.from(`Payload=${validDelivery.slice('payload='.length)}`),
    Buffer.from(`payload%3D${validDelivery.slice('payload='.length)}`),
    Buffer.from(`payload[]=${validDelivery.slice('payload='.length)}`),
    Buffer.from(`payload=%7B%22events%22%3A%5B%5D%7D`.replace('%7B', '%E0%80%BB')),
    Buffer.from(JSON.stringify({ payload: { events: [] } })),
    Buffer.from('payload='),
    Buffer.alloc(0),
  ),
);

// --- properties -----------------------------------------------------------------------------------------------

describe('abuse: POST /webhooks/centra', () => {
  it('anything not signed by Centra now is refused in the order 415 → 413 → 401, with a message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(FORM, NOT_FORM, fc.constant('')), anyBody, forgedSignature, async (type, body, signatureFor) => {
        const signature = signatureFor(body);
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (signature !== undefined) headers['x-centra-signature'] = signature;
        const reply = await post(headers, body);
        const isForm = /^application\/x-www-form-urlencoded(;|$)/i.test(type);
        const expected = !isForm ? 415 : body.length > MAX_BODY ? 413 : 401;
        expect(reply.status, describeReply(reply)).toBe(expected);
        expect(refusalMessage(reply), describeReply(reply)).toBeDefined();
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a signed body that is not a form with a JSON-object payload is refused with 400 (or 413 above the limit), with a message', async () => {
    await fc.assert(
      fc.asyncProperty(FORM, malformedBody, async (type, body) => {
        fc.pre(!carriesJsonObject(body));
        const reply = await post({ 'content-type': type, 'x-centra-signature': await signBytes(body) }, body);
        expect(reply.status, describeReply(reply)).toBe(body.length > MAX_BODY ? 413 : 400);
        expect(refusalMessage(reply), describeReply(reply)).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('compressed and wrongly encoded bodies (bad gzip, a gzip bomb, unknown encodings) are refused with a 4xx and a message', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('payload='), Buffer.alloc(50 * 1024 * 1024, 0x61)]));
    const cases: Array<[string, Record<string, string>, Buffer]> = [
      ['gzip that is not gzip', { 'content-encoding': 'gzip' }, Buffer.from(validDelivery)],
      ['a gzip bomb (50 MiB inflated)', { 'content-encoding': 'gzip' }, bomb],
      ['deflate that is not deflate', { 'content-encoding': 'deflate' }, Buffer.from('garbage')],
      ['brotli that is not brotli', { 'content-encoding': 'br' }, Buffer.from('garbage')],
      ['an unknown encoding', { 'content-encoding': 'x-rot13' }, Buffer.from(validDelivery)],
      ['two encodings', { 'content-encoding': 'gzip, compress' }, Buffer.from(validDelivery)],
      ['an unknown charset', { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' }, Buffer.from(validDelivery, 'utf16le')],
    ];
    for (const [what, headers, body] of cases) {
      const reply = await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': await signBytes(body), ...headers }, body);
      expect(reply.status, `${what}: ${describeReply(reply)}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, `${what}: ${describeReply(reply)}`).toBeLessThan(500);
      expect(refusalMessage(reply), `${what}: ${describeReply(reply)}`).toBeDefined();
    }
  });

  it('a genuine delivery replayed with its signature outside the tolerance is refused as stale (or as from the future)', async () => {
    await fc.assert(
      fc.asyncProperty(validPayload, fc.integer({ min: TOLERANCE + 5, max: 10 ** 9 }), fc.boolean(), async (payload, skew, past) => {
        const body = encodeWebhookBody(payload);
        const t = past ? nowS() - skew : nowS() + skew;
        // what an eavesdropper captured: Centra's exact bytes and header, signed when t was now
        const reply = await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': sign(body, undefined, t) }, body);
        expect(reply.status, describeReply(reply)).toBe(401);
        expect(refusalMessage(reply)).toMatch(past ? /stale signature timestamp/ : /signature timestamp in the future/);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('malformed HTTP on the socket gets a 4xx or a closed connection, and the process lives on', async () => {
    const { port } = new URL(url);
    const host = `127.0.0.1:${port}`;
    const inputs = [
      `POST /webhooks/centra HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\npayload=`,
      `POST /webhooks/centra HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n`,
      `POST /webhooks/centra HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `POST /webhooks/centra HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
      `POST /webhooks/centra HTTP/9.9\r\n\r\n`,
      `\x00\x01\x02\x03 garbage\r\n\r\n`,
      `POST /webhooks/centra%00%ff/../../etc/passwd HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\n\r\n`,
    ];
    for (const input of inputs) {
      const answer = await sendBytes(url, input);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (status) expect(status >= 400 && status < 500, `${status} for ${JSON.stringify(input.slice(0, 60))}`).toBe(true);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('admin actions without the token are refused with 401 and a message, whatever is presented', async () => {
    const token = stack.secrets.adminToken;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const presented: fc.Arbitrary<Record<string, string>> = fc.oneof(
      fc.constant<Record<string, string>>({}),
      fc.string({ maxLength: 100 }).map((s) => ({ authorization: s })),
      fc.string({ maxLength: 100 }).map((s) => ({ authorization: `Bearer ${s}` })),
      fc.constantFrom<Record<string, string>>(
        { authorization: `Bearer ${token.slice(0, -1)}` },
        { authorization: `Bearer ${token}x` },
        { authorization: `Bearer ${token.toUpperCase()}` },
        { authorization: `Basic ${b64(`admin:${token}`)}` },
        { authorization: `Token ${token}` },
        { authorization: token },
        { authorization: `Bearer ${b64(token)}` },
        { cookie: `token=${token}` },
        { 'x-admin-token': token },
      ),
    );
    const formToken = fc.option(fc.oneof(fc.string({ maxLength: 60 }), fc.constant(token.slice(1))), { nil: undefined });
    const id = fc.oneof(
      fc.integer({ min: -5, max: 10 ** 6 }).map(String),
      fc.string({ unit: fc.constantFrom(...'abc123%._-'), maxLength: 12 }).filter((s) => s.length > 0),
    );
    await fc.assert(
      fc.asyncProperty(presented, formToken, id, async (headers, form, deadLetter) => {
        // (HTTP drops whitespace around a header value, so "Bearer <token> " is the token)
        fc.pre((headers.authorization ?? '').trim().replace(/^Bearer\s+/i, '') !== token && form !== token);
        const body = form === undefined ? undefined : `token=${encodeURIComponent(form)}`;
        const reply = await send(url, {
          path: `/admin/dead-letters/${deadLetter}/replay`,
          headers: { ...headers, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          body,
        });
        if (!decodable(deadLetter)) {
          // Express cannot decode the path parameter and refuses before any handler runs
          expect(reply.status, describeReply(reply)).toBe(400);
          expect(refusalMessage(reply)).toBeDefined();
          return;
        }
        expect(reply.status, describeReply(reply)).toBe(401);
        expect(refusalMessage(reply)).toMatch(/ADMIN_TOKEN/);
      }),
      { numRuns: RUNS },
    );
    // The control: with the token, the same action gets past the gate (no such dead letter here).
    const allowed = await send(url, { path: '/admin/dead-letters/424242/replay', headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status, describeReply(allowed)).toBe(404);
  });

  it('after all that, the store holds nothing from those requests and the process is still up', async () => {
    expect(await storedRows(stack, INTAKE_TABLES)).toEqual({ deliveries: 0, delivery_events: 0, jobs: 0 });
    expect(stack.service.alive()).toBe(true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('signed deliveries with hostile content inside a JSON object (docs/design.md D16 stores them) break nothing', async () => {
    const deep = (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;
    const objects: object[] = [
      { constructor: { prototype: { polluted: true } }, toString: 'x', hasOwnProperty: [1] },
      {
        events: [
          { type: 'order', id: '1e3' },
          { type: 'order', id: -1 },
          { type: 'order', id: '99999999999999999999' },
          { type: 'order', id: 3.5 },
        ],
      },
      {
        events: [
          { type: `x${'y'.repeat(10_000)}`, id: 1 },
          { type: CANARY_EMAIL, id: 2 },
          { type: 'order', id: 3, note: CANARY_SECRET },
        ],
      },
      { events: Array.from({ length: 1_000 }, () => ({ type: 'order', id: 4 })) },
      { events: 'not a list' },
      { DisplayItems: [CANARY_EMAIL, '<script>alert(1)</script>'], products: { nested: true } },
    ];
    const hostile = [
      '{"__proto__":{"polluted":true},"events":[{"type":"order","id":2}]}',
      `{"events":[{"type":"order","id":3,"data":${deep(2_500)}}]}`,
      deep(3_000),
      ...objects.map((o) => JSON.stringify(o)),
    ];
    for (const json of hostile) {
      const body = `payload=${encodeURIComponent(json)}`;
      const reply = await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': sign(body) }, body);
      expect([200, 400, 413], describeReply(reply)).toContain(reply.status);
    }
    // Only well-formed order numbers became jobs; the service still syncs a real order end to end.
    const jobs = (await queryRows(stack, 'SELECT kind, entity_key FROM jobs')) as Array<{ kind: string; entity_key: string }>;
    expect(jobs.filter((j) => j.kind !== 'order' || !/^\d{1,18}$/.test(j.entity_key))).toEqual([]);
    const { service, ometria } = stack;
    const body = encodeWebhookBody({ events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id: 5 }] });
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': sign(body) }, body)).status).toBe(200);
    await waitFor(() => orderDelivery(ometria, [2, 3, 4, 5]).missing.length === 0, 'orders 2-5 in Ometria', 30_000);
    expect(service.alive()).toBe(true);
    expect(await (await fetch(`${url}/status.json`, { headers: { authorization: `Bearer ${stack.secrets.adminToken}` } })).text()).not.toContain(CANARY_SECRET);
  });

  // docs/design.md D27: /status shows no emails even to the admin, so an email planted in a signed delivery's event summary must not show.
  it('/status.json never shows an email, even one planted in a signed delivery', async () => {
    const body = `payload=${encodeURIComponent(JSON.stringify({ DisplayItems: [CANARY_EMAIL] }))}`;
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': sign(body) }, body)).status).toBe(200);
    expect(await (await fetch(`${url}/status.json`, { headers: { authorization: `Bearer ${stack.secrets.adminToken}` } })).text()).not.toContain(CANARY_EMAIL);
  });

  it('no secret and no email appears in any log line', () => {
    expect(stack.service.lines.length).toBeGreaterThan(0);
    expect(leakyLines(stack.service.lines, stack.secrets, stack.emails(), [CANARY_EMAIL, CANARY_SECRET])).toEqual([]);
  });
});
