import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributeId,
  brandAttributeId,
  categoryAttributeId,
  collectionAttributeId,
  parseAttributeId,
  productKey,
  variantKey,
  type AttributeKind,
} from '../shared/ids/index.js';

/** Properties of the one ID scheme shared by synced records and tracker events (docs/design.md D2). */
const kind = fc.constantFrom<AttributeKind>('collection', 'category', 'brand');
const text = fc.string({ unit: 'binary', maxLength: 40 });
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff'), maxLength: 4 });
/** Centra ids are ints; the helpers also take strings (tracker data attributes). */
const centraId = fc.oneof(
  fc.nat(),
  text.filter((s) => s.trim().length > 0),
);

describe('shared/ids', () => {
  it('parseAttributeId inverts attributeId for every kind and id', () => {
    fc.assert(
      fc.property(kind, centraId, (k, id) => {
        expect(parseAttributeId(attributeId(k, id))).toEqual({ kind: k, id: String(id).trim() });
      }),
    );
  });

  it('never gives a collection and a category (or brand) the same id', () => {
    fc.assert(
      fc.property(centraId, centraId, (a, b) => {
        expect(collectionAttributeId(a)).not.toBe(categoryAttributeId(b));
        expect(collectionAttributeId(a)).not.toBe(brandAttributeId(b));
        expect(categoryAttributeId(a)).not.toBe(brandAttributeId(b));
      }),
    );
  });

  it('ignores outer whitespace in every id part', () => {
    fc.assert(
      fc.property(kind, centraId, text, text, whitespace, whitespace, (k, id, p, v, left, right) => {
        expect(attributeId(k, `${left}${String(id)}${right}`)).toBe(attributeId(k, id));
        expect(productKey(`${left}${p}${right}`, `${right}${v}${left}`)).toBe(productKey(p, v));
        expect(variantKey(`${left}${p}${v}${right}`)).toBe(variantKey(`${p}${v}`));
      }),
    );
  });

  it('productKey is the trimmed concatenation of product and variant numbers, inner text untouched', () => {
    fc.assert(
      fc.property(text, text, (p, v) => {
        expect(productKey(p, v)).toBe(p.trim() + v.trim());
      }),
    );
    expect(productKey(' P10001 ', 'BLK ')).toBe('P10001BLK');
    expect(productKey('p 1', 'Blk')).toBe('p 1Blk');
  });

  it('parseAttributeId reads only `<known kind>:<non-empty id>` (outer spaces of each part ignored) and refuses anything else', () => {
    const maybeOurs = fc.oneof(
      text,
      fc.tuple(kind, text).map(([k, id]) => `${k}:${id}`),
    );
    fc.assert(
      fc.property(maybeOurs, (s) => {
        const m = /^\s*(collection|category|brand)\s*:(.*)$/su.exec(s);
        const expected = m && m[2]!.trim() ? { kind: m[1], id: m[2]!.trim() } : undefined;
        expect(parseAttributeId(s)).toEqual(expected);
      }),
    );
    for (const s of ['', 'category:', ':4', 'season:4', 'Category:4', 'category4']) expect(parseAttributeId(s)).toBeUndefined();
  });
});

describe('parseAttributeId', () => {
  it('reads an id typed with spaces around the colon as the same id', () => {
    expect(parseAttributeId('category: 4')).toEqual({ kind: 'category', id: '4' });
    expect(parseAttributeId(' collection :12 ')).toEqual({ kind: 'collection', id: '12' });
    expect(parseAttributeId('colour:red')).toBeUndefined();
  });
});
