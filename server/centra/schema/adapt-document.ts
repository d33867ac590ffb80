import {
  getNamedType,
  Kind,
  parse,
  parseType,
  print,
  TypeInfo,
  typeFromAST,
  validate,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A part of a document the live schema lacks, by its schema coordinate (`Order.updatedAt`, `OrderSort.number_DESC`). */
export interface DroppedItem {
  coordinate: string;
  /** Inside a `where` argument: dropping it would widen the query, so the document cannot be sent. */
  inFilter: boolean;
}

export interface AdaptedDocument {
  text: string;
  dropped: DroppedItem[];
  /** Validation errors left after adapting: the document cannot be sent at all. */
  errors: string[];
}

const WHERE = 'where';

/**
 * The document rewritten to what `schema` has: fields, arguments, input fields, enum values and fragments on
 * types it lacks are dropped (and reported), selections left empty go with them, and variables whose declared
 * type is unknown take the type the schema expects where they are used. Centra validates a whole document, so
 * one absent field would otherwise fail every alias of a batch (docs/centra-setup.md).
 */
export function adaptDocument(source: string, schema: GraphQLSchema): AdaptedDocument {
  const dropped = new Map<string, DroppedItem>();
  const drop = (coordinate: string, inFilter: boolean) => {
    const seen = dropped.get(coordinate);
    dropped.set(coordinate, { coordinate, inFilter: inFilter || (seen?.inFilter ?? false) });
    return null;
  };
  let document = dropMissing(parse(source), schema, drop);
  document = retypeVariables(document, schema);
  document = pruneEmpty(document);
  const hasOperation = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
  const errors = hasOperation ? validate(schema, document).map((e) => e.message) : ['the schema has none of the fields this document asks for'];
  return { text: print(document), dropped: [...dropped.values()], errors };
}

function dropMissing(document: DocumentNode, schema: GraphQLSchema, drop: (c: string, f: boolean) => null): DocumentNode {
  const info = new TypeInfo(schema);
  let whereDepth = 0;
  return visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (!parent || node.name.value.startsWith('__')) return undefined;
        if (!('getFields' in parent) || !(node.name.value in parent.getFields())) return drop(`${parent.name}.${node.name.value}`, false);
        return undefined;
      },
      Argument: {
        enter(node) {
          const field = info.getFieldDef();
          const parent = info.getParentType();
          if (field && !field.args.some((a) => a.name === node.name.value)) {
            return drop(`${parent?.name ?? '?'}.${field.name}(${node.name.value}:)`, node.name.value === WHERE);
          }
          if (node.name.value === WHERE) whereDepth++;
          return undefined;
        },
        leave(node) {
          if (node.name.value === WHERE) whereDepth--;
        },
      },
      ObjectField(node) {
        const parent = info.getParentInputType();
        const named = parent && getNamedType(parent);
        if (named && 'getFields' in named && !(node.name.value in named.getFields())) {
          return drop(`${named.name}.${node.name.value}`, whereDepth > 0);
        }
        return undefined;
      },
      EnumValue(node) {
        const named = getNamedType(info.getInputType() ?? undefined);
        if (named && 'getValue' in named && !named.getValue(node.value)) return drop(`${named.name}.${node.value}`, whereDepth > 0);
        return undefined;
      },
      InlineFragment(node) {
        const type = node.typeCondition?.name.value;
        if (type && !schema.getType(type)) return drop(type, false);
        return undefined;
      },
      FragmentDefinition(node) {
        if (!schema.getType(node.typeCondition.name.value)) return drop(node.typeCondition.name.value, false);
        return undefined;
      },
    }),
  );
}

/** A variable declared with a type name the schema lacks (a guessed `ProductFilter`) takes the argument's real type. */
function retypeVariables(document: DocumentNode, schema: GraphQLSchema): DocumentNode {
  const expected = new Map<string, GraphQLInputType>();
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Variable(node) {
        const type = info.getInputType();
        if (type && !expected.has(node.name.value)) expected.set(node.name.value, type);
      },
    }),
  );
  return visit(document, {
    VariableDefinition(node) {
      if (typeFromAST(schema, node.type as never)) return undefined;
      const type = expected.get(node.variable.name.value);
      return type ? { ...node, type: parseType(type.toString()) } : undefined;
    },
  });
}

/**
 * Removes what the drops left dangling, until nothing changes: selections with no fields, spreads of dropped
 * fragments, unused fragments and variables, arguments whose list or object value is now empty.
 */
function pruneEmpty(document: DocumentNode): DocumentNode {
  for (let round = 0; round < 10; round++) {
    const fragments = new Set(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    const spread = new Set<string>();
    const used = new Set<string>();
    visit(document, {
      FragmentSpread(node) {
        spread.add(node.name.value);
      },
      Variable(node, _key, parent) {
        if (!isVariableDefinition(parent)) used.add(node.name.value);
      },
    });
    let changed = false;
    const mark = <T>(value: T): T => {
      changed = true;
      return value;
    };
    document = visit(document, {
      FragmentSpread: (node) => (fragments.has(node.name.value) ? undefined : mark(null)),
      FragmentDefinition: (node) => (spread.has(node.name.value) ? undefined : mark(null)),
      VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : mark(null)),
      SelectionSet: { leave: (node) => (node.selections.length === 0 ? mark(null) : undefined) },
      Field: { leave: (node) => (node.selectionSet === null ? mark(null) : undefined) },
      InlineFragment: { leave: (node) => (node.selectionSet === null ? mark(null) : undefined) },
      ListValue: { leave: (node) => (node.values.length === 0 ? mark(null) : undefined) },
      ObjectValue: { leave: (node) => (node.fields.length === 0 ? mark(null) : undefined) },
      ObjectField: { leave: (node) => (node.value === null ? mark(null) : undefined) },
      Argument: { leave: (node) => (node.value === null ? mark(null) : undefined) },
      OperationDefinition: { leave: (node) => (node.selectionSet === null ? mark(null) : undefined) },
    });
    if (!changed) return document;
  }
  return document;
}

const isVariableDefinition = (node: ASTNode | readonly ASTNode[] | undefined): boolean =>
  !!node && !Array.isArray(node) && (node as ASTNode).kind === Kind.VARIABLE_DEFINITION;
