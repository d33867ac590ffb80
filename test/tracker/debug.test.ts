// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, resetPage, run, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

const consoleSpies = () => ({
  info: vi.spyOn(console, 'info').mockImplementation(() => {}),
  warn: vi.spyOn(console, 'warn').mockImplementation(() => {}),
});
const lines = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.map(String).join(' '));

describe('debug mode', () => {
  it('logs each event with the email and token masked', async () => {
    mockFetch(200);
    const { info } = consoleSpies();
    const t = tracker({ debug: true });
    t.productView({ sku: 'P1' });
    t.identify({ email: 'a@example.com', token: 'v1.1.secret' });
    const out = lines(info);
    expect(out[0]).toContain('product_view {"sku":"P1"}');
    expect(out[1]).toContain('identify {"email":"***","token":"***"}');
    expect(out.join('\n')).not.toMatch(/a@example\.com|secret/);
  });

  it('says which call was ignored and what it needs, and names unknown methods', () => {
    const { warn } = consoleSpies();
    const t = tracker({ debug: true });
    t.basket({ id: 'b', currency: 'pounds', lines: [] });
    t('nonsense');
    expect(lines(warn)).toEqual(['centraOmetria: basket ignored: needs id, currency', 'centraOmetria: unknown method nonsense']);
  });

  it('says an event is held until consent, and why an event is not sent', () => {
    const { info, warn } = consoleSpies();
    tracker({ debug: true, requireConsent: true }).checkout();
    expect(lines(info)[0]).toContain('checkout {} held until consent');
    tracker({ debug: true, endpoint: undefined }).checkout();
    expect(lines(warn)).toContain('centraOmetria: checkout not sent: no data-endpoint');
  });

  it('reports what /collect rejected or refused, and retries', async () => {
    const { warn } = consoleSpies();
    const reply = (status: number, body: object) => async () => ({ status, json: async () => body }) as unknown as never;
    mockFetch(
      reply(200, { accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'abc', reason: 'identify: token expired' }] }),
      503,
      reply(400, { error: 'not a tracker batch' }),
    );
    const t = tracker({ debug: true });
    t.identify({ email: 'a@example.com' });
    await run(1000);
    t.checkout();
    await run(1000);
    await run(2000);
    const out = lines(warn);
    expect(out).toContain('centraOmetria: /collect rejected abc: identify: token expired');
    expect(out.some((l) => /not delivered: 503 - retry in ms \d+/.test(l))).toBe(true);
    expect(out).toContain('centraOmetria: /collect refused: 400 not a tracker batch');
  });

  it('is switched on by ?centra_ometria_debug=1 and off by default', () => {
    const { info } = consoleSpies();
    tracker().checkout();
    expect(info).not.toHaveBeenCalled();
    history.replaceState(null, '', '/p?x=1&centra_ometria_debug=1');
    tracker().checkout();
    expect(info).toHaveBeenCalledTimes(1);
  });
});
