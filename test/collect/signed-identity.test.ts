// Issue 15.1 acceptance over real HTTP: only a token minted with TRACKER_IDENTITY_SECRET attributes /collect events.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { mintIdentityToken } from '../../server/collect/identity-token.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { batchOf, postCollect, SHOP_ORIGIN, trackerEvent } from './tracker-batch.js';

const SECRET = 'storefront-backend-and-companion-share-this';
const ADMIN = 'admin-token-for-status-json';
const VICTIM = 'victim@example.com';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});
const start = async (env: Record<string, string> = {}) =>
  (stack = await startStack({ env: { TRACKER_ALLOWED_ORIGINS: SHOP_ORIGIN, ADMIN_TOKEN: ADMIN, ...env } }));
const statusJson = async (s: Stack) =>
  (await (await fetch(`${s.service.url}/status.json`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
    collect: { identity: string; refused: Record<string, number> };
  };

describe('signed identity on /collect', () => {
  it("never attributes a forged identify (no token, bad, expired, another email's) and attributes a valid one", async () => {
    const s = await start({ TRACKER_IDENTITY_SECRET: SECRET });
    await s.service.store.contactKeys.resolve(1001, VICTIM, Date.now());
    const forged = [
      { email: VICTIM },
      { email: VICTIM, customerId: '1001' },
      { customerId: '1001' },
      { email: VICTIM, token: `v1.${inAnHour()}.${'0'.repeat(64)}` },
      { email: VICTIM, token: mintIdentityToken(SECRET, VICTIM, Math.floor(Date.now() / 1000) - 60) },
      { email: VICTIM, token: mintIdentityToken('some-other-secret-of-32-characters!!', VICTIM, inAnHour()) },
      { email: VICTIM, token: mintIdentityToken(SECRET, 'mallory@example.com', inAnHour()) },
    ];
    const forgedEvents: string[] = [];
    for (const [i, data] of forged.entries()) {
      const checkout = trackerEvent('checkout', {});
      forgedEvents.push(checkout.id);
      // any Origin: an allowed one, or the companion's own, which a script can set at will
      const origin = i % 2 ? s.service.url : SHOP_ORIGIN;
      const reply = await postCollect(s.service.url, batchOf([trackerEvent('identify', data), checkout]), { origin });
      expect(reply.status).toBe(200);
      expect(reply.body.accepted).toBe(1);
      expect(reply.body.rejected![0]).toMatchObject({ index: 0, reason: expect.stringMatching(/^identify (token )?refused/) });
    }

    // the attacker's own valid token does not lend them the victim's customer id either
    const mallory = randomUUID();
    const malloryEvent = trackerEvent('checkout', {});
    await postCollect(
      s.service.url,
      batchOf(
        [
          trackerEvent('identify', { email: 'mallory@example.com', customerId: '1001', token: mintIdentityToken(SECRET, 'mallory@example.com', inAnHour()) }),
          malloryEvent,
        ],
        mallory,
      ),
    );

    const valid = trackerEvent('checkout', {});
    const reply = await postCollect(
      s.service.url,
      batchOf([trackerEvent('identify', { email: 'Victim@Example.com', customerId: '1001', token: mintIdentityToken(SECRET, VICTIM, inAnHour()) }), valid]),
    );
    expect(reply.body).toMatchObject({ accepted: 2, rejected: [] });

    await waitFor(
      () => s.ometria.store.get('custom_event', valid.id) && s.ometria.store.get('custom_event', malloryEvent.id),
      "the signed visitors' events in Ometria",
    );
    expect(s.ometria.store.get('custom_event', valid.id)).toMatchObject({ identity_email: VICTIM, identity_account_id: 'c1001' });
    const sentForMallory = s.ometria.store.get('custom_event', malloryEvent.id) as Record<string, unknown>;
    expect(sentForMallory.identity_email).toBe('mallory@example.com');
    expect(sentForMallory.identity_account_id).not.toBe('c1001');
    await new Promise((r) => setTimeout(r, 300));
    for (const id of forgedEvents) expect(s.ometria.store.get('custom_event', id)).toBeUndefined();
    const attributedToVictim = s.ometria.store.all('custom_event').filter((e) => JSON.stringify(e).includes(VICTIM) || JSON.stringify(e).includes('c1001'));
    expect(attributedToVictim.map((e) => (e as { id: string }).id)).toEqual([valid.id]);

    const status = await statusJson(s);
    expect(status.collect.identity).toBe('signed');
    expect(status.collect.refused).toMatchObject({ 'identify:unsigned': 3, 'identify:token-bad-signature': 3, 'identify:token-expired': 1 });
  });

  it('attributes nobody in production without TRACKER_IDENTITY_SECRET, and says so on /status.json', async () => {
    const s = await start();
    const checkout = trackerEvent('checkout', {});
    const reply = await postCollect(s.service.url, batchOf([trackerEvent('identify', { email: VICTIM, customerId: '1001' }), checkout]));
    expect(reply.body.rejected![0]!.reason).toMatch(/TRACKER_IDENTITY_SECRET is not set/);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.ometria.store.all('custom_event')).toEqual([]);
    expect((await statusJson(s)).collect.identity).toBe('not-attributed');
  });

  it('believes unsigned identify only with TRACKER_ACCEPT_UNSIGNED_IDENTITY=true', async () => {
    const s = await start({ TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true' });
    const checkout = trackerEvent('checkout', {});
    await postCollect(s.service.url, batchOf([trackerEvent('identify', { email: 'bob@example.com' }), checkout]));
    await waitFor(() => s.ometria.store.get('custom_event', checkout.id), "the unsigned visitor's event");
    expect((await statusJson(s)).collect.identity).toBe('unsigned-accepted');
  });
});
