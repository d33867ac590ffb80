import { describe, expect, it } from 'vitest';
import { catalogueSettings } from '../../server/config/catalogue-config.js';
import { CatalogueConfigError, resolveListingStores } from '../../server/centra/products/catalogue-setup.js';
import { centraTime, centraTimeMs } from '../../server/centra/centra-time.js';
import { parseProductEntity } from '../../server/jobs/products/product-entity.js';
import { createKeyClaims } from '../../server/mapping/product/key-claims.js';

describe('catalogue helpers', () => {
  it('reads the three product job keys and nothing else', () => {
    expect(parseProductEntity('product:7')).toEqual({ kind: 'product', id: 7 });
    expect(parseProductEntity('display-item:1234')).toEqual({ kind: 'display-item', id: 1234 });
    expect(parseProductEntity('collection:3')).toEqual({ kind: 'collection', id: 3 });
    for (const bad of ['product:', 'product:x', 'category:4', '7', 'product:99999999999999999999']) expect(parseProductEntity(bad)).toBeUndefined();
  });

  it('writes watermarks as whole UTC seconds, cut down so the named second is re-read', () => {
    expect(centraTime(Date.parse('2024-06-03T16:00:00.999Z'))).toBe('2024-06-03T16:00:00+00:00');
  });

  it('reads Centra times only when they carry a zone, so the walk never misjudges the watermark by the store offset', () => {
    expect(centraTimeMs('2024-06-03T18:00:00+02:00')).toBe(Date.parse('2024-06-03T16:00:00Z'));
    expect(centraTimeMs('2024-06-03T16:00:00Z')).toBe(Date.parse('2024-06-03T16:00:00Z'));
    for (const unknown of ['2024-06-03 18:00:00', 'yesterday', '', null, undefined]) expect(centraTimeMs(unknown)).toBeUndefined();
  });

  it('lets the first claimant keep an id and reports every later one once', () => {
    const claims = createKeyClaims();
    expect(claims.claim('P1BLK', 'variant 11')).toBe(true);
    expect(claims.claim('P1BLK', 'variant 11')).toBe(true);
    expect(claims.claim('P1BLK', 'variant 12')).toBe(false);
    expect(claims.claim('P1BLK', 'variant 12')).toBe(false);
    expect(claims.claim('P2BLK', 'variant 13')).toBe(true);
    expect(claims.collisions()).toEqual([{ id: 'P1BLK', owners: ['variant 11', 'variant 12'] }]);
  });

  it('takes each store currency from its Centra pricelist and refuses ids Centra does not have', () => {
    const setup = { markets: [{ id: 1, name: 'UK' }], pricelists: [{ id: 1, name: 'GBP', currency: { code: 'GBP' } }] };
    const store = { store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com' };
    expect(resolveListingStores({ stores: [store] }, setup)).toEqual([{ ...store, currency: 'GBP' }]);
    expect(() => resolveListingStores({ stores: [{ ...store, pricelistId: 9 }] }, setup)).toThrow(CatalogueConfigError);
    expect(() => resolveListingStores({ stores: [{ ...store, marketId: 9 }] }, setup)).toThrow(/no market 9/);
    expect(() => resolveListingStores({ stores: [] }, setup)).toThrow(/no Ometria store/);
  });

  it('keeps page sizes within the 1..100 products per request Centra advises', () => {
    expect(catalogueSettings({ stores: [], pageSize: 500 }).pageSize).toBe(100);
    expect(catalogueSettings({ stores: [] })).toMatchObject({ pageSize: 50, batchSize: 50, overlapMs: 600_000 });
  });
});
