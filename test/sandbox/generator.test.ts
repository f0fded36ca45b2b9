import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  MAKERS,
  MAX_PRODUCTS,
  productAt,
  sandboxProducts,
  upcCheckDigit,
  type SandboxProduct,
} from '../../src/sandbox/products/index.js';

const N = 5000;
const products: SandboxProduct[] = [...sandboxProducts(1, N)];
const TEXT_FIELDS = ['sku', 'productId', 'name', 'shortDescription', 'longDescription', 'manufacturer', 'manufacturerCode', 'mpn', 'upc', 'category1', 'category2', 'category3', 'imageFile', 'countryOfOrigin'] as const;

describe('product generator: determinism', () => {
  it('gives the same products for the same seed, index by index', () => {
    expect([...sandboxProducts(1, 200)]).toEqual(products.slice(0, 200));
    for (const i of [0, 1, 17, 4999, 123_456, 999_999, MAX_PRODUCTS - 1]) {
      expect(productAt(1, i)).toEqual(productAt(1, i));
    }
  });

  it('computes product i without the ones before it', () => {
    expect(productAt(1, 4321)).toEqual(products[4321]);
    // Out of order and repeated calls agree.
    const late = productAt(1, 3000);
    productAt(1, 12);
    expect(productAt(1, 3000)).toEqual(late);
  });

  it('gives different data for a different seed', () => {
    const other = [...sandboxProducts(2, 200)];
    const same = other.filter((p, i) => p.sku === products[i]?.sku).length;
    expect(same).toBeLessThan(5);
    expect(other.map((p) => p.name)).not.toEqual(products.slice(0, 200).map((p) => p.name));
  });

  it('rejects bad seeds and indices', () => {
    expect(() => productAt(1.5, 0)).toThrow(RangeError);
    expect(() => productAt(1, -1)).toThrow(RangeError);
    expect(() => productAt(1, MAX_PRODUCTS)).toThrow(RangeError);
    expect(() => [...sandboxProducts(1, -2)]).toThrow(RangeError);
  });

  it('accepts any safe-integer seed', () => {
    expect(productAt(-7, 0).sku).toMatch(/^[A-Z]{4}-\d{5}$/);
    expect(productAt(Number.MAX_SAFE_INTEGER, 0)).not.toEqual(productAt(Number.MAX_SAFE_INTEGER - 1, 0));
  });
});

describe('product generator: shape', () => {
  it('has unique SKUs of maker code + part number, and unique ProductIds', () => {
    const skus = new Set(products.map((p) => p.sku));
    expect(skus.size).toBe(N);
    for (const p of products) {
      expect(p.sku).toMatch(/^[A-Z]{4}-\d{5,7}$/);
      expect(p.sku.startsWith(p.manufacturerCode + '-')).toBe(true);
      expect(p.imageFile).toBe(`/ProductImages/${p.manufacturerCode}/${p.sku}.jpg`);
    }
    const ids = products.map((p) => p.productId).filter((id) => id !== '');
    expect(new Set(ids).size).toBe(ids.length);
    // Part numbers switch to 6 and 7 digits further down the catalog, still unique.
    const far = [89_999, 90_000, 989_999, 990_000, 5_000_000].map((i) => productAt(1, i).sku);
    expect(far.map((s) => s.split('-')[1]?.length)).toEqual([5, 6, 6, 7, 7]);
  });

  it('keeps text free of tabs and line breaks, and within Windows-1252', () => {
    for (const p of products) {
      for (const field of TEXT_FIELDS) {
        const value = p[field];
        if (value === null) continue;
        expect(value, `${p.sku} ${field}`).not.toMatch(/[\t\r\n]/);
        expect(iconv.decode(iconv.encode(value, 'win1252'), 'win1252'), `${p.sku} ${field}`).toBe(value);
      }
    }
  });

  it('uses valid 12-digit UPCs', () => {
    for (const p of products) {
      if (p.upc === null) continue;
      expect(p.upc).toMatch(/^\d{12}$/);
      expect(Number(p.upc[11])).toBe(upcCheckDigit(p.upc.slice(0, 11)));
    }
  });

  it('has plausible numbers', () => {
    for (const p of products) {
      for (const v of [p.weight, p.length, p.width, p.height, p.msrp, p.mapPrice]) {
        if (v !== null) expect(v).toBeGreaterThan(0);
      }
      if (p.msrp !== null && p.mapPrice !== null) expect(p.mapPrice).toBeLessThanOrEqual(p.msrp);
      const inv = p.inventory;
      if (!inv) continue;
      expect(Number.isInteger(inv.quantityAvailable) && inv.quantityAvailable >= 0).toBe(true);
      expect(inv.dealerCost).toBeLessThan(inv.msrp);
      expect(Math.round(inv.dealerCost * 100) / 100).toBe(inv.dealerCost);
      expect(inv.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(Date.parse(inv.lastUpdated)).toBeLessThanOrEqual(Date.UTC(2026, 11, 1));
      expect(Date.parse(inv.lastUpdated)).toBeGreaterThanOrEqual(Date.UTC(2026, 5, 1));
    }
  });
});

describe('product generator: looks like Kroll', () => {
  const count = (pred: (p: SandboxProduct) => boolean): number => products.filter(pred).length;

  it('has 160+ makers with unique 4-letter codes, some with ® or ™, and they all show up', () => {
    expect(MAKERS.length).toBeGreaterThanOrEqual(160);
    expect(new Set(MAKERS.map((m) => m.code)).size).toBe(MAKERS.length);
    for (const m of MAKERS) expect(m.code).toMatch(/^[A-Z]{4}$/);
    expect(MAKERS.some((m) => m.name.includes('®'))).toBe(true);
    expect(MAKERS.some((m) => m.name.includes('™'))).toBe(true);
    expect(new Set(products.map((p) => p.manufacturerCode)).size).toBeGreaterThanOrEqual(160);
  });

  it('has three category levels with some blanks at levels 2 and 3', () => {
    expect(count((p) => p.category3 !== null)).toBeGreaterThan(N / 2);
    expect(count((p) => p.category1 !== null && p.category2 !== null && p.category3 === null)).toBeGreaterThan(50);
    expect(count((p) => p.category1 !== null && p.category2 === null)).toBeGreaterThan(0);
    expect(new Set(products.map((p) => p.category1)).size).toBeGreaterThan(10);
  });

  it('has the rare rows: blank ProductId, missing from inventory or status, Disco, CLSO', () => {
    const blankId = count((p) => p.productId === '');
    expect(blankId).toBeGreaterThan(0);
    expect(blankId).toBeLessThan(N * 0.01);
    const noInventory = count((p) => p.inventory === null);
    expect(noInventory).toBeGreaterThan(0);
    expect(noInventory).toBeLessThan(N * 0.015);
    expect(count((p) => p.status === null)).toBeGreaterThan(0);
    expect(count((p) => p.status === 'Disco')).toBeGreaterThan(N * 0.02);
    expect(count((p) => p.status === 'CLSO')).toBeGreaterThan(N * 0.01);
    expect(count((p) => p.status === 'Stock')).toBeGreaterThan(N * 0.85);
  });

  it('has UPCs with leading zeros and a few blank ones', () => {
    expect(count((p) => p.upc?.startsWith('0') === true)).toBeGreaterThan(N * 0.1);
    expect(count((p) => p.upc?.startsWith('00') === true)).toBeGreaterThan(0);
    expect(count((p) => p.upc === null)).toBeGreaterThan(0);
  });

  it('has Windows-1252 characters, raw inch marks and HTML in the text', () => {
    const names = products.map((p) => p.name).join('\n');
    const all = products.map((p) => `${p.name} ${p.shortDescription} ${p.longDescription} ${p.manufacturer}`).join('\n');
    for (const ch of ['®', '™', '°', '€', '“', '”', '’']) expect(all, ch).toContain(ch);
    expect(names).toMatch(/\d" /); // e.g. 'for 4" Barrels'
    expect(all).toContain('12" barrel');
    expect(all).toContain('3/4"');
    for (const p of products) {
      expect(p.longDescription).toMatch(/^<p>.*<\/p><ul>(<li>[^<]+<\/li>)+<\/ul><p>.*<\/p>$/);
    }
    expect(count((p) => p.longDescription.includes('<br>'))).toBeGreaterThan(N * 0.1);
  });

  it('has zero quantities, prices with cents, and rows without MAP', () => {
    expect(count((p) => p.inventory?.quantityAvailable === 0)).toBeGreaterThan(N * 0.05);
    expect(count((p) => p.inventory !== null && p.inventory.quantityAvailable > 250)).toBeGreaterThan(0);
    expect(count((p) => p.msrp !== null && !Number.isInteger(p.msrp))).toBeGreaterThan(N * 0.5);
    expect(count((p) => p.mapPrice === null)).toBeGreaterThan(N * 0.2);
    expect(count((p) => p.mapPrice !== null)).toBeGreaterThan(N * 0.2);
    expect(count((p) => p.hazardous === true)).toBeGreaterThan(0);
    expect(count((p) => p.hazardous === null)).toBeGreaterThan(0);
  });

  it('spreads LastUpdated over both EST and EDT, never on the repeated hour', () => {
    const offsets = new Set<string>();
    for (const p of products) {
      if (!p.inventory) continue;
      const d = new Date(p.inventory.lastUpdated);
      const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' })
        .formatToParts(d)
        .find((x) => x.type === 'timeZoneName')?.value;
      offsets.add(name ?? '?');
      // 2026-11-01 01:00-01:59 local happens twice (05:00-06:59 UTC).
      const ms = d.getTime();
      expect(ms >= Date.UTC(2026, 10, 1, 5) && ms < Date.UTC(2026, 10, 1, 7)).toBe(false);
    }
    expect([...offsets].sort()).toEqual(['EDT', 'EST']);
  });
});
