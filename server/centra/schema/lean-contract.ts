import { readFileSync } from 'node:fs';
import {
  Kind,
  TokenKind,
  buildSchema,
  parse,
  print,
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import { contractPath } from '../../package-root.js';

/**
 * The contract marks every name that is not in Centra's docs with a trailing `# guessed` comment on the line of
 * the field, argument, input field, enum value or union member. A comment on a type's opening line
 * (`type X { # guessed: type name`) is about the type's NAME: Centra has some type there, so the type stays.
 * Only a comment that starts with `guessed` counts; `# documented: … list-ness guessed` is documented.
 */
const GUESSED = /^\s*guessed\b/;

const BUILT_IN_SCALARS = new Set(['Int', 'Float', 'String', 'Boolean', 'ID']);

/** The comment that follows `node` on its last line, from graphql-js's token list (comments are linked in). */
function trailingComment(node: ASTNode): string | undefined {
  const end = node.loc?.endToken;
  const next = end?.next;
  return end && next?.kind === TokenKind.COMMENT && next.line === end.line ? next.value : undefined;
}

const isGuessed = (node: ASTNode): boolean => GUESSED.test(trailingComment(node) ?? '');

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** A required argument or input field: non-null and without a default, so a caller cannot leave it out. */
const isRequired = (value: InputValueDefinitionNode): boolean => value.type.kind === Kind.NON_NULL_TYPE && value.defaultValue === undefined;

const parseContract = (sdl: string): DocumentNode => parse(sdl); // locations (and so comments) are kept by default

/**
 * Schema coordinates of every `# guessed` item: `Type.field`, `Enum.VALUE`, `Input.field`, `Union.Member`, and
 * `Type.field(arg:)` for an argument on its own line.
 */
export function guessedCoordinates(sdl: string): Set<string> {
  const found = new Set<string>();
  for (const def of parseContract(sdl).definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const field of def.fields ?? []) {
          if (isGuessed(field)) found.add(`${def.name.value}.${field.name.value}`);
          for (const arg of field.arguments ?? []) {
            if (isGuessed(arg)) found.add(`${def.name.value}.${field.name.value}(${arg.name.value}:)`);
          }
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        for (const field of def.fields ?? []) if (isGuessed(field)) found.add(`${def.name.value}.${field.name.value}`);
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        for (const value of def.values ?? []) if (isGuessed(value)) found.add(`${def.name.value}.${value.name.value}`);
        break;
      case Kind.UNION_TYPE_DEFINITION:
        for (const member of def.types ?? []) if (isGuessed(member)) found.add(`${def.name.value}.${member.name.value}`);
        break;
      default:
        break;
    }
  }
  return found;
}

/** Drops the guessed members of each definition; no cross-type reasoning yet. */
function withoutGuessed(def: DefinitionNode): DefinitionNode {
  switch (def.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
      return {
        ...def,
        fields: (def.fields ?? []).filter((f) => !isGuessed(f)).map((f) => ({ ...f, arguments: (f.arguments ?? []).filter((a) => !isGuessed(a)) })),
      };
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return { ...def, fields: (def.fields ?? []).filter((f) => !isGuessed(f)) };
    case Kind.ENUM_TYPE_DEFINITION:
      return { ...def, values: (def.values ?? []).filter((v) => !isGuessed(v)) };
    case Kind.UNION_TYPE_DEFINITION:
      return { ...def, types: (def.types ?? []).filter((t) => !isGuessed(t)) };
    default:
      return def;
  }
}

type Pruned = { defs: DefinitionNode[]; changed: boolean };

/** One pass of the transitive pruning; repeated until nothing changes. */
function prunePass(defs: DefinitionNode[]): Pruned {
  let changed = false;
  const names = new Set(defs.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
  const exists = (type: TypeNode | NamedTypeNode) => {
    const name = namedType(type);
    return BUILT_IN_SCALARS.has(name) || names.has(name);
  };
  const keep = <T>(list: readonly T[] | undefined, test: (t: T) => boolean): T[] => {
    const kept = (list ?? []).filter(test);
    if (kept.length !== (list ?? []).length) changed = true;
    return kept;
  };
  const pruneField = (f: FieldDefinitionNode): FieldDefinitionNode | undefined => {
    if (!exists(f.type)) return undefined;
    if ((f.arguments ?? []).some((a) => isRequired(a) && !exists(a.type))) return undefined;
    return { ...f, arguments: keep(f.arguments, (a) => exists(a.type)) };
  };

  const next: DefinitionNode[] = [];
  for (const def of defs) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION: {
        const fields = (def.fields ?? []).map(pruneField);
        if (fields.some((f) => f === undefined)) changed = true;
        const kept = fields.filter((f): f is FieldDefinitionNode => f !== undefined);
        const interfaces = keep(def.interfaces, (i) => exists(i));
        if (kept.length === 0) changed = true;
        else next.push({ ...def, fields: kept, interfaces });
        break;
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION: {
        if ((def.fields ?? []).some((f) => isRequired(f) && !exists(f.type))) {
          changed = true;
          break;
        }
        const fields = keep(def.fields, (f) => exists(f.type));
        if (fields.length === 0) changed = true;
        else next.push({ ...def, fields });
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION:
        if ((def.values ?? []).length === 0) changed = true;
        else next.push(def);
        break;
      case Kind.UNION_TYPE_DEFINITION: {
        const types = keep(def.types, (t) => exists(t));
        if (types.length === 0) changed = true;
        else next.push({ ...def, types });
        break;
      }
      case Kind.SCHEMA_DEFINITION:
        next.push({ ...def, operationTypes: keep(def.operationTypes, (o) => exists(o.type)) });
        break;
      default:
        next.push(def);
    }
  }
  const consistent = consistentInterfaces(next);
  return { defs: consistent.defs, changed: changed || consistent.changed };
}

/**
 * An interface may only promise what each implementation still has: a field (or an argument of it) guessed on
 * one implementation is dropped from the interface as well, since a real Centra cannot promise it either.
 */
function consistentInterfaces(defs: DefinitionNode[]): Pruned {
  let changed = false;
  const byName = new Map(
    defs.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const out = defs.map((def) => {
    if (def.kind !== Kind.INTERFACE_TYPE_DEFINITION) return def;
    const implementations = [...byName.values()].filter((t) => (t.interfaces ?? []).some((i) => i.name.value === def.name.value));
    const fields = (def.fields ?? []).flatMap((field) => {
      const counterparts = implementations.map((t) => (t.fields ?? []).find((f) => f.name.value === field.name.value));
      if (counterparts.some((f) => f === undefined)) return [];
      const args = (field.arguments ?? []).filter((a) => counterparts.every((f) => (f!.arguments ?? []).some((b) => b.name.value === a.name.value)));
      return [{ ...field, arguments: args }];
    });
    const argCount = (fs: readonly FieldDefinitionNode[]) => fs.reduce((n, f) => n + (f.arguments?.length ?? 0), 0);
    if (fields.length === (def.fields ?? []).length && argCount(fields) === argCount(def.fields ?? [])) return def;
    changed = true;
    return { ...def, fields };
  });
  return { defs: out, changed };
}

/**
 * The contract without every `# guessed` item, pruned until it builds: members whose type is gone go too (a
 * field with a required argument of a removed type, an input with a required field of one), and types, inputs,
 * enums, unions and interfaces left empty are removed in turn. Comments do not survive printing.
 */
export function leanContractSdl(sdl: string): string {
  let defs = parseContract(sdl).definitions.map(withoutGuessed);
  for (let pass = 0; pass < 100; pass++) {
    const pruned = prunePass(defs);
    defs = pruned.defs;
    if (!pruned.changed) break;
  }
  return print({ kind: Kind.DOCUMENT, definitions: defs });
}

let documented: GraphQLSchema | undefined;

/** The lean contract as a schema, built once: what the service may rely on when introspection is refused. */
export function documentedContractSchema(): GraphQLSchema {
  documented ??= buildSchema(leanContractSdl(readFileSync(contractPath('centra-integration.graphql'), 'utf8')));
  return documented;
}
