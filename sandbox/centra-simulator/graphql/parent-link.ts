const PARENT = Symbol('centra-simulator.parent');

/**
 * Nested records (order lines, shipment lines, display items) do not point at their owner, but
 * some of their fields resolve through it. The child is handed to graphql-js as a prototype-linked
 * view carrying its owner, so the stored record stays untouched and the view costs one object.
 */
export function linkParent<T extends object>(child: T, parent: object): T {
  const view = Object.create(child) as T & { [PARENT]: object };
  view[PARENT] = parent;
  return view;
}

export function parentOf<P>(child: unknown): P | undefined {
  return (child as { [PARENT]?: P } | null)?.[PARENT];
}
