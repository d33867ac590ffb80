import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { contractPath } from '../package-root.js';

/** One failed check: the path inside the record (empty = the record itself) and ajv's message. */
export interface OpenApiIssue {
  path: string[];
  message: string;
}

export interface OpenApiValidator {
  /** Messages such as `timestamp: must have required property 'timestamp'`; empty = valid. */
  validate(record: unknown): string[];
  issues(record: unknown): OpenApiIssue[];
}

const SCHEMA_BY_TYPE: Record<string, string> = {
  contact: 'Contact',
  order: 'Order',
  product: 'Product',
  custom_event: 'CustomEvent',
};

/** OpenAPI 3.0 numeric formats ajv does not know; they add nothing to `type`, so accept any value. */
const OPENAPI_FORMATS = ['float', 'double', 'int32', 'int64'];

/**
 * Loads only `components.schemas` from Ometria's (third-party) OpenAPI file: the whole document
 * trips ajv's strict mode (docs/design.md D8). ajv understands OpenAPI's `nullable: true` natively.
 */
export function createOpenApiValidator(path: string = contractPath('ometria-openapi.json')): OpenApiValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  formats.default(ajv);
  for (const name of OPENAPI_FORMATS) ajv.addFormat(name, true);
  ajv.addSchema({ $id: 'ometria', definitions: loadSchemas(path) });
  const compiled = new Map<string, ValidateFunction>();
  for (const [type, name] of Object.entries(SCHEMA_BY_TYPE)) {
    const fn = ajv.getSchema(`ometria#/definitions/${name}`);
    if (!fn) throw new Error(`${path} has no components.schemas.${name}`);
    compiled.set(type, fn);
  }
  const issues = (record: unknown): OpenApiIssue[] => {
    const type = isObject(record) ? record['@type'] : undefined;
    const fn = typeof type === 'string' ? compiled.get(type) : undefined;
    if (!fn) return [{ path: ['@type'], message: `must be one of ${Object.keys(SCHEMA_BY_TYPE).join(', ')}` }];
    return fn(record) ? [] : (fn.errors ?? []).map(toIssue);
  };
  return {
    issues,
    validate: (record) => issues(record).map((i) => `${i.path.join('.') || 'record'}: ${i.message}`),
  };
}

/** `$ref`s point at `#/components/schemas/X`; under our root they live at `#/definitions/X`. */
function loadSchemas(path: string): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { components?: { schemas?: unknown } };
  const text = JSON.stringify(doc.components?.schemas ?? {});
  return JSON.parse(text.replaceAll('"#/components/schemas/', '"#/definitions/')) as Record<string, unknown>;
}

/** ajv reports a missing property at its parent; point at the property itself, as Ometria does. */
function toIssue(error: ErrorObject): OpenApiIssue {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const allowed = error.keyword === 'enum' ? (error.params as { allowedValues?: unknown[] }).allowedValues : undefined;
  return {
    path: missing ? [...path, missing] : path,
    message: allowed ? `${error.message}: ${allowed.join(', ')}` : (error.message ?? 'invalid'),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
