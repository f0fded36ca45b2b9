/**
 * A drifted layout end to end: diagnose and check fail naming the file and column, the mapping
 * the diagnosis proposes makes both pass, and `read` then emits the very records of the usual
 * layout (the generator's truth).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extraColumnValue } from '../../../src/sandbox/index.js';
import { sourceProgram } from '../../../src/source/program.js';
import { bySku, expectedInventory, expectedProduct, truth } from '../../helpers/expected.js';
import { assertValidRecord, errorsOf, recordsOf } from '../../helpers/protocol.js';
import { jsonFiles, runInProcess } from '../../helpers/run.js';
import { feedModifiedAt, readFiles, sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';
import { diagnoseJson, line, notOk } from './helpers.js';
import { ORDER_STREAMS } from '../../helpers/expected-orders.js';

const SEED = 9;
const COUNT = 300;
const products = truth(SEED, COUNT);
let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({
    products: COUNT,
    seed: SEED,
    layout: {
      rename: { inventory: { QuantityAvailable: 'Qty Available Now' }, catalog: { ProductName: 'ProductTitle', MSRP: 'ListPrice' } },
      reorder: true,
      extra: { catalog: ['WarehouseBin'] },
    },
  });
});
afterAll(async () => {
  await box?.close();
});

const MAPPING = {
  inventory_columns: { quantity_available: 'Qty Available Now' },
  catalog_columns: { name: 'ProductTitle', msrp: 'ListPrice' },
};

async function check(config: Record<string, unknown>) {
  const { messages } = await runInProcess(sourceProgram, ['check', '--config', jsonFiles({ config }).config!]);
  return messages.find((m) => m.type === 'CONNECTION_STATUS')!.connectionStatus!;
}

describe('a drifted layout', () => {
  it('fails diagnose naming each file and missing column, with the mapping that fixes it', async () => {
    const { code, report } = await diagnoseJson(sourceConfig(box));
    expect(code).toBe(1);
    expect(notOk(report)).toEqual(['catalog/columns fail', 'inventory/columns fail']);
    const inventory = line(report, 'inventory', 'columns');
    expect(inventory.message).toContain("no column 'QuantityAvailable' (quantity_available), which the inventory export cannot do without");
    expect(inventory.fix).toBe('If Kroll renamed the column, set "inventory_columns": {"quantity_available": "Qty Available Now"}.');
    const catalog = line(report, 'catalog', 'columns');
    expect(catalog.message).toContain("no column 'ProductName' (name)");
    expect(catalog.message).toContain('3 unknown (WarehouseBin, ListPrice, ProductTitle): kept in products.extra_columns');
    expect(catalog.message).toContain("no column 'MSRP' (msrp): that field stays empty");
    expect(catalog.fix).toBe('If Kroll renamed these columns, set "catalog_columns": {"name": "ProductTitle", "msrp": "<its header name>"}.');
    expect(report.streams.map((s) => [s.stream, s.verdict])).toEqual([
      ['products', 'will not work'],
      ['inventory', 'will not work'],
      ...ORDER_STREAMS.map((stream) => [stream, 'works']),
    ]);
  });

  it('fails check naming the file and the column', async () => {
    const status = await check(sourceConfig(box));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/^\/ProductData\/Kroll_Complete_Catalog\.txt has no column 'ProductName' \(required\)\. Its header has: WarehouseBin, MAPPrice, ListPrice, /);
  });

  it('passes diagnose and check once the config maps the renamed columns', async () => {
    const config = sourceConfig(box, MAPPING);
    const { code, report } = await diagnoseJson(config);
    expect(notOk(report)).toEqual([]);
    expect(code).toBe(0);
    expect(line(report, 'catalog', 'columns').message).toBe('22 columns: 21 of 21 fields found; 1 unknown (WarehouseBin): kept in products.extra_columns');
    expect(line(report, 'config', 'column names').message).toBe(
      'set by the config: "catalog_columns": {"name": "ProductTitle", "msrp": "ListPrice"}, "inventory_columns": {"quantity_available": "Qty Available Now"}',
    );
    const first = products.find((p) => p.productId.trim() !== '')!;
    expect(line(report, 'catalog', 'first record').data).toEqual({
      ...expectedProduct(first, feedModifiedAt(box.dataDir)),
      extra_columns: { WarehouseBin: extraColumnValue('WarehouseBin', first.sku) },
    });
    const status = await check(config);
    expect(status.status).toBe('SUCCEEDED');
    expect(status.message).toContain('every file has its required columns (with "catalog_columns"');
  });

  it('reads the same records as from the usual layout once mapped', async () => {
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }, { name: 'inventory' }], { config: MAPPING }));
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    const feed = feedModifiedAt(box.dataDir);
    const expectedProducts = products
      .map((p) => expectedProduct(p, feed))
      .filter((r) => r !== undefined)
      .map((r) => ({ ...r, extra_columns: { WarehouseBin: extraColumnValue('WarehouseBin', r.sku) } }));
    const actual = recordsOf(messages, 'products');
    expect(actual.length).toBe(expectedProducts.length);
    expect(bySku(actual)).toEqual(bySku(expectedProducts));
    for (const record of actual) assertValidRecord('products', record);
    const expectedInventoryRecords = products.map(expectedInventory).filter((r) => r !== undefined);
    expect(bySku(recordsOf(messages, 'inventory'))).toEqual(bySku(expectedInventoryRecords));
  });
});
