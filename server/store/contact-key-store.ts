import { lockKeys } from './advisory-lock.js';
import type { Sql } from './sql/sql.js';

type KeyKind = 'email' | 'customer';

/**
 * docs/design.md D1: one PII-free contact key per person. The first Centra customer seen for a lower-cased email
 * gives the key `c<customer id>`; every customer with that email (guest and registered) shares it, and a
 * customer whose email changes keeps its key. A newsletter-only sign-up takes `n<subscription id>` by the same rule.
 */
export function createContactKeyStore(sql: Sql) {
  const lookup = async (db: Sql, kind: KeyKind, value: string): Promise<string | undefined> =>
    (await db.get<{ contact_key: string }>(`SELECT contact_key FROM contact_keys WHERE kind = ? AND value = ?`, [kind, value]))?.contact_key;
  const put = (db: Sql, kind: KeyKind, value: string, key: string, now: number) =>
    db.run(`INSERT INTO contact_keys (kind, value, contact_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING`, [kind, value, key, now]);

  return {
    resolve: (customerId: number, email: string | null | undefined, now: number): Promise<string> =>
      sql.transaction(async (tx) => {
        const customer = String(customerId);
        const normalisedEmail = normaliseEmail(email);
        // Two replicas resolving two customers with one new email at once must agree on one key.
        await lockKeys(tx, 'contact-key', normalisedEmail ? [`customer:${customer}`, `email:${normalisedEmail}`] : [`customer:${customer}`]);
        const key = (await lookup(tx, 'customer', customer)) ?? (normalisedEmail ? await lookup(tx, 'email', normalisedEmail) : undefined) ?? `c${customer}`;
        await put(tx, 'customer', customer, key, now);
        // DO NOTHING: an email already owned by another key stays with it (Ometria ignores a reused identifier).
        if (normalisedEmail) await put(tx, 'email', normalisedEmail, key, now);
        return key;
      }),
    /**
     * A newsletter-only sign-up (docs/design.md D1): the key the email already has (a customer's, or an earlier
     * sign-up's), else `fallbackKey` (`n<subscription id>`), stored so a customer seen later with this email joins it.
     */
    resolveEmail: (email: string, fallbackKey: string, now: number): Promise<string | undefined> =>
      sql.transaction(async (tx) => {
        const normalisedEmail = normaliseEmail(email);
        if (!normalisedEmail) return undefined;
        await lockKeys(tx, 'contact-key', [`email:${normalisedEmail}`]);
        const key = (await lookup(tx, 'email', normalisedEmail)) ?? fallbackKey;
        await put(tx, 'email', normalisedEmail, key, now);
        return key;
      }),
    keyForCustomer: (customerId: number): Promise<string | undefined> => lookup(sql, 'customer', String(customerId)),
    /** The email last seen for a customer's contact (lower-cased): how a customer is read where Centra has no id filter. */
    emailOfCustomer: async (customerId: number): Promise<string | undefined> =>
      (
        await sql.get<{ value: string }>(
          `SELECT e.value FROM contact_keys e JOIN contact_keys c ON c.contact_key = e.contact_key
         WHERE c.kind = 'customer' AND c.value = ? AND e.kind = 'email' ORDER BY e.created_at DESC LIMIT 1`,
          [String(customerId)],
        )
      )?.value,
    /** Read only: the key an email already has (trimmed, lower-cased, as resolve stores it). */
    keyForEmail: async (email: string): Promise<string | undefined> => {
      const normalisedEmail = normaliseEmail(email);
      return normalisedEmail ? lookup(sql, 'email', normalisedEmail) : undefined;
    },
  };
}

export type ContactKeyStore = ReturnType<typeof createContactKeyStore>;

function normaliseEmail(email: string | null | undefined): string | undefined {
  return email?.trim().toLowerCase() || undefined;
}
