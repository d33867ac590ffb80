/** GraphQL `Int` is a signed 32-bit integer: Centra can hold no order number or id above this. */
export const GRAPHQL_INT_MAX = 2_147_483_647;

/**
 * Integration API event types whose id Centra's GraphQL takes as an `Int` (order `number`; shipment, return and
 * customer `id`). An id outside 1 … 2^31−1 names nothing Centra can have, and sent to Centra it would make the
 * whole aliased document fail validation, so intake refuses it alone (docs/design.md D16: the rest of the
 * delivery is processed).
 */
const INT_ID_TYPES: Readonly<Record<string, string>> = {
  order: 'order number',
  shipment: 'shipment id',
  return: 'return id',
  customer: 'customer id',
};

/** Why `id` of an event of `type` cannot name a Centra entity; undefined when it can (or the type has no Int id). */
export function unusableEntityId(type: string, id: string): string | undefined {
  const what = INT_ID_TYPES[type];
  if (!what) return undefined;
  if (!/^\d+$/.test(id)) return `${what} ${safeIdText(id) ?? '(not shown)'} is not a positive whole number`;
  const value = Number(id);
  if (value < 1 || value > GRAPHQL_INT_MAX) return `${what} ${id} is outside Centra's range (1 to ${GRAPHQL_INT_MAX}, GraphQL Int)`;
  return undefined;
}

/**
 * An id as it may be shown and stored (dead letters, /status, alerts): digits with an optional sign only, so a
 * hostile delivery cannot plant an email or a secret there (docs/design.md D27).
 */
export function safeIdText(id: unknown): string | undefined {
  const text = typeof id === 'number' || typeof id === 'string' ? String(id) : '';
  return /^-?\d{1,30}$/.test(text) ? text : undefined;
}
