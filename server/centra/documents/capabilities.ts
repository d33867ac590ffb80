/**
 * What the service can do with Centra, as `doctor` and `/status` report it: each is OK, degraded (works with a
 * documented fallback) or unavailable on a given live schema.
 */
export const CENTRA_CAPABILITIES = [
  'orders',
  'shipments',
  'returns',
  'customers',
  'marketing-consent',
  'newsletter',
  'catalogue-full',
  'catalogue-incremental',
  'stock',
  'backfill',
  'reconcile',
  'rate-limits',
] as const;

export type CentraCapability = (typeof CENTRA_CAPABILITIES)[number];
