import { describe, expect, it } from 'vitest';
import { mergeIdentity, normaliseIdentify } from '../../server/collect/merge-identity.js';
import { ometriaIdentity, type ContactKeyLookup } from '../../server/jobs/tracker-events/ometria-identity.js';

describe('mergeIdentity', () => {
  it.each([
    ['a first identify is taken as it is', undefined, { email: 'Ann@Example.com ' }, { email: 'ann@example.com' }],
    [
      'a customer id fills the gap next to a known email',
      { email: 'ann@example.com' },
      { customerId: '1001' },
      { email: 'ann@example.com', customerId: '1001' },
    ],
    [
      'the same email again changes nothing',
      { email: 'ann@example.com', customerId: '1001' },
      { email: 'ANN@example.com' },
      { email: 'ann@example.com', customerId: '1001' },
    ],
    [
      'another email replaces the whole identity (a shared computer)',
      { email: 'ann@example.com', customerId: '1001' },
      { email: 'bob@example.com' },
      { email: 'bob@example.com' },
    ],
    ['another customer id replaces the whole identity', { email: 'ann@example.com', customerId: '1001' }, { customerId: '2002' }, { customerId: '2002' }],
  ])('%s', (_name, current, call, expected) => {
    expect(mergeIdentity(current, call)).toEqual(expected);
  });

  it('ignores a call with nothing usable: a non-numeric customer id and no email', () => {
    expect(mergeIdentity({ email: 'ann@example.com' }, { customerId: 'abc' })).toBeUndefined();
  });

  it('drops an email Ometria could not take (over 255 characters)', () => {
    expect(normaliseIdentify({ email: `${'a'.repeat(250)}@example.com`, customerId: '7' })).toEqual({ customerId: '7' });
  });
});

describe('ometriaIdentity', () => {
  const keys = (customers: Record<number, string>, emails: Record<string, string>): ContactKeyLookup => ({
    forCustomer: async (id) => customers[id],
    forEmail: async (email) => emails[email],
  });

  it.each([
    [
      'the stored key of the customer',
      { customerId: '1001', email: 'ann@example.com' },
      keys({ 1001: 'c900' }, {}),
      { identity_account_id: 'c900', identity_email: 'ann@example.com' },
    ],
    [
      'the stored key of the email when the customer is new to us',
      { customerId: '1001', email: 'ann@example.com' },
      keys({}, { 'ann@example.com': 'c77' }),
      { identity_account_id: 'c77', identity_email: 'ann@example.com' },
    ],
    ['the key a first-seen customer will get (c<id>)', { customerId: '1001' }, keys({}, {}), { identity_account_id: 'c1001' }],
    ['the email alone when no key is known', { email: 'ann@example.com' }, keys({}, {}), { identity_email: 'ann@example.com' }],
  ])('uses %s', async (_name, identity, lookup, expected) => {
    expect(await ometriaIdentity(identity, lookup)).toEqual(expected);
  });
});
