import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, alertFingerprint, catalogueAlert, type AlertKind, type CatalogueAlert } from '../../server/alerts/alert-catalogue.js';

/**
 * One alert of each kind (dead letters: one per source), with the fingerprint a running version stored for it:
 * an open alert whose fingerprint changes across an upgrade never resolves, so these strings are a contract.
 */
const SAMPLES: Array<{ alert: CatalogueAlert; resolvedBy: string; fingerprint: string; message: string }> = [
  {
    alert: catalogueAlert('auth_failure', { remote: 'Centra', reason: 'Centra answered 401' }),
    resolvedBy: alertFingerprint('auth_failure', { remote: 'Centra' }),
    fingerprint: 'auth:Centra',
    message: 'Centra refused our credentials: Centra answered 401. Nothing is lost; syncing waits until they work.',
  },
  {
    alert: catalogueAlert('token_expiry', { days: 3 }),
    resolvedBy: alertFingerprint('token_expiry'),
    fingerprint: 'centra-token-expiry',
    message: 'the Centra Integration API token expires in 3 day(s)',
  },
  {
    alert: catalogueAlert('sla_breach', { count: 3, orders: ['14', '15'], oldestMinutes: 12, slaSeconds: 300, lastError: 'Ometria answered 503' }),
    resolvedBy: alertFingerprint('sla_breach'),
    fingerprint: 'sla:orders',
    message: '3 orders are not in Ometria within the SLA of 300 s (the oldest for 12 min): 14, 15 and 1 more. Last error: Ometria answered 503',
  },
  {
    alert: catalogueAlert('order_not_found', { order: '14', reason: 'order 14 was still not visible in Centra 24 h after its webhook' }),
    resolvedBy: alertFingerprint('order_not_found', { order: '14' }),
    fingerprint: 'order-not-found:14',
    message: 'order 14 was still not visible in Centra 24 h after its webhook; it was not sent to Ometria.',
  },
  {
    alert: catalogueAlert('shipment_without_carrier', { shipmentId: 39, shipment: '39790-1' }),
    resolvedBy: alertFingerprint('shipment_without_carrier', { shipmentId: 39 }),
    fingerprint: 'shipment-no-carrier:39',
    message: 'shipment 39790-1 has a tracking number but no carrier: Ometria cannot build a tracking link',
  },
  {
    alert: catalogueAlert('dead_letter', { source: 'ometria_push', type: 'contact', id: 'c4', deadLetterId: 7, reason: 'email is malformed' }),
    resolvedBy: alertFingerprint('dead_letter', { type: 'contact', id: 'c4' }),
    fingerprint: 'dead-letter:contact:c4',
    message: 'Ometria did not take contact c4 (dead letter #7): email is malformed',
  },
  {
    alert: catalogueAlert('dead_letter', {
      source: 'ometria_async',
      type: 'order',
      id: '14',
      deadLetterId: 8,
      reason: 'Ometria rejected order 14 after accepting its push: "bad" at order.x',
      errorPath: 'order.x',
      errorMessage: 'bad',
    }),
    resolvedBy: alertFingerprint('dead_letter', { type: 'order', id: '14' }),
    fingerprint: 'dead-letter:order:14',
    message:
      'Ometria rejected order 14 after accepting its push: "bad" at order.x (dead letter #8). It was the only order accepted over the last two checks, so the error is its own; it no longer counts as delivered.',
  },
  {
    alert: catalogueAlert('dead_letter', {
      source: 'order_mapping',
      type: 'order',
      id: 14,
      deadLetterId: 9,
      reason: 'line 3 has no SKU',
      owner: 'ecommerce',
      problem: 'order_data',
    }),
    resolvedBy: alertFingerprint('dead_letter', { type: 'order', id: 14 }),
    fingerprint: 'dead-letter:order:14',
    message: 'Order 14 cannot be sent to Ometria (dead letter #9): line 3 has no SKU',
  },
  {
    alert: catalogueAlert('dead_letter', {
      source: 'centra',
      type: 'customer',
      id: '99999999999',
      deadLetterId: 10,
      message: 'Int cannot represent 99999999999',
      refused: true,
    }),
    resolvedBy: alertFingerprint('dead_letter', { type: 'customer', id: '99999999999' }),
    fingerprint: 'dead-letter:customer:99999999999',
    message: 'Customer 99999999999 cannot be read from Centra (dead letter #10): Int cannot represent 99999999999',
  },
  {
    alert: catalogueAlert('ometria_async_error', { hash: 'ab12', type: 'contact', errorPath: 'contact.email', errorMessage: 'invalid', suspects: [] }),
    resolvedBy: alertFingerprint('ometria_async_error', { hash: 'ab12' }),
    fingerprint: 'push-error:ab12',
    message: 'Ometria rejected a record after accepting it: "invalid" at contact.email. Suspects: none pushed since the previous check.',
  },
  {
    alert: catalogueAlert('webhook_event_rejected', { entity: 'order -3', reason: 'negative id', deliveryId: 12, deadLetterId: 11, replayable: false }),
    resolvedBy: alertFingerprint('webhook_event_rejected', { entity: 'order -3', reason: 'negative id' }),
    fingerprint: 'webhook-event-rejected:order -3:negative id',
    message: 'A Centra webhook event (order -3) in delivery 12 was not used (dead letter #11): negative id. The other events of the delivery were stored.',
  },
  {
    alert: catalogueAlert('centra_document_rejected', { jobKind: 'order', message: 'Unknown field', attempts: 10 }),
    resolvedBy: alertFingerprint('centra_document_rejected', { jobKind: 'order' }),
    fingerprint: 'centra-document-rejected:order',
    message: 'Centra refused a whole order request and no order of it could be read: Unknown field',
  },
  {
    alert: catalogueAlert('centra_schema', {
      capability: 'newsletter',
      state: 'degraded',
      source: 'contract',
      missing: [
        { coordinate: 'Query.newsletterSubscriptions', effect: 'degraded', instead: 'read by page' },
        { coordinate: 'Order.x', effect: 'exact', instead: '' },
      ],
      refused: [{ document: 'NewNewsletterSubscriptions', errors: ['no such filter'], instead: 'a full read' }],
    }),
    resolvedBy: alertFingerprint('centra_schema', { capability: 'newsletter' }),
    fingerprint: 'centra-schema:newsletter',
    message:
      'Centra newsletter is degraded (introspection refused; only documented fields used): Query.newsletterSubscriptions is missing: read by page; NewNewsletterSubscriptions not sent (no such filter): a full read',
  },
  {
    alert: catalogueAlert('catalogue_unreadable', { id: undefined, message: 'price is not a number' }),
    resolvedBy: alertFingerprint('catalogue_unreadable', { id: undefined }),
    fingerprint: 'catalogue-unreadable:unknown',
    message: 'Centra product (no id) was not sent to Ometria: price is not a number.',
  },
  {
    alert: catalogueAlert('catalogue_sync_failed', { error: { name: 'CatalogueConfigError', message: 'no market 9' } }),
    resolvedBy: alertFingerprint('catalogue_sync_failed'),
    fingerprint: 'catalogue-sync-failed',
    message: 'The catalogue sync failed: no market 9. Product changes wait until it runs again.',
  },
  {
    alert: catalogueAlert('product_key_collision', { id: 'P123', owners: ['product 1 variant 23', 'product 12 variant 3'] }),
    resolvedBy: alertFingerprint('product_key_collision', { id: 'P123' }),
    fingerprint: 'product-key-collision:P123',
    message: 'Ometria product id P123 comes from more than one Centra item: product 1 variant 23 is sent, product 12 variant 3 is not.',
  },
  {
    alert: catalogueAlert('newsletter_poll_failed', { error: { message: 'Cannot query field' } }),
    resolvedBy: alertFingerprint('newsletter_poll_failed'),
    fingerprint: 'newsletter-poll-failed',
    message: 'The newsletter poll failed: Cannot query field. Sign-ups and unsubscribes wait until it runs again.',
  },
  {
    alert: catalogueAlert('webhook_signature_failures', { count: 6, reason: 'signature does not match', code: 'mismatch' }),
    resolvedBy: alertFingerprint('webhook_signature_failures'),
    fingerprint: 'webhook-signature-failures',
    message:
      '6 webhook deliveries in the last 10 minutes were refused for their signature (latest: signature does not match). Refused deliveries are not stored: Centra retries them, then gives up.',
  },
];

describe('the alert catalogue', () => {
  it('has a sample here for every kind it lists', () => {
    expect(new Set(SAMPLES.map((s) => s.alert.kind))).toEqual(new Set(ALERT_KINDS.map((k) => k.kind)));
  });

  it.each(SAMPLES.map((s) => [`${s.alert.kind} ${s.fingerprint}`, s] as const))('%s: keeps its stored fingerprint, resolved by its key', (_label, s) => {
    expect(s.alert.fingerprint).toBe(s.fingerprint);
    expect(s.resolvedBy).toBe(s.fingerprint);
  });

  it.each(SAMPLES.map((s) => [`${s.alert.kind} ${s.fingerprint}`, s] as const))('%s: says what happened, to what, and what to do', (_label, s) => {
    expect(s.alert.message).toBe(s.message);
    expect(s.alert.entity).not.toBe('');
    expect(s.alert.action?.length).toBeGreaterThan(0);
  });

  it('gives each kind its owner, and a dead letter the team its case needs', () => {
    const owner = (kind: AlertKind) => ALERT_KINDS.find((k) => k.kind === kind)!.team;
    expect(owner('auth_failure')).toBe('ecommerce');
    expect(owner('centra_schema')).toBe('operations');
    const deadLetters = SAMPLES.filter((s) => s.alert.kind === 'dead_letter').map((s) => s.alert.team);
    // Ometria push, asynchronous error, order data (ecommerce); an id Centra refuses (operations).
    expect(deadLetters).toEqual(['ecommerce', 'ecommerce', 'ecommerce', 'operations']);
    expect(
      catalogueAlert('dead_letter', {
        source: 'order_mapping',
        type: 'order',
        id: 14,
        deadLetterId: 9,
        reason: 'market 3 unmapped',
        owner: 'developers',
        problem: 'unmapped_market',
      }),
    ).toMatchObject({ team: 'operations', action: 'Add the market to OMETRIA_STORE_MAP, restart, then replay the dead letter.' });
  });

  it('is the only source of alerts the alerter takes (checked by tsc)', () => {
    const raise = (alert: CatalogueAlert) => alert.kind;
    // Never called: tsc fails this file when one of these compiles.
    const refusedByTsc = () => [
      // @ts-expect-error: an alert written by hand is not a catalogue alert
      raise({ fingerprint: 'x', kind: 'dead_letter', entity: 'order 1', team: 'ecommerce', message: 'm' }),
      // @ts-expect-error: the details of another kind
      catalogueAlert('order_not_found', { shipmentId: 1, shipment: 'S1' }),
      // @ts-expect-error: a kind the catalogue does not have
      catalogueAlert('push_rejected', {}),
    ];
    expect(refusedByTsc).toBeTypeOf('function');
    expect(raise(catalogueAlert('token_expiry', { days: -1 }))).toBe('token_expiry');
  });
});

/** The operations manual's alert table: one `kind` per row's first cell, the owner in the second. */
function documentedAlerts(): Array<{ kind: string; owner: string }> {
  const manual = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
  const section = manual.split(/^## /m).find((s) => s.startsWith('The alerts'));
  if (!section) throw new Error('docs/operations.md has no "## The alerts" section: the alert table is expected there');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| **'))
    .map((line) => {
      const [, what, owner] = line.split('|').map((cell) => cell.trim());
      const kind = /\(`([a-z_]+)`/.exec(what!)?.[1];
      if (!kind) throw new Error(`docs/operations.md: the alert row "${what}" names no kind in (\`kind\`)`);
      return { kind, owner: owner! };
    });
}

describe('docs/operations.md lists the alert catalogue', () => {
  it('has a row for every kind, and no row for a kind the service does not raise', () => {
    const documented = new Set(documentedAlerts().map((r) => r.kind));
    expect([...documented].sort()).toEqual(ALERT_KINDS.map((k) => k.kind).sort());
  });

  it('names the owning team of each kind in its rows', () => {
    for (const row of documentedAlerts()) {
      const team = ALERT_KINDS.find((k) => k.kind === row.kind)?.team;
      expect(row.owner, `owner of ${row.kind}`).toContain(team);
    }
  });
});
