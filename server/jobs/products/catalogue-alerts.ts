import type { SyncContext } from '../sync-context.js';
import type { UnreadableProduct } from '../../centra/products/fetch-products.js';

/** A product Centra returned in a shape our schema refuses: never sent until the code or contract is fixed. */
export function raiseUnreadableAlert(ctx: Pick<SyncContext, 'alerter'>, product: UnreadableProduct): Promise<void> {
  return ctx.alerter.raise({
    fingerprint: `catalogue-unreadable:${product.id ?? 'unknown'}`,
    kind: 'catalogue_unreadable',
    entity: `Centra product ${product.id ?? '(no id)'}`,
    team: 'operations',
    message: `Centra product ${product.id ?? '(no id)'} was not sent to Ometria: ${product.message}.`,
    cause: 'Centra answered with a field shape the integration does not expect (contract drift or odd data).',
    action: 'Compare the product in Centra with server/centra/products/centra-product.ts; after a fix the next catalogue sync sends it.',
  });
}

/** A catalogue run that failed for a reason retrying will not fix (config, query, bug). */
export function raiseSyncFailedAlert(ctx: Pick<SyncContext, 'alerter' | 'logger'>, error: Error): Promise<void> {
  ctx.logger.error({ err: error }, 'catalogue sync failed');
  return ctx.alerter.raise({
    fingerprint: 'catalogue-sync-failed',
    kind: 'catalogue_sync_failed',
    entity: 'catalogue sync',
    team: 'operations',
    message: `The catalogue sync failed: ${error.message}. Product changes wait until it runs again.`,
    cause: error.name === 'CatalogueConfigError' ? 'The catalogue config names a Centra market or pricelist that does not exist.' : 'Centra refused the catalogue query, or the integration has a bug.',
    action: 'Check the catalogue settings against Centra\'s markets and pricelists and the logs; the next run retries.',
  });
}
