import type { OmetriaCustomEvent } from '../../ometria/ometria-records.js';
import type { BasketLine, TrackerEvent, TrackerEventType } from '../../../shared/tracker-event-types.js';
import { definedOnly } from '../common/defined-only.js';
import type { EventIdentity } from '../../jobs/tracker-events/ometria-identity.js';

/**
 * Ometria custom event type per tracker event (< 32 characters, docs/design.md O8). Ometria must enable each type
 * before it can trigger an automation. identify is not forwarded: it becomes the identity of the others.
 */
export const OMETRIA_EVENT_TYPES: Record<Exclude<TrackerEventType, 'identify'>, string> = {
  product_view: 'product_viewed',
  collection_view: 'collection_viewed',
  basket: 'basket_updated',
  add_to_basket: 'added_to_basket',
  remove_from_basket: 'removed_from_basket',
  checkout: 'checkout_started',
  order_complete: 'order_completed',
};

/** A browser clock this far ahead of our receipt is wrong; the receipt time is used instead, ms. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/**
 * An event time older than this before our receipt is clamped to it, ms (issue 15.2). The tracker resends a
 * queue left by an earlier visit, so a day is generous; a sender cannot backdate an event into last year's
 * reports or out of an automation's window.
 */
export const MAX_EVENT_AGE_MS = 24 * 3_600_000;

export interface TrackerEventMappingContext {
  /** The batch's `store` (the script tag's data-store: the Ometria store id). */
  store: string;
  identity: EventIdentity;
  /** When we accepted the event, Unix ms (a stored fact, not a clock read). */
  receivedAt: number;
  /** Style-colour key (Ometria product id) of a full size SKU, from the catalogue; undefined if unknown. */
  productKeyForSku: (sku: string) => string | undefined;
}

/**
 * PURE: one accepted tracker event → one Ometria custom event with the event's own id (32 hex, docs/design.md D10),
 * so a retried push is the same record. Product ids follow docs/design.md D2 and D29: the page's productSku, else
 * the catalogue's key for the SKU, else the SKU itself. Returns undefined for identify.
 */
export function mapTrackerEvent(event: TrackerEvent, ctx: TrackerEventMappingContext): OmetriaCustomEvent | undefined {
  if (event.type === 'identify') return undefined;
  const productId = (sku: string, productSku: string | undefined) => productSku ?? ctx.productKeyForSku(sku) ?? sku;
  const product = (sku: string, productSku?: string) => ({ product_id: productId(sku, productSku), variant_id: sku });
  // '' when /collect dropped a URL outside the allowed hosts (url-rules.ts)
  const properties: Record<string, unknown> = { store: ctx.store, url: event.url || undefined };
  switch (event.type) {
    case 'product_view': {
      const d = event.data;
      const id = productId(d.sku, d.productSku);
      Object.assign(properties, { product_id: id, variant_id: id === d.sku ? undefined : d.sku, title: d.name, price: d.price, currency: d.currency });
      break;
    }
    case 'collection_view': {
      const d = event.data;
      const ids = d.skus && unique(d.skus.map((s) => productId(s, undefined)));
      Object.assign(properties, { collection_id: d.collectionId, title: d.name, product_ids: ids });
      break;
    }
    case 'basket': {
      const d = event.data;
      const lines = d.lines.map((l) => basketLine(l, product(l.sku, l.productSku)));
      Object.assign(properties, {
        basket_id: d.id,
        currency: d.currency,
        total: d.total,
        basket_url: d.url || undefined,
        item_count: d.lines.reduce((n, l) => n + l.quantity, 0),
        product_ids: unique(lines.map((l) => l.product_id)),
        lines,
      });
      break;
    }
    case 'add_to_basket':
    case 'remove_from_basket':
      Object.assign(properties, product(event.data.sku, event.data.productSku), { quantity: event.data.quantity });
      break;
    case 'order_complete':
      properties.order_number = event.data.orderNumber;
      break;
    case 'checkout':
      break;
  }
  return definedOnly<OmetriaCustomEvent>({
    '@type': 'custom_event',
    id: event.id,
    event_type: OMETRIA_EVENT_TYPES[event.type],
    timestamp: eventTime(event.at, ctx.receivedAt),
    ...ctx.identity,
    properties: definedOnly(properties),
  });
}

/** The SKUs mapTrackerEvent asks `productKeyForSku` about: those the page sent without their productSku. */
export function skusToLookUp(event: TrackerEvent): string[] {
  const own = (sku: string, productSku: string | undefined) => (productSku ? [] : [sku]);
  switch (event.type) {
    case 'product_view':
    case 'add_to_basket':
    case 'remove_from_basket':
      return own(event.data.sku, event.data.productSku);
    case 'collection_view':
      return event.data.skus ?? [];
    case 'basket':
      return event.data.lines.flatMap((l) => own(l.sku, l.productSku));
    default:
      return [];
  }
}

function basketLine(l: BasketLine, ids: { product_id: string; variant_id: string }) {
  return definedOnly({ ...ids, quantity: l.quantity, unit_price: l.unitPrice, title: l.name, url: l.url, image_url: l.imageUrl });
}

/**
 * UTC with `Z` (docs/design.md D15); a time from a clock running ahead is replaced by our receipt time, one older than
 * MAX_EVENT_AGE_MS is clamped to that age. Both from the stored receipt time: a retried push is the same record.
 */
function eventTime(at: string, receivedAt: number): string {
  const ms = Date.parse(at);
  if (ms > receivedAt + MAX_CLOCK_AHEAD_MS) return new Date(receivedAt).toISOString();
  return new Date(Math.max(ms, receivedAt - MAX_EVENT_AGE_MS)).toISOString();
}

const unique = (ids: string[]): string[] => [...new Set(ids)];
