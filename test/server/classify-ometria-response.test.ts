import { describe, expect, it } from 'vitest';
import { acceptedOrThrow, classifyOmetriaResponse, type OmetriaReply } from '../../server/ometria/classify-ometria-response.js';
import { RemoteError } from '../../server/remote/remote-errors.js';

const NOW = Date.parse('2024-06-03T16:00:00Z');

const answer = (status: number, body = '', headers: Record<string, string> = {}): OmetriaReply => ({ status, headers: new Headers(headers), body, now: NOW });
const named = (name: string, message = 'gone'): Error => Object.assign(new Error(message), { name });

describe('classifyOmetriaResponse: every Ometria answer has one outcome', () => {
  it.each<[string, OmetriaReply, object]>([
    [
      '202 with counts',
      answer(202, '{"status":"OK","request_id":"r1","accepted":3,"rejected":1}'),
      { kind: 'ok', status: 202, requestId: 'r1', accepted: 3, rejected: 1 },
    ],
    ['200 with a body that is not JSON', answer(200, 'OK'), { kind: 'ok', status: 200, requestId: null, accepted: null, rejected: null }],
    ['429 without Retry-After (Ometria documents none)', answer(429), { kind: 'rate_limited', reason: 'Ometria rate limit reached (429)', delayMs: 5_000 }],
    ['429 with delta seconds', answer(429, '', { 'retry-after': '20' }), { kind: 'rate_limited', delayMs: 20_000 }],
    [
      '429 asking for years, capped',
      { ...answer(429, '', { 'retry-after': '999999999' }), maxRetryAfterMs: 120_000 },
      { kind: 'rate_limited', delayMs: 120_000 },
    ],
    ['401', answer(401), { kind: 'auth', reason: 'Ometria refused the API key (401): check OMETRIA_API_KEY' }],
    ['403', answer(403), { kind: 'auth', reason: 'Ometria refused the API key (403): check OMETRIA_API_KEY' }],
    ['500', answer(500), { kind: 'retry', reason: 'Ometria answered 500' }],
    ['503', answer(503), { kind: 'retry', reason: 'Ometria answered 503' }],
    ['408', answer(408), { kind: 'retry', reason: 'Ometria answered 408' }],
    [
      '400 on a push',
      answer(400, '{"message":"bad record"}'),
      { kind: 'reject', reason: 'Ometria rejected the batch (400)', status: 400, body: '{"message":"bad record"}' },
    ],
    ['422 on a push', answer(422, 'x'), { kind: 'reject', reason: 'Ometria rejected the batch (422)', status: 422 }],
    ['400 on a named call', { ...answer(400), call: 'GET /push/_errors' }, { kind: 'reject', reason: 'Ometria GET /push/_errors answered 400', status: 400 }],
    ['500 on a named call', { ...answer(500), call: 'GET /orders/7' }, { kind: 'retry', reason: 'Ometria GET /orders/7 answered 500' }],
    ['our timeout (TimeoutError)', { thrown: named('TimeoutError') }, { kind: 'retry', reason: 'Ometria did not answer in time', timedOut: true }],
    ['a refused connection', { thrown: new TypeError('fetch failed') }, { kind: 'retry', reason: 'Ometria unreachable: fetch failed' }],
    ['an aborted request (AbortError) is not a timeout', { thrown: named('AbortError', 'aborted') }, { kind: 'retry', reason: 'Ometria unreachable: aborted' }],
    [
      'a 2xx body the endpoint does not document',
      { unreadable: 'Unexpected token <', call: 'GET /push/_errors' },
      { kind: 'unusable', reason: 'Ometria GET /push/_errors answered in a shape we cannot read: Unexpected token <' },
    ],
  ])('%s', (_name, reply, expected) => {
    expect(classifyOmetriaResponse(reply)).toEqual(expect.objectContaining(expected));
  });

  it('marks only a timeout as timed out', () => {
    expect(classifyOmetriaResponse(answer(503))).not.toHaveProperty('timedOut');
    expect(classifyOmetriaResponse({ thrown: new TypeError('fetch failed') })).not.toHaveProperty('timedOut');
  });

  it('acceptedOrThrow returns a 2xx and throws every other answer as a RemoteError with its outcome', () => {
    expect(acceptedOrThrow(answer(200, '{"accepted":1}'))).toMatchObject({ kind: 'ok', accepted: 1 });
    const thrown = (() => {
      try {
        acceptedOrThrow(answer(503));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(RemoteError);
    expect((thrown as RemoteError).outcome).toEqual({ kind: 'retry', reason: 'Ometria answered 503' });
  });
});
