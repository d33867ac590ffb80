import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Response keys (alias, else field name) at the top of the executed operation, fragments
 * expanded: `o14: orders(...) o15: orders(...)` gives ['o14', 'o15']. Benchmarks divide orders
 * fetched by requests made; `__typename` is not a fetch and is left out.
 */
export function rootFieldKeys(doc: DocumentNode, operationName?: string | null): string[] {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return [];
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const keys: string[] = [];
  const walk = (set: SelectionSetNode, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== '__typename') keys.push(sel.alias?.value ?? sel.name.value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        const frag = fragments.get(sel.name.value);
        if (frag) walk(frag, new Set([...seen, sel.name.value]));
      }
    }
  };
  walk(op.selectionSet, new Set());
  return keys;
}
