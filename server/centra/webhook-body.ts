import { z } from 'zod';

/** The JSON inside the form field `payload` must be an object (docs/design.md D16); anything else is a 400. */
export const WebhookPayloadSchema = z.record(z.string(), z.unknown());

/** One Integration API event (docs/design.md C3). `id` is the order number for orders. */
export const IntegrationEventSchema = z.object({
  type: z.string().min(1).max(64),
  action: z.string().max(64).optional(),
  date: z.string().max(64).optional(),
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]),
  data: z.unknown().optional(),
});

/** Checkout and Storefront API versions: each key holds a list of id strings (docs/design.md C3). */
export const IdListSchema = z.array(z.union([z.string().min(1).max(64), z.number().int()])).max(10_000);

export type IntegrationEvent = z.infer<typeof IntegrationEventSchema>;
