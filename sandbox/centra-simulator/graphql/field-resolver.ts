import {
  defaultFieldResolver,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLTypeResolver,
} from 'graphql';
import { parseTz, toTzOutput } from '../sim-time.js';
import type { SimContext } from './context.js';
import { resolveRef } from './entity-lookup.js';
import { formatPhpDate, offsetOf } from './php-date-format.js';
import { TYPE_RESOLVERS } from './type-resolvers.js';

function formatDate(value: unknown, offset: number, format: unknown): unknown {
  if (typeof value !== 'string' && !(value instanceof Date)) return value;
  if (typeof format !== 'string') return toTzOutput(value, offset);
  const ms = parseTz(value, offset);
  const own = typeof value === 'string' ? offsetOf(value) : undefined;
  return Number.isNaN(ms) ? null : formatPhpDate(ms, own ?? offset, format);
}

/**
 * Shapes a stored value for its SDL type: refs become entities, dates get their offset, absent lists []. In lean
 * mode an enum value the schema lacks (e.g. entryType REFUND, which only the full contract names) reads as null
 * where the field is nullable: a real Centra would send some value, but not one the documented names can say.
 */
function adapt(value: unknown, type: GraphQLOutputType, ctx: SimContext, format: unknown): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return isNonNullType(type) && isListType(inner) ? [] : value;
  if (isListType(inner)) {
    return Array.isArray(value) ? value.map((v) => adapt(v, inner.ofType as GraphQLOutputType, ctx, format)) : value;
  }
  if (isEnumType(inner)) {
    const unknown = ctx.schemaMode === 'lean' && typeof value === 'string' && inner.getValue(value) === undefined;
    return unknown && !isNonNullType(type) ? null : value;
  }
  if (isScalarType(inner)) return inner.name === 'DateTimeTz' ? formatDate(value, ctx.data.utcOffsetMinutes, format) : value;
  return resolveRef(ctx.data, getNamedType(inner).name, value);
}

/** One resolver for every field: a per-type special case when there is one, else the stored property. */
export const simFieldResolver: GraphQLFieldResolver<unknown, SimContext> = (source, args, ctx, info) => {
  const special = TYPE_RESOLVERS[info.parentType.name]?.[info.fieldName];
  const value = special ? (special as (s: unknown, a: unknown, c: SimContext) => unknown)(source, args, ctx) : defaultFieldResolver(source, args, ctx, info);
  return adapt(value, info.returnType, ctx, (args as { format?: unknown }).format);
};

const FALLBACK_TYPES: Record<string, string> = {
  Order: 'DirectToConsumerOrder',
  Shipment: 'DirectToConsumerShipment',
  Return: 'DirectToConsumerReturn',
  OrderDiscount: 'AppliedDiscount',
};

/** Records carry `__typename`; a bare ref under an interface falls back to the DTC variant. */
export const simTypeResolver: GraphQLTypeResolver<unknown, SimContext> = (value, _ctx, _info, abstractType) =>
  (value as { __typename?: string } | null)?.__typename ?? FALLBACK_TYPES[abstractType.name];
