import { describe, expect, it } from 'vitest';
import type { CentraClient, CentraResult } from '../../server/centra/centra-client.js';
import { fetchByAlias, type AliasedDocument } from '../../server/centra/fetch-by-alias.js';
import { RemoteError } from '../../server/remote/remote-errors.js';
import { centraErrorStrike, CENTRA_ERROR_ATTEMPTS } from '../../server/jobs/centra-failures.js';

/** Keeps each alias's raw value, so the tests see exactly what fetchByAlias handed to `read`. */
type Raw = { status: 'data'; value: unknown };
const doc: AliasedDocument<Raw> = {
  alias: (n) => `o${n}`,
  build: (ids) => ids.map((n) => `o${n}`).join(' '),
  noun: 'order',
  read: (value) => ({ status: 'data', value }),
};
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

/** A Centra stand-in: `answer` sees the ids of each request and returns a result or throws. */
function fakeClient(answer: (ids: number[]) => CentraResult<Record<string, unknown>>) {
  const requests: number[][] = [];
  const client = {
    request: async <T>(query: string) => {
      const ids = query.split(' ').map((a) => Number(a.slice(1)));
      requests.push(ids);
      return answer(ids) as unknown as CentraResult<T>;
    },
    requestCount: () => requests.length,
  } as CentraClient;
  return { client, requests };
}

const rows = (ids: number[]) => Object.fromEntries(ids.map((n) => [`o${n}`, [{ number: n }]]));
const refuse = (status: number, body: unknown) => {
  throw new RemoteError({ kind: 'reject', reason: `Centra answered ${status}`, status, body: JSON.stringify(body) });
};

describe('fetchByAlias', () => {
  it("splits a document Centra rejects with HTTP 400 (an order number beyond GraphQL Int) and rejects that id alone, with Centra's message", async () => {
    const bad = 99_999_999_999;
    const { client, requests } = fakeClient((ids) =>
      ids.includes(bad)
        ? refuse(400, { errors: [{ message: `Int cannot represent non 32-bit signed integer value: ${bad}`, locations: [{ line: 2, column: 30 }] }] })
        : { data: rows(ids), errors: [] },
    );
    const ids = [...range(24), bad, ...range(25, 25)];
    const out = await fetchByAlias(client, ids, doc);
    expect(out.get(bad)).toEqual({
      status: 'rejected',
      message: `Int cannot represent non 32-bit signed integer value: ${bad}`,
      response: { status: 400, errors: [{ message: `Int cannot represent non 32-bit signed integer value: ${bad}` }] },
    });
    for (const n of range(49)) expect(out.get(n)).toEqual({ status: 'data', value: [{ number: n }] });
    expect(requests.length).toBeLessThanOrEqual(13);
  });

  it('treats errors without a path and no data (a 200 with only errors) as a whole refusal too', async () => {
    const { client } = fakeClient((ids) =>
      ids.includes(3) ? { data: undefined, errors: [{ message: 'Internal: bad id 3' }] } : { data: rows(ids), errors: [] },
    );
    const out = await fetchByAlias(client, range(8), doc);
    expect(out.get(3)).toMatchObject({ status: 'rejected', message: 'Internal: bad id 3' });
    expect([...out.values()].filter((a) => a.status === 'data')).toHaveLength(7);
  });

  it("keeps a per-alias error beside other aliases' data to its own id, in one request, as a retryable error", async () => {
    const { client, requests } = fakeClient((ids) => ({
      data: { ...rows(ids.filter((n) => n !== 5)), o5: null },
      errors: [{ message: 'Internal server error', path: ['o5', 0, 'lines'] }],
    }));
    const out = await fetchByAlias(client, range(10), doc);
    expect(out.get(5)).toEqual({ status: 'error', message: 'Internal server error' });
    expect([...out.values()].filter((a) => a.status === 'data')).toHaveLength(9);
    expect(requests).toHaveLength(1);
  });

  it("when one alias's resolver error nulls the whole data (non-null root lists), splits and keeps it a retryable error of that id", async () => {
    const { client } = fakeClient((ids) =>
      ids.includes(4)
        ? refuse(400, { data: null, errors: [{ message: 'Cannot return null for non-nullable field Order.status.', path: ['o4', 0, 'status'] }] })
        : { data: rows(ids), errors: [] },
    );
    const out = await fetchByAlias(client, range(10), doc);
    expect(out.get(4)).toEqual({ status: 'error', message: 'Cannot return null for non-nullable field Order.status.' });
    expect([...out.values()].filter((a) => a.status === 'data')).toHaveLength(9);
  });

  it('blames no id when Centra refuses every part alike (a field it does not have): each is document_rejected, few requests', async () => {
    const { client, requests } = fakeClient(() => refuse(400, { errors: [{ message: 'Cannot query field "updatedAt" on type "Order".' }] }));
    const out = await fetchByAlias(client, range(50), doc);
    expect(new Set([...out.values()].map((a) => a.status))).toEqual(new Set(['document_rejected']));
    expect(requests.length).toBeLessThanOrEqual(8);
  });

  it.each([
    ['a 503', { kind: 'retry', reason: 'Centra answered 503' }],
    ['a timeout', { kind: 'retry', reason: 'Centra did not answer in time' }],
    ['a 429', { kind: 'rate_limited', reason: 'Centra rate limit reached (429)', delayMs: 1000 }],
    ['a 401', { kind: 'auth', reason: 'Centra refused the Integration API token (401)' }],
  ] as const)('never splits on %s: it throws for the caller to retry the whole batch', async (_name, outcome) => {
    const { client, requests } = fakeClient(() => {
      throw new RemoteError(outcome);
    });
    await expect(fetchByAlias(client, range(50), doc)).rejects.toBeInstanceOf(RemoteError);
    expect(requests).toHaveLength(1);
  });
});

describe('centraErrorStrike: consecutive Centra errors about one entity are counted in last_error', () => {
  it('counts on from the previous Centra error and starts again after any other error', () => {
    expect(centraErrorStrike(null)).toBe(1);
    expect(centraErrorStrike(`Centra error (3 of ${CENTRA_ERROR_ATTEMPTS}): order 5: boom`)).toBe(4);
    expect(centraErrorStrike('Centra rate limit reached (429)')).toBe(1);
  });
});

describe('fetchByAlias with two bad orders side by side', () => {
  it('pins a resolver error on each id even when Centra words them alike (the alias path tells them apart)', async () => {
    const { client } = fakeClient((ids) => {
      const bad = ids.find((n) => n === 20 || n === 21);
      return bad === undefined
        ? { data: rows(ids), errors: [] }
        : refuse(400, { data: null, errors: [{ message: 'Cannot return null for non-nullable field Order.status.', path: [`o${bad}`, 0, 'status'] }] });
    });
    const out = await fetchByAlias(client, range(50), doc);
    expect(out.get(20)).toMatchObject({ status: 'error' });
    expect(out.get(21)).toMatchObject({ status: 'error' });
    expect([...out.values()].filter((a) => a.status === 'data')).toHaveLength(48);
  });
});

describe("fetchByAlias when many orders of a batch fail in Centra's resolvers", () => {
  it('settles every alias Centra names and re-sends the rest once: 2 requests, not a split per bad id', async () => {
    const bad = new Set(range(50).filter((n) => n % 4 !== 0)); // 38 of 50, like a shop whose orders are mostly in a status we do not know
    const { client, requests } = fakeClient((ids) => {
      const failing = ids.filter((n) => bad.has(n));
      return failing.length === 0
        ? { data: rows(ids), errors: [] }
        : refuse(400, {
            data: null,
            errors: failing.map((n) => ({ message: `Enum "OrderStatus" cannot represent value: "COMPLETED"`, path: [`o${n}`, 0, 'status'] })),
          });
    });
    const out = await fetchByAlias(client, range(50), doc);
    expect([...out.values()].filter((a) => a.status === 'data')).toHaveLength(12);
    expect([...out.entries()].filter(([, a]) => a.status === 'error').map(([n]) => n)).toEqual([...bad]);
    expect(requests).toHaveLength(2);
  });
});
