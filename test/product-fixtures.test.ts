import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CentraProductSchema } from '../server/centra/products/centra-product.js';
import { mapProduct } from '../server/mapping/product/map-product.js';
import { createOpenApiValidator } from '../server/ometria/openapi-validator.js';
import { checkOmetriaRecord } from '../server/ometria/ometria-records.js';

/**
 * Product mapping by example: test/fixtures/mapping/product/*.json, `{description, input: {product, ctx}, expected}`
 * where expected is mapProduct's whole answer (records, owners, collisions, skipped). docs/catalogue.md names
 * the file that proves each rule.
 */
const FOLDER = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mapping', 'product');

const InputSchema = z.strictObject({
  product: CentraProductSchema,
  ctx: z.strictObject({
    stores: z
      .array(
        z.strictObject({
          store: z.string(),
          marketId: z.number().int(),
          pricelistId: z.number().int(),
          currency: z.string(),
          baseUrl: z.string(),
        }),
      )
      .min(1),
    customAttributes: z.array(z.strictObject({ centraType: z.string(), elementKey: z.string().optional(), ometriaType: z.string() })),
  }),
});

const FixtureSchema = z.strictObject({
  description: z.string().min(20),
  input: z.unknown(),
  expected: z.strictObject({
    records: z.array(z.unknown()),
    owners: z.record(z.string(), z.string()),
    collisions: z.array(z.unknown()),
    skipped: z.array(z.unknown()),
  }),
});

const openApi = createOpenApiValidator();
const files = readdirSync(FOLDER)
  .filter((f) => f.endsWith('.json'))
  .sort();

it('has the product cases the catalogue issue asks for', () => {
  expect(files.length).toBeGreaterThanOrEqual(6);
});

describe('mapping/product', () => {
  for (const file of files) {
    const fixture = FixtureSchema.parse(JSON.parse(readFileSync(join(FOLDER, file), 'utf8')));
    it(`${file}: ${fixture.description}`, () => {
      const input = InputSchema.parse(fixture.input);
      // Zod drops unknown keys and fills defaults: a fixture field the real input type does not know would hide.
      expect(input).toStrictEqual(fixture.input);
      const frozen = structuredClone(input);
      const result = mapProduct(input.product, input.ctx);
      expect(result).toEqual(fixture.expected);
      expect(JSON.parse(JSON.stringify(result)), 'no undefined fields').toStrictEqual(result);
      for (const record of result.records) {
        expect(checkOmetriaRecord(record), record.id).toEqual({ ok: true });
        expect(openApi.validate(record), record.id).toEqual([]);
      }
      expect(mapProduct(input.product, input.ctx), 'same input, same records').toEqual(result);
      expect(input, 'the mapper must not change its input').toStrictEqual(frozen);
    });
  }
});
