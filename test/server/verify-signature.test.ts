import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCentraSignature } from '../../server/http/verify-signature.js';

const SECRET = 's3cr3t-endpoint-secret';
const BODY = Buffer.from(
  'payload=%7B%22events%22%3A%5B%7B%22type%22%3A%22order%22%2C%22action%22%3A%22create%22%2C%22date%22%3A%222024-06-03+16%3A00%3A00.123456%22%2C%22id%22%3A14%7D%5D%7D',
);
const T = 1717430400;
const sign = (body: Buffer, t: number, secret = SECRET) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')}`;

describe('verifyCentraSignature', () => {
  it('accepts our order-created test delivery, signed as docs/design.md C2 documents (known answer)', () => {
    const header = 't=1717430400,v1=bab3ab0cc219bf925084086922bd28153e1425b359d1b3c0f93a79fb76548bff';
    expect(verifyCentraSignature(BODY, header, SECRET, 900, T + 10)).toEqual({
      ok: true,
      t: T,
      key: `${T}.bab3ab0cc219bf925084086922bd28153e1425b359d1b3c0f93a79fb76548bff`,
    });
  });

  it("accepts Centra's own worked example (secret test123)", () => {
    const body = Buffer.from('payload=%7B%22x%22%3A%22test%22%7D');
    const header = 't=12345678,v1=0b9cd84f5d583e5e1aadfb9f160aa8080b51d5b85ff85808d6b75bdac356c549';
    expect(verifyCentraSignature(body, header, 'test123', 60, 12345678).ok).toBe(true);
  });

  it.each([
    ['a missing header', undefined, /missing/],
    ['a header without v1', `t=${T}`, /malformed/],
    ['a non-numeric timestamp', `t=abc,v1=${'a'.repeat(64)}`, /malformed/],
    ['a short signature', `t=${T},v1=abcd`, /malformed/],
    ['a signature made with another secret', sign(BODY, T, 'other'), /does not match/],
    ['a signature over another body', sign(Buffer.from('payload=%7B%7D'), T), /does not match/],
  ])('rejects %s', (_name, header, reason) => {
    const result = verifyCentraSignature(BODY, header, SECRET, 900, T);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('names the same signed delivery with the same key, whatever the case of v1', () => {
    const header = sign(BODY, T);
    const a = verifyCentraSignature(BODY, header, SECRET, 900, T);
    const b = verifyCentraSignature(BODY, header.toUpperCase().replace('T=', 't=').replace('V1=', 'v1='), SECRET, 900, T);
    expect(a.ok && b.ok && a.key === b.key).toBe(true);
  });

  it('rejects a timestamp outside the tolerance in either direction', () => {
    expect(verifyCentraSignature(BODY, sign(BODY, T), SECRET, 900, T + 901)).toMatchObject({ ok: false, reason: expect.stringMatching(/stale/) });
    expect(verifyCentraSignature(BODY, sign(BODY, T), SECRET, 900, T - 901)).toMatchObject({
      ok: false,
      code: 'future',
      reason: expect.stringMatching(/in the future: t=\d+ is 901 s ahead/),
    });
    expect(verifyCentraSignature(BODY, sign(BODY, T), SECRET, 900, T - 900)).toMatchObject({ ok: true });
    expect(verifyCentraSignature(BODY, sign(BODY, T), SECRET, 900, T + 900)).toMatchObject({ ok: true });
  });
});
