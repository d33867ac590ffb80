import {
  Kind,
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * A query's complexity points, by our own rule [INF: Centra documents a QUERY_COMPLEXITY limit and reports a
 * per-request cost, but not how it is computed]:
 *   - every selected field costs 1 point (`__typename` costs nothing);
 *   - a field under a list costs once per item that list may return: the `limit` argument of a list field, or
 *     `first`/`last` of a connection (whose items are under `edges`), multiplies the cost of everything selected
 *     beneath it; a list without such an argument counts as 1. The factors multiply down the path.
 * So `orders(limit: 50) { number lines { id } }` costs 1 + 50 × (number 1 + lines 1 + id 1) = 151, fifty aliased
 * `orders(limit: 1) { …20 fields… }` cost 50 × 21, and `orderConnection(first: 5) { edges { node { id } } }` 16. The document must have passed validation.
 */
export function queryComplexity(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown> | null, operationName: string | null): number {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  const root =
    op?.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : op?.operation === OperationTypeNode.QUERY ? schema.getQueryType() : undefined;
  if (!op || !root) return 0;
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const defaults = new Map((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue] as const));

  const intArg = (value: ValueNode | undefined): number | undefined => {
    if (value?.kind === Kind.INT) return Number(value.value);
    if (value?.kind !== Kind.VARIABLE) return undefined;
    const given = variables?.[value.name.value];
    return typeof given === 'number' ? given : intArg(defaults.get(value.name.value));
  };

  const cost = (set: SelectionSetNode, parent: GraphQLCompositeType, factor: number, seen: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename') continue;
        total += factor;
        const type = fieldType(schema, parent, name);
        if (!sel.selectionSet || !type) continue;
        const named = getNamedType(type);
        if (!isCompositeType(named)) continue;
        const args = new Map((sel.arguments ?? []).map((a) => [a.name.value, a.value] as const));
        const items = intArg(args.get('limit')) ?? intArg(args.get('first')) ?? intArg(args.get('last')) ?? 1;
        total += cost(sel.selectionSet, named, factor * Math.max(0, items), seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += cost(sel.selectionSet, asComposite(on) ?? parent, factor, seen);
      } else if (!seen.has(sel.name.value)) {
        const frag: FragmentDefinitionNode | undefined = fragments.get(sel.name.value);
        if (frag) {
          const on = asComposite(schema.getType(frag.typeCondition.name.value)) ?? parent;
          total += cost(frag.selectionSet, on, factor, new Set([...seen, sel.name.value]));
        }
      }
    }
    return total;
  };
  return cost(op.selectionSet, root, 1, new Set());
}

const asComposite = (type: GraphQLNamedType | null | undefined): GraphQLCompositeType | undefined => (type && isCompositeType(type) ? type : undefined);

/** The field's type, introspection meta fields included; undefined on a union (only __typename is selectable). */
function fieldType(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLOutputType | undefined {
  if (name === '__schema') return schema.getType('__Schema') as GraphQLOutputType;
  if (name === '__type') return schema.getType('__Type') as GraphQLOutputType;
  return 'getFields' in parent ? parent.getFields()[name]?.type : undefined;
}
