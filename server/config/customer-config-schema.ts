import { z } from 'zod';
import { REGISTERED_PROPERTY } from '../mapping/contact/map-customer-contact.js';
import { ConfigError } from './config-error.js';
import { CUSTOMER_CONFIG_DEFAULTS, type CustomerConfig } from './customer-config.js';
import { SEGMENT_KEYS } from './segmentation-config.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** [INF] Ometria does not document property-name rules; this keeps names usable in its segment builder. */
const propertyName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'property names are a letter then letters, digits or _ (≤ 64)');
const ATTRIBUTE_KEY = /^[^.]+\.[^.]+$/;
/** Checked key by key: zod reports a bad record key without the key's own message. */
const attributeMap = z.record(z.string(), propertyName).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    if (!ATTRIBUTE_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'attribute keys are `<attribute type name>.<element key>`' });
  }
});
const count = z.number().int().min(1);
const defaults = CUSTOMER_CONFIG_DEFAULTS;

const ConsentMapping = z.strictObject({
  consentKeys: z.array(z.string().trim().min(1)).default(defaults.consent.consentKeys),
  useNewsletterFlag: z.boolean().default(defaults.consent.useNewsletterFlag),
  useNewsletterSubscriptions: z.boolean().default(defaults.consent.useNewsletterSubscriptions),
});

const SegmentationRules = z.strictObject({
  propertyNames: z.strictObject(Object.fromEntries(SEGMENT_KEYS.map((k) => [k, propertyName.optional()]))).default({}),
  tierNames: z.strictObject({ new: z.string().min(1).optional(), returning: z.string().min(1).optional(), vip: z.string().min(1).optional() }).default({}),
  // A bare number is shorthand for {"*": n}: the same threshold in every currency.
  vipNetLtv: z
    .union([
      z
        .number()
        .nonnegative()
        .transform((n) => ({ '*': n })),
      z.record(z.union([z.literal('*'), z.string().regex(/^[A-Z]{3}$/)]), z.number().nonnegative()),
    ])
    .default(defaults.segmentation.vipNetLtv),
  vipOrders: count.default(defaults.segmentation.vipOrders),
  returningOrders: count.default(defaults.segmentation.returningOrders),
});

/** A JSON environment variable read with `schema`; unset or blank = the schema's defaults. */
const json = <T extends z.ZodType>(schema: T, example: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): z.output<T> => {
      let value: unknown = {};
      try {
        if (raw?.trim()) value = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. ${example}` });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'value'}: ${issue.message}` });
      return z.NEVER;
    });

/** The customer variables: part of the one config schema (config-schema.ts), which extends itself with them. */
export const CustomerEnvSchema = z.object({
  CONSENT_MAPPING: json(ConsentMapping, '{"consentKeys":["newsletter"],"useNewsletterFlag":true}'),
  CUSTOMER_ATTRIBUTE_MAP: json(attributeMap, '{"loyalty.level":"loyalty_level"}'),
  CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE: z
    .string()
    .trim()
    .refine((v) => v === '' || ATTRIBUTE_KEY.test(v), 'must be `<attribute type name>.<element key>`, or empty for none')
    .optional(),
  SEGMENTATION_RULES: json(SegmentationRules, '{"vipNetLtv":{"GBP":1000},"vipOrders":5}'),
  OMETRIA_FORCE_OPTOUT: bool.default(defaults.forceOptOut),
  OMETRIA_FORCE_OPTIN: bool.default(defaults.forceOptIn),
});

export type CustomerEnv = z.output<typeof CustomerEnvSchema>;

/**
 * CustomerConfig from the customer variables as the config schema parsed them (config-schema.ts). Throws a
 * ConfigError when two settings would write one contact property.
 */
export function customerConfig(e: CustomerEnv): CustomerConfig {
  const config: CustomerConfig = {
    consent: e.CONSENT_MAPPING,
    attributeMap: e.CUSTOMER_ATTRIBUTE_MAP,
    // An empty value switches the date of birth off.
    dateOfBirthAttribute: e.CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE === undefined ? defaults.dateOfBirthAttribute : e.CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE || undefined,
    segmentation: {
      propertyNames: { ...defaults.segmentation.propertyNames, ...definedEntries(e.SEGMENTATION_RULES.propertyNames) },
      tierNames: { ...defaults.segmentation.tierNames, ...definedEntries(e.SEGMENTATION_RULES.tierNames) },
      vipNetLtv: e.SEGMENTATION_RULES.vipNetLtv,
      vipOrders: e.SEGMENTATION_RULES.vipOrders,
      returningOrders: e.SEGMENTATION_RULES.returningOrders,
    },
    forceOptIn: e.OMETRIA_FORCE_OPTIN,
    forceOptOut: e.OMETRIA_FORCE_OPTOUT,
  };
  const clash = duplicatePropertyName(config);
  if (clash)
    throw new ConfigError(
      `Invalid configuration: contact property "${clash}" is set twice (CUSTOMER_ATTRIBUTE_MAP, SEGMENTATION_RULES.propertyNames or ${REGISTERED_PROPERTY})`,
    );
  return config;
}

/** A property name two settings would both write, which would make one silently overwrite the other. */
function duplicatePropertyName(config: CustomerConfig): string | undefined {
  const names = [...Object.values(config.attributeMap), ...Object.values(config.segmentation.propertyNames), REGISTERED_PROPERTY];
  return names.find((name, i) => names.indexOf(name) !== i);
}

function definedEntries<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, T>;
}
