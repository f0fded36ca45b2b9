import { describe, expect, it } from 'vitest';
import { createRowMapper, resolveColumns, type ValueIssue } from '../../../src/kroll/products/columns.js';
import { CATALOG_COLUMNS, INVENTORY_COLUMNS, STATUS_COLUMNS } from '../../../src/kroll/products/layout.js';
import { ConfigError } from '../../../src/protocol/errors.js';

describe('columns by header name', () => {
  it('finds columns regardless of order, case, spaces and underscores, and keeps unknown ones', () => {
    const header = ['Last Updated', 'quantity_available', 'SKU', 'Dealer Cost', 'Warehouse Bin', 'msrp'];
    const resolved = resolveColumns(INVENTORY_COLUMNS, header, '/ProductData/Inv.txt');
    expect(resolved.indexes.sku).toBe(2);
    expect(resolved.indexes.quantityAvailable).toBe(1);
    expect(resolved.indexes.dealerCost).toBe(3);
    expect(resolved.indexes.lastUpdated).toBe(0);
    expect(resolved.indexes.msrp).toBe(5);
    expect(resolved.indexes.weight).toBe(-1);
    expect(resolved.extra).toEqual([{ index: 4, name: 'Warehouse Bin' }]);
    expect(resolved.missing).toEqual(['MAPPrice', 'Weight', 'Length', 'Width', 'Height']);
  });

  it('fails with a config error naming the file and every missing required column', () => {
    const attempt = () => resolveColumns(CATALOG_COLUMNS, ['Sku', 'Name', 'UPC'], '/ProductData/Kroll_Complete_Catalog.txt');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow("/ProductData/Kroll_Complete_Catalog.txt has no column 'ProductId', 'ProductName' (required)");
  });

  it('reads a renamed column through an override', () => {
    const resolved = resolveColumns(STATUS_COLUMNS, ['Sku', 'StockStatus'], 'S.txt', { overrides: { status: 'Stock Status' } });
    expect(resolved.indexes.status).toBe(1);
    expect(resolved.names.status).toBe('StockStatus');
  });
});

describe('typed values', () => {
  const header = ['Sku', 'QuantityAvailable', 'DealerCost', 'MSRP', 'MAPPrice', 'Weight', 'Length', 'Width', 'Height', 'LastUpdated', 'Bin'];
  const resolved = resolveColumns(INVENTORY_COLUMNS, header, 'Inv.txt');
  const issues: ValueIssue[] = [];
  const map = createRowMapper(INVENTORY_COLUMNS, resolved, 'Inv.txt', (i) => issues.push(i));

  it('parses numbers, whole numbers and Kroll local dates; blank is null', () => {
    const item = map({ line: 7, fields: [' A-1 ', '12', '$1,204.50', '129.99', '', '0.75', '10', '2.5', '1', '2026-07-04 12:05:00', 'B-12'] });
    expect(item).toEqual({
      sku: 'A-1',
      quantityAvailable: 12,
      dealerCost: 1204.5,
      msrp: 129.99,
      mapPrice: null,
      weight: 0.75,
      length: 10,
      width: 2.5,
      height: 1,
      lastUpdated: '2026-07-04T16:05:00.000Z',
      line: 7,
      extra: { Bin: 'B-12' },
    });
    expect(issues).toEqual([]);
  });

  it('leaves a bad value empty and reports file, line, column and value', () => {
    issues.length = 0;
    const item = map({ line: 9, fields: ['A-2', '3.5', 'n/a', '1', '1', '1', '1', '1', '1', 'yesterday', ''] });
    expect(item.quantityAvailable).toBeNull();
    expect(item.dealerCost).toBeNull();
    expect(item.lastUpdated).toBeNull();
    expect(issues.map((i) => i.message)).toEqual([
      "Inv.txt line 9, column QuantityAvailable: '3.5' is not a whole number; the field is left empty.",
      "Inv.txt line 9, column DealerCost: 'n/a' is not a number; the field is left empty.",
      "Inv.txt line 9, column LastUpdated: 'yesterday' is not a date and time; the field is left empty.",
    ]);
  });

  it('reads Hazardous as Y/N, True/False or 1/0, and statuses in any case', () => {
    const catalogHeader = Object.values(CATALOG_COLUMNS).map((c) => c.header);
    const catalog = createRowMapper(CATALOG_COLUMNS, resolveColumns(CATALOG_COLUMNS, catalogHeader, 'C.txt'), 'C.txt', () => {});
    const hazard = (value: string) => catalog({ line: 2, fields: catalogHeader.map((h) => (h === 'Hazardous' ? value : 'x')) }).hazardous;
    expect(['Y', 'y', 'Yes', 'TRUE', 'True', '1'].map(hazard)).toEqual([true, true, true, true, true, true]);
    expect(['N', 'no', 'False', 'F', '0'].map(hazard)).toEqual([false, false, false, false, false]);
    expect(hazard('')).toBeNull();

    const status = createRowMapper(STATUS_COLUMNS, resolveColumns(STATUS_COLUMNS, ['Sku', 'Status'], 'S.txt'), 'S.txt', () => {});
    expect(['Stock', 'DISCO', 'clso', 'Discontinued', 'Closeout'].map((s) => status({ line: 2, fields: ['A', s] }).status)).toEqual([
      'Stock',
      'Disco',
      'CLSO',
      'Disco',
      'CLSO',
    ]);
  });
});
