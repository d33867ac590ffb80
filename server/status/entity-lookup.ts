import { redactText } from '../log/redact.js';
import type { Store } from '../store/store.js';
import { clipRemoteText, maskVisitorIds } from './mask.js';

/** Rows per section of a lookup: an order has a handful of jobs; a long history shows its newest. */
const LIMIT = 20;
/** A query longer than any order number or email is refused before it reaches the store. */
export const MAX_QUERY_LENGTH = 254;

export interface EntityLookup {
  query: string;
  /** How the query was read: an order number or customer id (digits), or an email. */
  as: 'number' | 'email' | 'unrecognised';
  /** The customer's PII-free contact key (docs/customers.md), when the query led to one. */
  contactKey: string | null;
  orders: Array<{ orderNumber: number; orderDate: string; currency: string; netValue: number; items: number; valid: boolean }>;
  jobs: Array<{ kind: string; entity: string; state: string; attempts: number; queuedAt: string; finishedAt: string | null; lastError: string | null }>;
  pushed: Array<{ type: string; id: string; pushedAt: string; pushes: number }>;
  deadLetters: Array<{ id: number; entity: string; reason: string; state: string; updatedAt: string }>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Everything the store knows of one order (by number) or one customer (by email or id): its synced orders, jobs,
 * what Ometria was sent and its dead letters. An operator's question ("did order 1234 reach Ometria?") answered on
 * one page. Jobs and dead letters are matched by entity key without an index of their own: a lookup is a rare,
 * manual read, and retention bounds those tables (docs/operations.md).
 */
export async function lookupEntity(store: Store, rawQuery: string): Promise<EntityLookup> {
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  const empty: EntityLookup = { query, as: 'unrecognised', contactKey: null, orders: [], jobs: [], pushed: [], deadLetters: [] };
  if (/^\d{1,15}$/.test(query)) return fill(store, { ...empty, as: 'number' }, [query], await orderContactKey(store, query));
  if (/^[^\s@]+@[^\s@]+$/.test(query)) {
    const contactKey = (await store.contactKeys.keyForEmail(query)) ?? null;
    if (!contactKey) return { ...empty, as: 'email' };
    // `c<id>`: the contact's first Centra customer (docs/customers.md); its jobs are keyed by that id.
    const customerId = /^c(\d+)$/.exec(contactKey)?.[1];
    return fill(store, { ...empty, as: 'email' }, customerId ? [customerId] : [], contactKey);
  }
  return empty;
}

async function orderContactKey(store: Store, orderNumber: string): Promise<string | null> {
  const row = await store.sql.get<{ contact_key: string }>(`SELECT contact_key FROM order_facts WHERE order_number = ?`, [Number(orderNumber)]);
  return row?.contact_key ?? null;
}

async function fill(store: Store, result: EntityLookup, entityKeys: string[], contactKey: string | null): Promise<EntityLookup> {
  const facts = contactKey
    ? await store.sql.all<{ order_number: number; order_date: number; currency: string; net_value: number; items: number; is_valid: number }>(
        `SELECT order_number, order_date, currency, net_value, items, is_valid FROM order_facts WHERE contact_key = ? ORDER BY order_date DESC LIMIT ${LIMIT}`,
        [contactKey],
      )
    : [];
  const keys = [...new Set([...entityKeys, ...(result.as === 'email' ? facts.map((f) => String(f.order_number)) : [])])];
  const recordIds = [...keys, ...(contactKey ? [contactKey] : [])];
  const jobs =
    keys.length === 0
      ? []
      : await store.sql.all<{
          kind: string;
          entity_key: string;
          state: string;
          attempts: number;
          first_queued_at: number;
          finished_at: number | null;
          last_error: string | null;
        }>(
          `SELECT kind, entity_key, state, attempts, first_queued_at, finished_at, last_error FROM jobs WHERE entity_key IN (${placeholders(keys.length)}) ORDER BY id DESC LIMIT ${LIMIT}`,
          keys,
        );
  const pushed =
    recordIds.length === 0
      ? []
      : await store.sql.all<{ record_type: string; record_id: string; pushed_at: number; push_count: number }>(
          `SELECT record_type, record_id, pushed_at, push_count FROM ledger WHERE record_type IN ('order', 'contact') AND record_id IN (${placeholders(recordIds.length)}) ORDER BY pushed_at DESC LIMIT ${LIMIT}`,
          recordIds,
        );
  const deadLetters =
    recordIds.length === 0
      ? []
      : await store.sql.all<{ id: number; job_kind: string; entity_key: string; reason: string; state: string; updated_at: number }>(
          `SELECT id, job_kind, entity_key, reason, state, updated_at FROM dead_letters
     WHERE entity_key IN (${placeholders(recordIds.length)}) OR record_id IN (${placeholders(recordIds.length)}) ORDER BY id DESC LIMIT ${LIMIT}`,
          [...recordIds, ...recordIds],
        );
  return {
    ...result,
    contactKey,
    orders: facts.map((f) => ({
      orderNumber: f.order_number,
      orderDate: iso(f.order_date),
      currency: f.currency,
      netValue: f.net_value,
      items: f.items,
      valid: f.is_valid === 1,
    })),
    jobs: jobs.map((j) => ({
      kind: j.kind,
      entity: maskVisitorIds(j.entity_key),
      state: j.state,
      attempts: j.attempts,
      queuedAt: iso(j.first_queued_at),
      finishedAt: j.finished_at === null ? null : iso(j.finished_at),
      lastError: j.last_error === null ? null : clipRemoteText(redactText(j.last_error)),
    })),
    pushed: pushed.map((p) => ({ type: p.record_type, id: p.record_id, pushedAt: iso(p.pushed_at), pushes: p.push_count })),
    deadLetters: deadLetters.map((d) => ({
      id: d.id,
      entity: maskVisitorIds(`${d.job_kind} ${d.entity_key}`),
      reason: clipRemoteText(redactText(d.reason)),
      state: d.state,
      updatedAt: iso(d.updated_at),
    })),
  };
}
