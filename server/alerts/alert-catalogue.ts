import type { AlertInput, Team } from '../store/alert-store.js';

/**
 * Every alert the service raises, in one place: for each kind, its fingerprint, the team that owns it, and the
 * words people read on /status and in Slack (what happened to which entity, the likely cause, what to do).
 * docs/operations.md has a row for each kind (test/server/alert-catalogue.test.ts keeps the two in step).
 *
 * Fingerprints and kinds are stored with open alerts: changing one orphans the alerts a running version left
 * open (they never resolve), so they stay as they are. ALERT_TEAMS overrides the owner per kind.
 *
 * Details are plain ids and words, not the callers' types: this module sits below the Centra, Ometria and job
 * code that raises alerts and imports none of it.
 */

type Remote = 'Centra' | 'Ometria';

/** What a kind says about one occurrence; `team` only where the owner depends on the case. */
interface Description {
  entity: string;
  message: string;
  cause?: string;
  action?: string;
  details?: unknown;
  team?: Team;
}

/** `Key`: no argument (one alert of the kind at a time) or one object naming the entity. */
interface Entry<Key extends [] | [unknown], Details> {
  /** The team that owns the kind: the one named in docs/operations.md, unless a case names another. */
  team: Team;
  /** Same while open = same alert; a resolve names the alert by the key alone. */
  fingerprint: (...key: Key) => string;
  describe: (details: Details) => Description;
}

/** The details of a raise carry its key, so its fingerprint is the one a resolve with that key names. */
const entry = <Key extends [] | [unknown], Details extends (Key extends [infer K] ? K : unknown)>(e: Entry<Key, Details>) => e;

/** Where in Centra the data behind each Ometria record type is fixed. */
const CENTRA_SOURCE = { order: 'order', contact: 'customer', product: 'product', custom_event: 'order, shipment or storefront data behind the event' } as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One dead letter: an entity set aside until a person fixes it and replays it. Keyed by what was set aside. */
type DeadLetter = { type: string; id: string | number; deadLetterId: number } &
  /** Ometria refused the record synchronously (a 4xx, or rejected inside a 2xx). */
  (
    | { source: 'ometria_push'; type: keyof typeof CENTRA_SOURCE; reason: string }
    /** An asynchronous Ometria error pinned on the only record of its type pushed over the last two polls. */
    | { source: 'ometria_async'; reason: string; errorPath: string; errorMessage: string }
    /** The order cannot become an Ometria order: its market is not mapped, or its data breaks a mapping rule. */
    | { source: 'order_mapping'; reason: string; owner: 'ecommerce' | 'developers'; problem: 'unmapped_market' | 'order_data' }
    /** Centra gave no data for the entity: it refuses the id itself (`refused`), or kept failing on it. */
    | { source: 'centra'; message: string; refused: boolean }
  );

function describeDeadLetter(d: DeadLetter): Description {
  switch (d.source) {
    case 'ometria_push':
      return {
        entity: `${d.type} ${d.id}`,
        message: `Ometria did not take ${d.type} ${d.id} (dead letter #${d.deadLetterId}): ${d.reason}`,
        cause: "The record breaks one of Ometria's rules, usually data entered in Centra.",
        action: `Fix the ${CENTRA_SOURCE[d.type]} in Centra (see the reason), then run \`npx centra-ometria replay ${d.deadLetterId}\` or replay it on /status.`,
      };
    case 'ometria_async':
      return {
        entity: `${d.type} ${d.id}`,
        message: `${d.reason} (dead letter #${d.deadLetterId}). It was the only ${d.type} accepted over the last two checks, so the error is its own; it no longer counts as delivered.`,
        cause: "A field broke one of Ometria's rules that are only checked after the push.",
        action: `Fix the named field in Centra, then run \`npx centra-ometria replay ${d.deadLetterId}\` or replay it on /status.`,
        details: { error_path: d.errorPath, error_message: d.errorMessage },
      };
    case 'order_mapping':
      return {
        entity: `order ${d.id}`,
        team: d.owner === 'developers' ? 'operations' : 'ecommerce',
        message: `Order ${d.id} cannot be sent to Ometria (dead letter #${d.deadLetterId}): ${d.reason}`,
        action:
          d.problem === 'unmapped_market'
            ? 'Add the market to OMETRIA_STORE_MAP, restart, then replay the dead letter.'
            : 'Correct the order in Centra, then replay the dead letter.',
      };
    case 'centra': {
      const entity = `${d.type} ${d.id}`;
      return {
        entity,
        team: d.refused ? 'operations' : 'ecommerce',
        message: `${capitalise(entity)} cannot be read from Centra (dead letter #${d.deadLetterId}): ${d.message}`,
        cause: d.refused
          ? `Centra rejects a request naming ${entity} while it answers the same request for other ids: the id itself is unusable (for example beyond GraphQL Int range) or refused by Centra.`
          : `Centra kept answering with an error for ${entity} (or with data this version cannot read), while other ${d.type}s of the same requests were read.`,
        action: d.refused
          ? `Integration developers: find where ${entity} came from (a webhook, a replay, a backfill) and whether it exists in Centra; nothing else is held up. If it is real, send Centra's message to Centra support, then run \`npx centra-ometria replay ${d.deadLetterId}\`.`
          : `E-commerce team: open ${entity} in Centra; if it looks right, send Centra's message to Centra support (or to the integration developers for a shape error). Once fixed, run \`npx centra-ometria replay ${d.deadLetterId}\`.`,
      };
    }
  }
}

/** A capability of Centra's schema check (docs/centra-setup.md) that is degraded or unavailable. */
interface CapabilityDetails {
  capability: string;
  state: string;
  /** `contract`: introspection was refused, so only the documented fields are used. */
  source: 'live' | 'contract';
  missing: ReadonlyArray<{ coordinate: string; effect: string; instead: string }>;
  refused: ReadonlyArray<{ document: string; errors: readonly string[]; instead?: string }>;
}

function describeCapability(c: CapabilityDetails): Description {
  const what = [
    ...c.missing.filter((m) => m.effect !== 'exact').map((m) => `${m.coordinate} is missing: ${m.instead}`),
    ...c.refused.map((r) => `${r.document} not sent (${r.errors[0]})${r.instead ? `: ${r.instead}` : ''}`),
  ];
  return {
    entity: `Centra capability ${c.capability}`,
    message: `Centra ${c.capability} is ${c.state}${c.source === 'contract' ? ' (introspection refused; only documented fields used)' : ''}: ${what.join('; ')}`,
    cause: "Centra's Integration API does not have these items under these names, or the token lacks the permission to see them.",
    action: 'Run `npx centra-ometria doctor` and check the token permissions in docs/centra-setup.md; report renamed items to the developers.',
    details: { missing: c.missing, refused: c.refused },
  };
}

/** Late orders, grouped into one alert (docs/operations.md): counted, the oldest few named. */
interface SlaDetails {
  count: number;
  /** The oldest late order numbers, oldest first; the rest are counted. */
  orders: readonly string[];
  oldestMinutes: number;
  slaSeconds: number;
  lastError?: string | null;
}

function describeSla(d: SlaDetails): Description {
  const more = d.count - d.orders.length;
  return {
    entity: d.count === 1 ? `order ${d.orders[0]}` : `${d.count} orders`,
    message:
      `${d.count === 1 ? '1 order is' : `${d.count} orders are`} not in Ometria within the SLA of ${d.slaSeconds} s ` +
      `(the oldest for ${d.oldestMinutes} min): ${d.orders.join(', ')}${more > 0 ? ` and ${more} more` : ''}${d.lastError ? `. Last error: ${d.lastError}` : ''}`,
    cause: 'Centra or Ometria is failing or rate-limiting us, or the orders are held in Centra.',
    action: "Check /status for each order's last error; post-purchase emails for them are delayed until they arrive.",
    details: { count: d.count, orders: d.orders, oldestMinutes: d.oldestMinutes },
  };
}

const ALERT_CATALOGUE = {
  /** A remote refused our credentials (401/403, as its classifier decides); one per remote while it lasts. */
  auth_failure: entry({
    team: 'ecommerce',
    fingerprint: ({ remote }: { remote: Remote }) => `auth:${remote}`,
    describe: ({ remote, reason }: { remote: Remote; reason: string }) => ({
      entity: `${remote} credentials`,
      message: `${remote} refused our credentials: ${reason}. Nothing is lost; syncing waits until they work.`,
      cause: remote === 'Centra' ? 'The Integration API token expired, was revoked or lacks a permission.' : 'The Ometria API key was revoked or mistyped.',
      action:
        remote === 'Centra'
          ? 'Create a new Integration API token in Centra (AMS → System → API Tokens) and set CENTRA_API_TOKEN.'
          : 'Create a key in Ometria (Settings → API Keys) and set OMETRIA_API_KEY.',
    }),
  }),
  /** CENTRA_TOKEN_EXPIRES_AT is 7 days away or less (`days` < 0: past). */
  token_expiry: entry({
    team: 'ecommerce',
    fingerprint: () => 'centra-token-expiry',
    describe: ({ days }: { days: number }) => ({
      entity: 'Centra Integration API token',
      message: days < 0 ? 'the Centra Integration API token has expired: syncing stops' : `the Centra Integration API token expires in ${days} day(s)`,
      cause: 'Integration API tokens expire (30 days by default).',
      action: 'Create a new token in Centra (AMS → System → API Tokens), set CENTRA_API_TOKEN and CENTRA_TOKEN_EXPIRES_AT, restart.',
    }),
  }),
  sla_breach: entry({ team: 'ecommerce', fingerprint: () => 'sla:orders', describe: describeSla }),
  /** Centra still hid the order when the sync gave up waiting for it. */
  order_not_found: entry({
    team: 'ecommerce',
    fingerprint: ({ order }: { order: string }) => `order-not-found:${order}`,
    describe: ({ order, reason }: { order: string; reason: string }) => ({
      entity: `order ${order}`,
      message: `${reason}; it was not sent to Ometria.`,
      cause: 'The order is on hold or waiting for payment in Centra, or the webhook named a wrong order.',
      action: `Check order ${order} in Centra; once it is released, replay its dead letter.`,
    }),
  }),
  shipment_without_carrier: entry({
    team: 'ecommerce',
    fingerprint: ({ shipmentId }: { shipmentId: string | number }) => `shipment-no-carrier:${shipmentId}`,
    describe: ({ shipment }: { shipmentId: string | number; shipment: string }) => ({
      entity: `shipment ${shipment}`,
      message: `shipment ${shipment} has a tracking number but no carrier: Ometria cannot build a tracking link`,
      cause: 'The carrier was not filled in when the shipment was completed in Centra (shipmentInfo.carrier).',
      action: `Set the carrier on shipment ${shipment} in Centra; the order is re-sent with its tracking link on the next update.`,
    }),
  }),
  dead_letter: entry({
    team: 'ecommerce',
    fingerprint: ({ type, id }: { type: string; id: string | number }) => `dead-letter:${type}:${id}`,
    describe: describeDeadLetter,
  }),
  /** An error GET /push/_errors lists that no single record could be blamed for; `hash` names the error. */
  ometria_async_error: entry({
    team: 'ecommerce',
    fingerprint: ({ hash }: { hash: string }) => `push-error:${hash}`,
    describe: (d: { hash: string; type: string | undefined; errorPath: string; errorMessage: string; suspects: string[] }) => ({
      entity: d.type ? `${d.type} records` : 'pushed records',
      message: `Ometria rejected a record after accepting it: "${d.errorMessage}" at ${d.errorPath}. Suspects: ${d.suspects.join(', ') || 'none pushed since the previous check'}.`,
      cause: "A field broke one of Ometria's rules that are only checked after the push.",
      action:
        'Look at the suspect records in Centra for the named field; fix the data and replay, or tell the integration developers if the mapping is at fault.',
      details: { error_path: d.errorPath, error_message: d.errorMessage, suspects: d.suspects },
    }),
  }),
  webhook_event_rejected: entry({
    team: 'ecommerce',
    fingerprint: ({ entity, reason }: { entity: string; reason: string }) => `webhook-event-rejected:${entity}:${reason}`,
    describe: (d: { entity: string; reason: string; deliveryId: number; deadLetterId: number; replayable: boolean }) => ({
      entity: d.entity,
      message: `A Centra webhook event (${d.entity}) in delivery ${d.deliveryId} was not used (dead letter #${d.deadLetterId}): ${d.reason}. The other events of the delivery were stored.`,
      cause:
        'The sender posted an event in a shape this integration does not know, or an id Centra cannot have (not a number, negative, beyond GraphQL Int range).',
      action: d.replayable
        ? `Check the Centra Webhook plugin version (Integration API); the entity it names can be synced with \`npx centra-ometria replay ${d.deadLetterId}\`.`
        : 'Check the Centra Webhook plugin version (Integration API) and whatever else posts to this endpoint; send the delivery id to the integration developers. There is nothing to replay.',
    }),
  }),
  /** Centra refused a whole request of one job kind, so no id could be blamed; `attempts` before dead letters. */
  centra_document_rejected: entry({
    team: 'operations',
    fingerprint: ({ jobKind }: { jobKind: string }) => `centra-document-rejected:${jobKind}`,
    describe: ({ jobKind, message, attempts }: { jobKind: string; message: string; attempts: number }) => ({
      entity: `Centra ${jobKind} requests`,
      message: `Centra refused a whole ${jobKind} request and no ${jobKind} of it could be read: ${message}`,
      cause: `The request asks for a field, filter or argument this Centra does not have, or every id in it is unusable.`,
      action: `Integration developers: run \`npx centra-ometria doctor\` against this Centra. The ${jobKind}s are retried ${attempts} times, then dead-lettered (replay them once fixed).`,
    }),
  }),
  centra_schema: entry({
    team: 'operations',
    fingerprint: ({ capability }: { capability: string }) => `centra-schema:${capability}`,
    describe: describeCapability,
  }),
  /** A product Centra returned in a shape our schema refuses: never sent until the code or contract is fixed. */
  catalogue_unreadable: entry({
    team: 'operations',
    fingerprint: ({ id }: { id: number | undefined }) => `catalogue-unreadable:${id ?? 'unknown'}`,
    describe: ({ id, message }: { id: number | undefined; message: string }) => ({
      entity: `Centra product ${id ?? '(no id)'}`,
      message: `Centra product ${id ?? '(no id)'} was not sent to Ometria: ${message}.`,
      cause: 'Centra answered with a field shape the integration does not expect (contract drift or odd data).',
      action: 'Compare the product in Centra with server/centra/products/centra-product.ts; after a fix the next catalogue sync sends it.',
    }),
  }),
  /** A catalogue run that failed for a reason retrying will not fix (config, query, bug). */
  catalogue_sync_failed: entry({
    team: 'operations',
    fingerprint: () => 'catalogue-sync-failed',
    describe: ({ error }: { error: { name: string; message: string } }) => ({
      entity: 'catalogue sync',
      message: `The catalogue sync failed: ${error.message}. Product changes wait until it runs again.`,
      cause:
        error.name === 'CatalogueConfigError'
          ? 'The catalogue config names a Centra market or pricelist that does not exist.'
          : 'Centra refused the catalogue query, or the integration has a bug.',
      action: "Check the catalogue settings against Centra's markets and pricelists and the logs; the next run retries.",
    }),
  }),
  /** Two Centra variants (or sizes) that give one Ometria product id (docs/catalogue.md): the older is sent. */
  product_key_collision: entry({
    team: 'ecommerce',
    fingerprint: ({ id }: { id: string }) => `product-key-collision:${id}`,
    describe: ({ id, owners }: { id: string; owners: readonly string[] }) => ({
      entity: `product ${id}`,
      message: `Ometria product id ${id} comes from more than one Centra item: ${owners[0]} is sent, ${owners.slice(1).join(', ')} is not.`,
      cause: 'Product number + variant number (or the size SKU) is the same for two Centra items, e.g. "P1"+"23" and "P12"+"3".',
      action: 'Give one of them another product, variant or size number in Centra; the next catalogue sync sends both.',
      details: { id, owners },
    }),
  }),
  newsletter_poll_failed: entry({
    team: 'operations',
    fingerprint: () => 'newsletter-poll-failed',
    describe: ({ error }: { error: { message: string } }) => ({
      entity: 'newsletter poll',
      message: `The newsletter poll failed: ${error.message}. Sign-ups and unsubscribes wait until it runs again.`,
      cause: 'Centra refused the newsletterSubscriptions query (a field this version guesses may be named differently), or the integration has a bug.',
      action: 'Run `npx centra-ometria doctor` and check the logs; the next poll resumes from its checkpoint.',
    }),
  }),
  /** More than SIGNATURE_FAILURE_ALERT deliveries in 10 minutes refused for their signature; `code` the latest. */
  webhook_signature_failures: entry({
    team: 'operations',
    fingerprint: () => 'webhook-signature-failures',
    describe: ({ count, reason, code }: { count: number; reason: string; code: string }) => ({
      entity: 'Centra webhook signatures',
      message:
        `${count} webhook deliveries in the last 10 minutes were refused for their signature (latest: ${reason}). ` +
        'Refused deliveries are not stored: Centra retries them, then gives up.',
      cause:
        'Wrong CENTRA_WEBHOOK_SECRET (rotated in Centra but not here, or the reverse), clock skew between Centra and this server beyond CENTRA_SIGNATURE_TOLERANCE_SECONDS, or someone posting unsigned requests.',
      action:
        "Compare CENTRA_WEBHOOK_SECRET with the Webhook plugin's secret in Centra and check this server's clock (NTP); /metrics counts refusals by reason. Missed orders are found by reconciliation once deliveries pass again.",
      details: { lastTenMinutes: count, latest: code },
    }),
  }),
};

type Catalogue = typeof ALERT_CATALOGUE;

/** Every kind of alert there is. */
export type AlertKind = keyof Catalogue;
export type AlertDetails<K extends AlertKind> = Parameters<Catalogue[K]['describe']>[0];
type AlertKey<K extends AlertKind> = Parameters<Catalogue[K]['fingerprint']>;

declare const fromCatalogue: unique symbol;
/** An alert built by the catalogue: the only kind the alerter raises, so no call site writes one by hand. */
export type CatalogueAlert = AlertInput & { kind: AlertKind; readonly [fromCatalogue]: true };

/** Kinds with their owning team, for the documentation test and anything that lists the catalogue. */
export const ALERT_KINDS: ReadonlyArray<{ kind: AlertKind; team: Team }> = (Object.keys(ALERT_CATALOGUE) as AlertKind[]).map((kind) => ({
  kind,
  team: ALERT_CATALOGUE[kind].team,
}));

// The entries differ in their detail types; each call is checked against its own kind by the signatures above.
const entryOf = (kind: AlertKind) => ALERT_CATALOGUE[kind] as unknown as Entry<[unknown], unknown>;

/** The alert of `kind` about the entity the details name. */
export function catalogueAlert<K extends AlertKind>(kind: K, details: AlertDetails<K>): CatalogueAlert {
  const e = entryOf(kind);
  const { team, ...said } = e.describe(details);
  return { fingerprint: e.fingerprint(details), kind, team: team ?? e.team, ...said } as CatalogueAlert;
}

/** The fingerprint a raise of `kind` with this key used: what a resolve names. */
export function alertFingerprint<K extends AlertKind>(kind: K, ...key: AlertKey<K>): string {
  return entryOf(kind).fingerprint(...(key as [unknown]));
}
