import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CentraCustomerRefSchema, CentraOrderSchema } from '../server/centra/orders/centra-order.js';
import { contactKeyFor, normaliseEmail } from '../server/mapping/contact/contact-key.js';
import { mapOrderContact } from '../server/mapping/contact/map-contact.js';
import { mapOrder } from '../server/mapping/order/map-order.js';
import { MappingError } from '../server/mapping/common/mapping-error.js';
import { mapShipmentEvent } from '../server/mapping/order/map-shipment-event.js';
import { defaultTrackingUrl } from '../server/mapping/order/tracking-url.js';
import { createOpenApiValidator } from '../server/ometria/openapi-validator.js';
import { checkOmetriaRecord, type OmetriaRecord } from '../server/ometria/ometria-records.js';

/**
 * Mapping specification by example: one JSON file per case under test/fixtures/mapping/<mapper>/,
 * `{description, input, expected}` or `{description, input, expectedError}`. Inputs are parsed with the
 * real Centra schemas (and must come through unchanged), outputs must pass our closed schemas and
 * Ometria's OpenAPI schemas. docs/mapping.md names the file that proves each rule.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mapping');

/** Each mapper: the input it reads (checked against the real input type) and how to run it. */
const MAPPERS = {
  order: {
    input: z.strictObject({
      order: CentraOrderSchema,
      ctx: z.strictObject({ contactKey: z.string(), ometriaStore: z.string().optional() }),
    }),
    run: (input: { order: z.infer<typeof CentraOrderSchema>; ctx: { contactKey: string; ometriaStore?: string } }) => mapOrder(input.order, input.ctx),
    minimumCases: 10,
  },
  'shipment-event': {
    input: z.strictObject({
      order: CentraOrderSchema,
      shipmentId: z.number().int(),
      ctx: z.strictObject({ contactKey: z.string() }),
    }),
    run: (input: { order: z.infer<typeof CentraOrderSchema>; shipmentId: number; ctx: { contactKey: string } }) =>
      mapShipmentEvent(
        input.order,
        input.order.shipments!.find((s) => s.id === input.shipmentId)!,
        { ...input.ctx, trackingUrl: defaultTrackingUrl },
      ),
    minimumCases: 2,
  },
  contact: {
    input: z.strictObject({
      customer: CentraCustomerRefSchema,
      ctx: z.strictObject({ contactKey: z.string(), collection: z.string(), ometriaStore: z.string().optional() }),
    }),
    run: (input: { customer: z.infer<typeof CentraCustomerRefSchema>; ctx: { contactKey: string; collection: string; ometriaStore?: string } }) =>
      mapOrderContact(input.customer, input.ctx),
    minimumCases: 3,
  },
} as const;

const FixtureSchema = z.union([
  z.strictObject({ description: z.string().min(20), input: z.unknown(), expected: z.record(z.string(), z.unknown()) }),
  z.strictObject({ description: z.string().min(20), input: z.unknown(), expectedError: z.string().min(1) }),
]);

const openApi = createOpenApiValidator();
/** Folders whose mappers return more than one record run in their own runners (same checks). */
const OWN_RUNNERS = new Set(['product', 'consent', 'customer', 'attributes']);
const folders = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !OWN_RUNNERS.has(e.name))
  .map((e) => e.name)
  .sort();

it('has a mapper for every fixture folder and enough cases per mapper', () => {
  expect(folders).toEqual(Object.keys(MAPPERS).sort());
  for (const [name, mapper] of Object.entries(MAPPERS)) {
    expect(jsonFiles(name).length, `${name} fixtures`).toBeGreaterThanOrEqual(mapper.minimumCases);
  }
});

for (const folder of folders) {
  describe(`mapping/${folder}`, () => {
    for (const file of jsonFiles(folder)) {
      const fixture = FixtureSchema.parse(JSON.parse(readFileSync(join(ROOT, folder, file), 'utf8')));
      it(`${file}: ${fixture.description}`, () => {
        const mapper = MAPPERS[folder as keyof typeof MAPPERS];
        expect(mapper, `no mapper for folder ${folder}`).toBeDefined();
        const input = mapper.input.parse(fixture.input);
        // Zod drops unknown keys: a fixture field the real input type does not know would be silently ignored.
        expect(input).toStrictEqual(fixture.input);
        const frozen = structuredClone(input);
        const run = () => (mapper.run as (i: unknown) => OmetriaRecord)(input);

        if ('expectedError' in fixture) {
          expect(errorMessage(run)).toBe(fixture.expectedError);
        } else {
          const record = run();
          expect(record).toEqual(fixture.expected);
          expect(JSON.parse(JSON.stringify(record)), 'no undefined fields').toStrictEqual(record);
          expect(checkOmetriaRecord(record)).toEqual({ ok: true });
          expect(openApi.validate(record)).toEqual([]);
          expect(run(), 'same input, same record').toEqual(record);
        }
        expect(input, 'the mapper must not change its input').toStrictEqual(frozen);
      });
    }
  });
}

function jsonFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** The MappingError's message; anything else (no error, another error type) comes back as a failing text. */
function errorMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof MappingError ? error.message : `not a MappingError: ${String(error)}`;
  }
  return 'no error thrown';
}

/** The pure half of the contact-key rule (docs/design.md D1); the allocation table is tested with the store. */
describe('contact key rule', () => {
  it('keys a Centra customer as c<id> and matches emails trimmed and lower-cased', () => {
    expect(contactKeyFor(501)).toBe('c501');
    expect(() => contactKeyFor(-1)).toThrow(RangeError);
    expect(() => contactKeyFor(1.5)).toThrow(RangeError);
    expect(normaliseEmail('  Anna.Berg@Example.COM ')).toBe('anna.berg@example.com');
  });
});
