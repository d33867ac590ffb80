import { ClientError } from 'graphql-request';
import { describe, expect, it } from 'vitest';
import { classifyCentraError, missingFromAnswer, type CentraReply } from '../../server/centra/classify-centra-error.js';
import { RemoteError } from '../../server/remote/remote-errors.js';

const NOW = Date.parse('2024-06-03T16:00:00Z');

/** What graphql-request throws for an HTTP answer it refuses. */
function http(status: number, body = '', headers: Record<string, string> = {}): CentraReply {
  const error = new ClientError({ status, headers: new Headers(headers), body }, { query: '{ orders { number } }' });
  return { thrown: error, now: NOW };
}

const named = (name: string, message = 'gone'): Error => Object.assign(new Error(message), { name });

describe('classifyCentraError: every Integration API failure has one outcome', () => {
  it.each<[string, CentraReply, object]>([
    ['429 with delta seconds', http(429, '', { 'retry-after': '30' }), { kind: 'rate_limited', reason: 'Centra rate limit reached (429)', delayMs: 30_000 }],
    ['429 with a Unix timestamp', http(429, '', { 'retry-after': String(NOW / 1000 + 12) }), { kind: 'rate_limited', delayMs: 12_000 }],
    ['429 without Retry-After', http(429), { kind: 'rate_limited', delayMs: 10_000 }],
    ['429 asking for years, capped', { ...http(429, '', { 'retry-after': '999999999' }), maxRetryAfterMs: 60_000 }, { kind: 'rate_limited', delayMs: 60_000 }],
    ['401', http(401), { kind: 'auth', reason: expect.stringMatching(/^Centra refused the Integration API token \(401\): check CENTRA_API_TOKEN/) }],
    ['403', http(403), { kind: 'auth', reason: expect.stringContaining('(403)') }],
    ['500', http(500), { kind: 'retry', reason: 'Centra answered 500' }],
    ['503', http(503), { kind: 'retry', reason: 'Centra answered 503' }],
    ['408', http(408), { kind: 'retry', reason: 'Centra answered 408' }],
    [
      '400 with GraphQL errors',
      http(400, '{"errors":[{"message":"Int cannot represent 99999999999"}]}'),
      { kind: 'reject', reason: 'Centra answered 400', status: 400, body: '{"errors":[{"message":"Int cannot represent 99999999999"}]}' },
    ],
    ['404 with an HTML page', http(404, '<html>no</html>'), { kind: 'reject', status: 404, body: '<html>no</html>' }],
    ['200 that graphql-request refused', http(200, '{}'), { kind: 'retry', reason: expect.stringMatching(/^Centra returned GraphQL errors: /) }],
    ['our timeout (TimeoutError)', { thrown: named('TimeoutError'), now: NOW }, { kind: 'retry', reason: 'Centra did not answer in time', timedOut: true }],
    ['an aborted request (AbortError)', { thrown: named('AbortError'), now: NOW }, { kind: 'retry', reason: 'Centra did not answer in time', timedOut: true }],
    ['a refused connection', { thrown: new TypeError('fetch failed'), now: NOW }, { kind: 'retry', reason: 'Centra unreachable: fetch failed' }],
    [
      'a page answered with GraphQL errors and no data',
      { missing: 'products page', errors: [{ message: 'Cannot query field "x"' }] },
      { kind: 'unusable', reason: 'Centra returned no products page: Cannot query field "x"' },
    ],
    [
      'a page answered with rows we cannot read',
      { missing: 'displays page', errors: [], detail: 'Expected array, received null' },
      { kind: 'unusable', reason: 'Centra returned no displays page: Expected array, received null' },
    ],
    ['an empty answer', { missing: 'orders page', errors: [] }, { kind: 'unusable', reason: 'Centra returned no orders page: empty answer' }],
  ])('%s', (_name, reply, expected) => {
    expect(classifyCentraError(reply)).toEqual(expect.objectContaining(expected));
  });

  it('marks only a timeout as timed out', () => {
    expect(classifyCentraError(http(503))).not.toHaveProperty('timedOut');
    expect(classifyCentraError({ thrown: new TypeError('fetch failed'), now: NOW })).not.toHaveProperty('timedOut');
  });

  it('missingFromAnswer throws a RemoteError carrying the classified outcome', () => {
    const error = missingFromAnswer('introspection result', [], 'no __schema in the answer');
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.outcome).toEqual({ kind: 'unusable', reason: 'Centra returned no introspection result: no __schema in the answer' });
    expect(error.message).toBe(error.outcome.reason);
  });
});
