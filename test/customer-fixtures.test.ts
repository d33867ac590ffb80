import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CentraOrderSchema } from '../server/centra/orders/centra-order.js';
import { CentraCustomerSchema } from '../server/centra/customers/centra-customer.js';
import { consentOf } from '../server/mapping/contact/consent.js';
import { DEFAULT_CONSENT_CONFIG } from '../server/config/consent-config.js';
import { contactConsentFields } from '../server/mapping/contact/consent-fields.js';
import { customerContactNotes } from '../server/mapping/contact/contact-notes.js';
import { CUSTOMER_CONFIG_DEFAULTS } from '../server/config/customer-config.js';
import { loadConfig } from '../server/config/load-config.js';

/** The customer settings as the one config schema parses them. */
const parseCustomerConfig = (env: Record<string, string>) => loadConfig(env).customers;
import { mapCustomerContact } from '../server/mapping/contact/map-customer-contact.js';
import { mergeConsent } from '../server/mapping/contact/merge-consent.js';
import { orderFacts } from '../server/mapping/contact/order-facts.js';
import { segmentationAttributes } from '../server/mapping/contact/segmentation.js';
import { DEFAULT_SEGMENTATION_CONFIG, SEGMENT_KEYS } from '../server/config/segmentation-config.js';
import { createOpenApiValidator } from '../server/ometria/openapi-validator.js';
import { checkOmetriaRecord, type OmetriaContact } from '../server/ometria/ometria-records.js';

/**
 * Customer, consent and segmentation rules by example (docs/customers.md): one JSON file per case under
 * test/fixtures/mapping/{consent,customer,attributes}/, `{description, input, expected}`. Inputs are parsed with
 * the real Centra schemas and must come through unchanged; every contact produced must pass our closed schema
 * and Ometria's OpenAPI schema; the result must not depend on the order Centra lists records in.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mapping');

const ConsentStateSchema = z.strictObject({
  state: z.enum(['in', 'out', 'unknown']),
  at: z.string().optional(),
  source: z.string(),
  customerId: z.number().int().optional(),
});
const ForceSchema = z.strictObject({ forceOptOut: z.boolean(), forceOptIn: z.boolean() });
const DEFAULT_FORCE = { forceOptOut: CUSTOMER_CONFIG_DEFAULTS.forceOptOut, forceOptIn: CUSTOMER_CONFIG_DEFAULTS.forceOptIn };

const ConsentInput = z.strictObject({
  customers: z.array(CentraCustomerSchema).min(1),
  lastSent: ConsentStateSchema.optional(),
  config: z
    .strictObject({
      consentKeys: z.array(z.string()).optional(),
      useNewsletterFlag: z.boolean().optional(),
      useNewsletterSubscriptions: z.boolean().optional(),
    })
    .optional(),
  force: ForceSchema.optional(),
});

const CustomerInput = z.strictObject({
  customers: z.array(CentraCustomerSchema).min(1),
  ctx: z.strictObject({
    contactKey: z.string(),
    collection: z.string(),
    storeIds: z.array(z.string()),
    consent: ConsentStateSchema.optional(),
    force: ForceSchema,
    lastSentConsent: ConsentStateSchema.optional(),
    attributeMap: z.record(z.string(), z.string()),
    dateOfBirthAttribute: z.string().optional(),
    segmentation: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  }),
});

const AttributesInput = z.strictObject({
  contactKey: z.string(),
  orders: z.array(
    z.strictObject({
      order: CentraOrderSchema,
      refunds: z.record(z.string(), z.strictObject({ quantity: z.number().int(), amount: z.number() })).optional(),
    }),
  ),
  config: z
    .strictObject({
      propertyNames: z.partialRecord(z.enum(SEGMENT_KEYS), z.string()).optional(),
      tierNames: z.strictObject({ new: z.string().optional(), returning: z.string().optional(), vip: z.string().optional() }).optional(),
      vipNetLtv: z.record(z.string(), z.number()).optional(),
      vipOrders: z.number().int().optional(),
      returningOrders: z.number().int().optional(),
    })
    .optional(),
});

/** A bare contact carrying `fields`, to check consent and attribute output against the record schemas. */
const contactWith = (key: string, fields: Partial<OmetriaContact>): OmetriaContact => ({
  '@type': 'contact',
  '@collection': 'centra',
  '@merge': true,
  id: key,
  customer_id: key,
  ...fields,
});

interface Folder<I> {
  input: z.ZodType<I>;
  run: (input: I) => unknown;
  /** The input with Centra's records in reverse order: the output must not change. */
  reversed: (input: I) => I;
  contacts: (output: never) => OmetriaContact[];
  minimumCases: number;
}
const folder = <I>(f: Folder<I>) => f;

const FOLDERS = {
  consent: folder({
    input: ConsentInput,
    run: (input: z.infer<typeof ConsentInput>) => {
      const config = { ...DEFAULT_CONSENT_CONFIG, ...input.config };
      const states = input.customers.map((c) => consentOf(c, config, input.lastSent));
      const merged = mergeConsent([...states, input.lastSent]);
      return { merged, fields: contactConsentFields(merged, input.force ?? DEFAULT_FORCE, input.lastSent) };
    },
    reversed: (input) => ({ ...input, customers: [...input.customers].reverse() }),
    contacts: (output: { fields: Partial<OmetriaContact> }) => [contactWith('c1', output.fields)],
    minimumCases: 12,
  }),
  customer: folder({
    input: CustomerInput,
    run: (input: z.infer<typeof CustomerInput>) => ({
      contact: mapCustomerContact(input.customers, input.ctx),
      notes: customerContactNotes(input.customers),
    }),
    reversed: (input) => ({ ...input, customers: [...input.customers].reverse() }),
    contacts: (output: { contact: OmetriaContact }) => [output.contact],
    minimumCases: 4,
  }),
  attributes: folder({
    input: AttributesInput,
    run: (input: z.infer<typeof AttributesInput>) => {
      const c = input.config ?? {};
      const d = DEFAULT_SEGMENTATION_CONFIG;
      const config = {
        ...d,
        ...c,
        propertyNames: { ...d.propertyNames, ...c.propertyNames },
        tierNames: { ...d.tierNames, ...c.tierNames },
      };
      const facts = input.orders.map((o) => orderFacts(o.order, input.contactKey, o.refunds)).sort((a, b) => a.orderNumber - b.orderNumber);
      return { facts, properties: segmentationAttributes(facts, config) };
    },
    reversed: (input) => ({ ...input, orders: [...input.orders].reverse() }),
    contacts: (output: { properties: Record<string, unknown> }) => [contactWith('c1', { properties: output.properties })],
    minimumCases: 6,
  }),
};

const FixtureSchema = z.strictObject({ description: z.string().min(20), input: z.unknown(), expected: z.record(z.string(), z.unknown()) });
const openApi = createOpenApiValidator();

it('has enough cases in every customer fixture folder', () => {
  for (const [name, f] of Object.entries(FOLDERS)) {
    expect(jsonFiles(name).length, `${name} fixtures`).toBeGreaterThanOrEqual(f.minimumCases);
  }
});

for (const [name, f] of Object.entries(FOLDERS) as Array<[string, Folder<unknown>]>) {
  describe(`mapping/${name}`, () => {
    for (const file of jsonFiles(name)) {
      const fixture = FixtureSchema.parse(JSON.parse(readFileSync(join(ROOT, name, file), 'utf8')));
      it(`${file}: ${fixture.description}`, () => {
        const input = f.input.parse(fixture.input);
        // Zod drops unknown keys: a fixture field the real input type does not know would be silently ignored.
        expect(input).toStrictEqual(fixture.input);
        const frozen = structuredClone(input);
        const output = f.run(input);
        expect(output).toEqual(fixture.expected);
        expect(JSON.parse(JSON.stringify(output)), 'no undefined fields').toStrictEqual(output);
        for (const contact of f.contacts(output as never)) {
          expect(checkOmetriaRecord(contact)).toEqual({ ok: true });
          expect(openApi.validate(contact)).toEqual([]);
        }
        expect(f.run(f.reversed(input)), 'independent of the order Centra lists records in').toEqual(output);
        expect(input, 'the rules must not change their input').toStrictEqual(frozen);
      });
    }
  });
}

function jsonFiles(folderName: string): string[] {
  return readdirSync(join(ROOT, folderName))
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/** The merge rules for any statements, not only the fixtures' (docs/customers.md, consent rules). */
describe('mergeConsent properties', () => {
  const state = fc.record(
    {
      state: fc.constantFrom('in' as const, 'out' as const, 'unknown' as const),
      // Few distinct instants, so ties are common.
      at: fc.integer({ min: 0, max: 3 }).map((day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString()),
      source: fc.constantFrom('customer:1:newsletter', 'customer:2:consent:marketing', 'customer:1:subscription'),
    },
    { requiredKeys: ['state', 'source'] },
  );
  const states = fc.array(state, { maxLength: 6 });
  const ms = (s: { at?: string }) => (s.at === undefined ? undefined : Date.parse(s.at));

  it('does not depend on the order of the statements', () => {
    fc.assert(
      fc.property(states, (list) => {
        expect(mergeConsent([...list].reverse())).toEqual(mergeConsent(list));
      }),
    );
  });

  it('never gives an opt-in that no statement gave', () => {
    fc.assert(
      fc.property(states, (list) => {
        fc.pre(!list.some((s) => s.state === 'in'));
        expect(mergeConsent(list).state).not.toBe('in');
      }),
    );
  });

  it('gives an opt-in only when it is dated strictly after every opt-out', () => {
    fc.assert(
      fc.property(states, (list) => {
        const merged = mergeConsent(list);
        fc.pre(merged.state === 'in');
        for (const out of list.filter((s) => s.state === 'out')) {
          const at = ms(out);
          expect(at).toBeDefined();
          expect(ms(merged)).toBeGreaterThan(at!);
        }
      }),
    );
  });
});

/** The settings these rules read (CONSENT_MAPPING, CUSTOMER_ATTRIBUTE_MAP, SEGMENTATION_RULES, OMETRIA_FORCE_*). */
describe('customer configuration from the environment', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(parseCustomerConfig({})).toEqual(CUSTOMER_CONFIG_DEFAULTS);
    expect(CUSTOMER_CONFIG_DEFAULTS).toMatchObject({ forceOptOut: true, forceOptIn: false, attributeMap: {} });
  });

  it('reads every variable, filling what a JSON value leaves out from the defaults', () => {
    const config = parseCustomerConfig({
      CONSENT_MAPPING: '{"consentKeys":["email_optin"],"useNewsletterFlag":false}',
      CUSTOMER_ATTRIBUTE_MAP: '{"loyalty.level":"loyalty_tier"}',
      CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE: '',
      SEGMENTATION_RULES: '{"vipNetLtv":1000,"vipOrders":4,"propertyNames":{"tier":"customer_tier"},"tierNames":{"vip":"VIP"}}',
      OMETRIA_FORCE_OPTOUT: 'false',
      OMETRIA_FORCE_OPTIN: '1',
    });
    expect(config).toEqual({
      consent: { consentKeys: ['email_optin'], useNewsletterFlag: false, useNewsletterSubscriptions: true },
      attributeMap: { 'loyalty.level': 'loyalty_tier' },
      dateOfBirthAttribute: undefined,
      segmentation: {
        ...DEFAULT_SEGMENTATION_CONFIG,
        propertyNames: { ...DEFAULT_SEGMENTATION_CONFIG.propertyNames, tier: 'customer_tier' },
        tierNames: { new: 'new', returning: 'returning', vip: 'VIP' },
        vipNetLtv: { '*': 1000 },
        vipOrders: 4,
      },
      forceOptOut: false,
      forceOptIn: true,
    });
  });

  it.each([
    ['CONSENT_MAPPING', '{"consentKey":["x"]}', /CONSENT_MAPPING/],
    ['CONSENT_MAPPING', 'not json', /must be JSON/],
    ['CUSTOMER_ATTRIBUTE_MAP', '{"loyalty":"loyalty_tier"}', /<attribute type name>\.<element key>/],
    ['CUSTOMER_ATTRIBUTE_MAP', '{"loyalty.level":"loyalty tier"}', /property names/],
    ['SEGMENTATION_RULES', '{"vipNetLtv":{"pounds":100}}', /SEGMENTATION_RULES/],
    ['SEGMENTATION_RULES', '{"returningOrders":0}', /SEGMENTATION_RULES/],
    ['OMETRIA_FORCE_OPTOUT', 'yes', /OMETRIA_FORCE_OPTOUT/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => parseCustomerConfig({ [name]: value })).toThrow(message);
  });

  it('refuses two settings writing one contact property', () => {
    expect(() => parseCustomerConfig({ CUSTOMER_ATTRIBUTE_MAP: '{"loyalty.level":"tier"}' })).toThrow(/"tier" is set twice/);
  });
});
