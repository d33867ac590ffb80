import type { Db } from './open-database.js';

/**
 * decisions.md 1: one PII-free contact key per person. The first Centra customer seen for a lower-cased email
 * gives the key `c<customer id>`; every customer with that email (guest and registered) shares it, and a
 * customer whose email changes keeps its key.
 */
export function createContactKeyStore(db: Db) {
  const get = db.prepare(`SELECT contact_key FROM contact_keys WHERE kind = ? AND value = ?`);
  const put = db.prepare(`INSERT OR IGNORE INTO contact_keys (kind, value, contact_key, created_at) VALUES (?, ?, ?, ?)`);
  const lookup = (kind: 'email' | 'customer', value: string) =>
    (get.get(kind, value) as { contact_key: string } | undefined)?.contact_key;

  const resolve = db.transaction((customerId: number, email: string | null | undefined, now: number): string => {
    const customer = String(customerId);
    const normalisedEmail = email?.trim().toLowerCase() || undefined;
    const key =
      lookup('customer', customer) ??
      (normalisedEmail ? lookup('email', normalisedEmail) : undefined) ??
      `c${customer}`;
    put.run('customer', customer, key, now);
    // INSERT OR IGNORE: an email already owned by another key stays with it (Ometria ignores a reused identifier).
    if (normalisedEmail) put.run('email', normalisedEmail, key, now);
    return key;
  });

  return {
    resolve: (customerId: number, email: string | null | undefined, now: number): string => resolve(customerId, email, now),
    keyForCustomer: (customerId: number): string | undefined => lookup('customer', String(customerId)),
  };
}

export type ContactKeyStore = ReturnType<typeof createContactKeyStore>;
