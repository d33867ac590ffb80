/**
 * Every job kind, each with the Centra webhook event types queued as it and the job's entity key for the event's
 * entity id. Pure data with no imports: intake routes webhooks by it without loading a handler, and
 * job-registry.ts gives each kind its batch size and handler. Product-side event types are both API versions'.
 */
export const JOB_KINDS = {
  order: { events: { order: (id) => id } },
  shipment: { events: { shipment: (id) => id } },
  return: { events: { return: (id) => id } },
  customer: { events: { customer: (id) => id } },
  product: {
    events: {
      'checkout.products': (id) => `display-item:${id}`,
      'storefront.DisplayItems': (id) => `display-item:${id}`,
      'storefront.Collections': (id) => `collection:${id}`,
    },
  },
  /** One visitor's storefront events (entity key = visitor id), queued by the collect endpoint, not a webhook. */
  collect: { events: {} },
  /** A replayed newsletter dead letter (entity key = subscription id), queued by replay, not a webhook. */
  newsletter: { events: {} },
} as const satisfies Record<string, { events: Readonly<Record<string, (entityId: string) => string>> }>;

export type JobKind = keyof typeof JOB_KINDS;

export const jobKinds = (): JobKind[] => Object.keys(JOB_KINDS) as JobKind[];

export interface EventRoute {
  kind: JobKind;
  entityKey: (entityId: string) => string;
}

type KindTable = Readonly<Record<string, { events: Readonly<Record<string, (entityId: string) => string>> }>>;

/** Event type → the one kind it is queued as; a type declared under two kinds is refused. */
export function buildEventRoutes<K extends string>(
  kinds: KindTable & Record<K, unknown>,
): ReadonlyMap<string, { kind: K; entityKey: (entityId: string) => string }> {
  const routes = new Map<string, { kind: K; entityKey: (entityId: string) => string }>();
  for (const kind of Object.keys(kinds) as K[]) {
    for (const [type, entityKey] of Object.entries(kinds[kind].events)) {
      const taken = routes.get(type);
      if (taken) throw new Error(`job-kinds.ts routes the event type ${type} to both ${taken.kind} and ${kind}: a developer must pick one`);
      routes.set(type, { kind, entityKey });
    }
  }
  return routes;
}

export const EVENT_ROUTES: ReadonlyMap<string, EventRoute> = buildEventRoutes<JobKind>(JOB_KINDS);
