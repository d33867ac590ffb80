import type { JobKind } from '../store/job-store.js';

/** Event types → the job that syncs them. Shapes from docs/design.md C3; product-side keys are both API versions'. */
const ROUTES: Record<string, { kind: JobKind; entity: (id: string) => string }> = {
  order: { kind: 'order', entity: (id) => id },
  shipment: { kind: 'shipment', entity: (id) => id },
  return: { kind: 'return', entity: (id) => id },
  customer: { kind: 'customer', entity: (id) => id },
  'checkout.products': { kind: 'product', entity: (id) => `display-item:${id}` },
  'storefront.DisplayItems': { kind: 'product', entity: (id) => `display-item:${id}` },
  'storefront.Collections': { kind: 'product', entity: (id) => `collection:${id}` },
};

/** Every event type some handler syncs, handled in this build or not. */
export const ROUTED_EVENT_TYPES: readonly string[] = Object.keys(ROUTES);

export type Route = { state: 'queued'; kind: JobKind; entityKey: string } | { state: 'pending' } | { state: 'ignored' };

/**
 * Known types whose handler is not running in this build stay pending and are queued once it is
 * (docs/design.md D16); anything else is stored but ignored.
 */
export function routeEvent(type: string, entityId: string, handled: ReadonlySet<JobKind>): Route {
  const route = ROUTES[type];
  if (!route) return { state: 'ignored' };
  if (!handled.has(route.kind)) return { state: 'pending' };
  return { state: 'queued', kind: route.kind, entityKey: route.entity(entityId) };
}

/** The job an event of `type` about `entityId` would run, handled in this build or not; undefined for unrouted types. */
export function jobFor(type: string, entityId: string): { kind: JobKind; entityKey: string } | undefined {
  const route = ROUTES[type];
  return route ? { kind: route.kind, entityKey: route.entity(entityId) } : undefined;
}
