import { z } from 'zod';
import type { TrackerBatch, TrackerEvent, TrackerEventType } from '../tracker-event-types.js';

/**
 * Closed schema of what the storefront tracker POSTs to /collect (issue 6; types in shared/tracker-event-types.ts).
 * The tracker itself never imports this file (docs/design.md D31): it trims its input to the same limits.
 */

/** Every string field. The tracker cuts longer strings to this length. */
export const TRACKER_MAX_STRING = 512;
/** Lines per basket, skus per collection view. */
export const TRACKER_MAX_LINES = 100;
/** Events per request. */
export const TRACKER_MAX_EVENTS = 50;
/** Request body limit (the tracker keeps each body under it: the fetch keepalive / sendBeacon quota). */
export const TRACKER_MAX_BODY_BYTES = 64 * 1024;

export const TRACKER_EVENT_TYPES = [
  'product_view',
  'collection_view',
  'basket',
  'add_to_basket',
  'remove_from_basket',
  'identify',
  'checkout',
  'order_complete',
] as const satisfies readonly TrackerEventType[];

const str = z.string().max(TRACKER_MAX_STRING);
const id = str.min(1);
const money = z.number().finite();
const currency = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO-4217 code such as GBP');
const quantity = z.number().int().nonnegative();
const isoTime = z.iso.datetime({ offset: true });
/** Same test as Ometria's tag (`/\S+@\S+\.\S+/`), anchored. */
const email = str.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email must look like name@domain.tld');

export const TrackerEventIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'event id must be 32 lower-case hex characters');
export const VisitorIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'visitorId must be a lower-case UUID');

export const ProductViewDataSchema = z.strictObject({
  sku: id,
  productSku: id.optional(),
  name: str.optional(),
  price: money.optional(),
  currency: currency.optional(),
});

export const CollectionViewDataSchema = z.strictObject({
  collectionId: id.regex(/^collection:.+$/, 'collectionId must be a collection:<id> attribute id'),
  name: str.optional(),
  skus: z.array(id).max(TRACKER_MAX_LINES).optional(),
});

export const BasketLineSchema = z.strictObject({
  sku: id,
  productSku: id.optional(),
  quantity,
  unitPrice: money,
  name: str.optional(),
  url: str.optional(),
  imageUrl: str.optional(),
});

export const BasketDataSchema = z.strictObject({
  id,
  currency,
  total: money,
  url: str,
  lines: z.array(BasketLineSchema).max(TRACKER_MAX_LINES),
});

export const BasketChangeDataSchema = z.strictObject({ sku: id, productSku: id.optional(), quantity });

export const IdentifyDataSchema = z
  // the token's form is judged by the server's verifier, which gives the precise reason
  .strictObject({ email: email.optional(), customerId: id.optional(), token: z.string().max(128).optional() })
  .refine((d) => d.email !== undefined || d.customerId !== undefined, 'identify needs an email or a customerId');

export const CheckoutDataSchema = z.strictObject({});

export const OrderCompleteDataSchema = z.strictObject({ orderNumber: id });

const event = <T extends TrackerEventType, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ id: TrackerEventIdSchema, type: z.literal(type), at: isoTime, url: str, data });

/** One event; an unknown `type` is rejected. */
export const TrackerEventSchema = z.discriminatedUnion('type', [
  event('product_view', ProductViewDataSchema),
  event('collection_view', CollectionViewDataSchema),
  event('basket', BasketDataSchema),
  event('add_to_basket', BasketChangeDataSchema),
  event('remove_from_basket', BasketChangeDataSchema),
  event('identify', IdentifyDataSchema),
  event('checkout', CheckoutDataSchema),
  event('order_complete', OrderCompleteDataSchema),
]);

const envelope = {
  v: z.literal(1),
  store: id,
  visitorId: VisitorIdSchema,
  sentAt: isoTime,
};

/** The request with its events still unchecked: validate each with TrackerEventSchema (see parseTrackerBatch). */
export const TrackerBatchEnvelopeSchema = z.strictObject({
  ...envelope,
  events: z.array(z.unknown()).min(1).max(TRACKER_MAX_EVENTS),
});

/** The whole request, every event valid. */
export const TrackerBatchSchema = z.strictObject({
  ...envelope,
  events: z.array(TrackerEventSchema).min(1).max(TRACKER_MAX_EVENTS),
});

export type TrackerBatchEnvelope = Omit<TrackerBatch, 'events'>;

export interface RejectedTrackerEvent {
  index: number;
  /** The event's id when it had a readable one. */
  id?: string;
  issues: string[];
}

export type ParsedTrackerBatch =
  | {
      ok: true;
      batch: TrackerBatchEnvelope;
      events: TrackerEvent[];
      /** Index in the request of each of `events`, for the later checks' rejections. */
      positions: number[];
      rejected: RejectedTrackerEvent[];
    }
  | { ok: false; issues: string[] };

const describe = (error: z.ZodError): string[] => error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));

/**
 * Checks a parsed /collect body: a bad envelope fails the request (400); inside a valid envelope each event is
 * checked on its own, so one bad or unknown event is rejected while the others are accepted.
 */
export function parseTrackerBatch(input: unknown): ParsedTrackerBatch {
  const head = TrackerBatchEnvelopeSchema.safeParse(input);
  if (!head.success) return { ok: false, issues: describe(head.error) };
  const { events: raw, ...batch } = head.data;
  const events: TrackerEvent[] = [];
  const positions: number[] = [];
  const rejected: RejectedTrackerEvent[] = [];
  raw.forEach((candidate, index) => {
    const parsed = TrackerEventSchema.safeParse(candidate);
    if (parsed.success) {
      events.push(parsed.data);
      positions.push(index);
    } else {
      const maybeId = (candidate as { id?: unknown } | null)?.id;
      rejected.push({
        index,
        ...(typeof maybeId === 'string' ? { id: maybeId.slice(0, 64) } : {}),
        issues: describe(parsed.error),
      });
    }
  });
  return { ok: true, batch, events, positions, rejected };
}

// Compile-time check that the schema and the zod-free types describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.infer<typeof TrackerBatchSchema>['events'][number]['type'], TrackerEventType> = true;
const batchAssignable: z.infer<typeof TrackerBatchSchema> extends TrackerBatch ? true : false = true;
const typesAssignable: TrackerBatch extends z.infer<typeof TrackerBatchSchema> ? true : false = true;
void schemaMatchesTypes;
void batchAssignable;
void typesAssignable;
