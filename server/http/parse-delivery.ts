import { IdListSchema, IntegrationEventSchema, WebhookPayloadSchema } from '../centra/webhook-body.js';
import type { DeliveryShape, ParsedDelivery } from '../intake/accept-delivery.js';
import { safeIdText } from '../intake/usable-entity-id.js';
import { InvalidPayloadError } from './http-errors.js';

/** Form body → the events it carries. Throws InvalidPayloadError only when it is not a form with a JSON-object payload. */
export function parseDelivery(rawBody: Buffer): ParsedDelivery {
  const payloadText = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (payloadText === null) throw new InvalidPayloadError('form field "payload" is missing');
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    throw new InvalidPayloadError('form field "payload" is not valid JSON');
  }
  const payload = WebhookPayloadSchema.safeParse(json);
  if (!payload.success) throw new InvalidPayloadError('form field "payload" must hold a JSON object');
  if ('events' in payload.data) return { shape: 'integration', events: integrationEvents(payload.data.events) };
  const keys = Object.keys(payload.data);
  // Storefront API deliveries use PascalCase keys (DisplayItems, Collections); Checkout API ones camelCase.
  const shape: DeliveryShape = keys.some((k) => /^[A-Z]/.test(k)) ? 'storefront' : 'checkout';
  return { shape, events: keys.flatMap((key) => idListEvents(`${shape}.${key}`, payload.data[key])) };
}

function integrationEvents(value: unknown): ParsedDelivery['events'] {
  if (!Array.isArray(value)) return [{ type: 'integration.events', action: null, entityId: null, invalid: '"events" is not a list' }];
  return value.map((raw, index) => {
    const event = IntegrationEventSchema.safeParse(raw);
    if (event.success) return { type: event.data.type, action: event.data.action ?? null, entityId: String(event.data.id) };
    const issue = event.error.issues[0];
    const type = typeof (raw as { type?: unknown })?.type === 'string' ? String((raw as { type: string }).type).slice(0, 64) : 'unknown';
    // The id is kept only when it is plain digits (safeIdText): it names the entity for the dead letter and
    // /status, and a hostile delivery cannot plant an email or a secret there.
    const entityId = safeIdText((raw as { id?: unknown })?.id) ?? null;
    return { type, action: null, entityId, invalid: `events[${index}].${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  });
}

function idListEvents(type: string, value: unknown): ParsedDelivery['events'] {
  const ids = IdListSchema.safeParse(value);
  if (!ids.success) return [{ type, action: null, entityId: null, invalid: `"${type}" must be a list of ids` }];
  return ids.data.map((id) => ({ type, action: null, entityId: String(id) }));
}
