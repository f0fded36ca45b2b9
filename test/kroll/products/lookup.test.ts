import { describe, expect, it } from 'vitest';
import type { InventoryItem } from '../../../src/kroll/products/layout.js';
import { ProductLookup } from '../../../src/kroll/products/lookup.js';

function inventoryItem(sku: string, n: number): InventoryItem & { sku: string } {
  return {
    sku,
    quantityAvailable: n,
    dealerCost: n + 0.25,
    msrp: n % 3 === 0 ? null : n + 0.99,
    mapPrice: null,
    weight: n / 100,
    length: 1,
    width: 2,
    height: 3,
    lastUpdated: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
    line: n + 2,
    extra: null,
  };
}

describe('the lookup tables of the join', () => {
  it('finds the inventory values and status of every SKU, over many blocks of the tables', () => {
    const lookup = new ProductLookup();
    const count = 40_000;
    for (let n = 0; n < count; n++) lookup.addInventory(inventoryItem(`SKU-${n}`, n));
    for (let n = 0; n < count; n += 2) lookup.addStatus(`SKU-${n}`, n % 4 === 0 ? 'Disco' : 'CLSO');
    lookup.addStatus('ONLY-STATUS', 'Stock');
    expect(lookup.inventoryCount).toBe(count);
    expect(lookup.statusCount).toBe(count / 2 + 1);

    for (const n of [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, count - 1]) {
      const slot = lookup.slotOf(`SKU-${n}`);
      const item = inventoryItem(`SKU-${n}`, n);
      expect(lookup.inventory(slot)).toEqual({
        quantityAvailable: item.quantityAvailable,
        dealerCost: item.dealerCost,
        msrp: item.msrp,
        mapPrice: null,
        weight: item.weight,
        length: 1,
        width: 2,
        height: 3,
        lastUpdated: item.lastUpdated,
      });
      expect(lookup.status(slot)).toBe(n % 2 ? null : n % 4 === 0 ? 'Disco' : 'CLSO');
    }
    const statusOnly = lookup.slotOf('ONLY-STATUS');
    expect(lookup.inventory(statusOnly)).toBeUndefined();
    expect(lookup.status(statusOnly)).toBe('Stock');
  });

  it('answers -1, no inventory and no status for a SKU in neither file', () => {
    const lookup = new ProductLookup();
    lookup.addInventory(inventoryItem('A-1', 1));
    const slot = lookup.slotOf('B-2');
    expect(slot).toBe(-1);
    expect(lookup.inventory(slot)).toBeUndefined();
    expect(lookup.status(slot)).toBeNull();
  });

  it('keeps the first row of a SKU listed twice, and says the repeat was refused', () => {
    const lookup = new ProductLookup();
    expect(lookup.addInventory(inventoryItem('A-1', 1))).toBe(true);
    expect(lookup.addInventory(inventoryItem('A-1', 7))).toBe(false);
    expect(lookup.addStatus('A-1', 'Stock')).toBe(true);
    expect(lookup.addStatus('A-1', 'Disco')).toBe(false);
    expect([lookup.inventoryCount, lookup.statusCount]).toEqual([1, 1]);
    expect(lookup.inventory(lookup.slotOf('A-1'))?.quantityAvailable).toBe(1);
    expect(lookup.status(lookup.slotOf('A-1'))).toBe('Stock');
  });

  it('finds SKUs longer than a dozen characters', () => {
    const lookup = new ProductLookup();
    const line = 'SAFARILAND-6360-832-411\t5';
    const sku = line.split('\t')[0]!;
    lookup.addInventory(inventoryItem(sku, 5));
    expect(lookup.inventory(lookup.slotOf('SAFARILAND-6360-832-411'))?.quantityAvailable).toBe(5);
  });

  it('claims each SKU once, whether the tables hold it or only the catalog lists it', () => {
    const lookup = new ProductLookup();
    lookup.addInventory(inventoryItem('A-1', 1));
    const held = lookup.slotOf('A-1');
    const catalogOnly = lookup.slotOf('CATALOG-ONLY-SKU-LONG');
    expect(catalogOnly).toBe(-1);
    expect([lookup.claim(held, 'A-1'), lookup.claim(held, 'A-1')]).toEqual([true, false]);
    expect([lookup.claim(catalogOnly, 'CATALOG-ONLY-SKU-LONG'), lookup.claim(-1, 'CATALOG-ONLY-SKU-LONG')]).toEqual([true, false]);
  });
});
