import { EVENT_ROUTES, type JobKind } from '../jobs/job-kinds.js';

/** Every event type some handler syncs, handled in this build or not. */
export const ROUTED_EVENT_TYPES: readonly string[] = [...EVENT_ROUTES.keys()];

export type Route = { state: 'queued'; kind: JobKind; entityKey: string } | { state: 'pending' } | { state: 'ignored' };

/**
 * Known types whose handler is not running in this build stay pending and are queued once it is
 * (docs/design.md D16); anything else is stored but ignored.
 */
export function routeEvent(type: string, entityId: string, handled: ReadonlySet<JobKind>): Route {
  const job = jobFor(type, entityId);
  if (!job) return { state: 'ignored' };
  if (!handled.has(job.kind)) return { state: 'pending' };
  return { state: 'queued', ...job };
}

/** The job an event of `type` about `entityId` would run, handled in this build or not; undefined for unrouted types. */
export function jobFor(type: string, entityId: string): { kind: JobKind; entityKey: string } | undefined {
  const route = EVENT_ROUTES.get(type);
  return route ? { kind: route.kind, entityKey: route.entityKey(entityId) } : undefined;
}
