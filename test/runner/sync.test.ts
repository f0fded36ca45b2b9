/**
 * `kroll sync` end to end: the real binaries (kroll, source-kroll) against the sandbox's FTP
 * server on 127.0.0.1, checked against the generator's truth and DuckDB's information_schema.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedInventory, expectedProduct, truth } from '../helpers/expected.js';
import { CURSOR, ORDER_STREAMS, PRIMARY_KEY, expectedOrderRecords } from '../helpers/expected-orders.js';
import { feedModifiedAt, productsState, sandbox, type Sandbox } from '../helpers/sandbox.js';
import { columnTypes, query, tableContents, tableNames, tempDb } from './helpers.js';
import { configFile, kroll, summaryRow } from './kroll.js';

const SEED = 11;
const COUNT = 300;
const products = truth(SEED, COUNT);
const expectedProducts = products.filter((p) => p.productId.trim() !== '');
const expectedInventoryRows = products.filter((p) => p.inventory !== null);

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: SEED });
});
afterAll(async () => {
  await box?.close();
});

/** The types the README's mapping gives the two streams' fields. */
const PRODUCT_TYPES: Record<string, string> = {
  sku: 'VARCHAR',
  product_id: 'VARCHAR',
  name: 'VARCHAR',
  short_description: 'VARCHAR',
  long_description: 'VARCHAR',
  manufacturer: 'VARCHAR',
  manufacturer_code: 'VARCHAR',
  mpn: 'VARCHAR',
  upc: 'VARCHAR',
  category_1: 'VARCHAR',
  category_2: 'VARCHAR',
  category_3: 'VARCHAR',
  image_path: 'VARCHAR',
  hazardous: 'BOOLEAN',
  country_of_origin: 'VARCHAR',
  weight: 'DOUBLE',
  length: 'DOUBLE',
  width: 'DOUBLE',
  height: 'DOUBLE',
  msrp: 'DOUBLE',
  map_price: 'DOUBLE',
  dealer_cost: 'DOUBLE',
  quantity_available: 'BIGINT',
  status: 'VARCHAR',
  is_active: 'BOOLEAN',
  last_updated: 'TIMESTAMP WITH TIME ZONE',
  feed_modified_at: 'TIMESTAMP WITH TIME ZONE',
  extra_columns: 'JSON',
  _airbyte_extracted_at: 'TIMESTAMP WITH TIME ZONE',
  _airbyte_meta: 'JSON',
};
const INVENTORY_TYPES: Record<string, string> = {
  sku: 'VARCHAR',
  quantity_available: 'BIGINT',
  dealer_cost: 'DOUBLE',
  msrp: 'DOUBLE',
  map_price: 'DOUBLE',
  weight: 'DOUBLE',
  length: 'DOUBLE',
  width: 'DOUBLE',
  height: 'DOUBLE',
  last_updated: 'TIMESTAMP WITH TIME ZONE',
  extra_columns: 'JSON',
  _airbyte_extracted_at: 'TIMESTAMP WITH TIME ZONE',
  _airbyte_meta: 'JSON',
};

const TIMESTAMPTZ = 'TIMESTAMP WITH TIME ZONE';
const METADATA_TYPES = { _airbyte_extracted_at: TIMESTAMPTZ, _airbyte_meta: 'JSON' };
/** The order side's tables, typed from their schemas: lists for arrays, DOUBLE for amounts. */
const ORDER_TYPES: Record<string, Record<string, string>> = {
  purchase_orders: {
    order_confirmation_number: 'VARCHAR', purchase_order_number: 'VARCHAR', external_po_number: 'VARCHAR', order_date: TIMESTAMPTZ,
    order_source: 'VARCHAR', order_status: 'VARCHAR', ...METADATA_TYPES,
  },
  purchase_order_lines: {
    order_confirmation_number: 'VARCHAR', line_number: 'BIGINT', order_date: TIMESTAMPTZ, sku: 'VARCHAR', quantity_ordered: 'BIGINT',
    quantity_shipped: 'BIGINT', quantity_canceled: 'BIGINT', quantity_backordered: 'BIGINT', ...METADATA_TYPES,
  },
  shipments: {
    shipment_id: 'VARCHAR', order_confirmation_number: 'VARCHAR', purchase_order_number: 'VARCHAR', external_po_number: 'VARCHAR',
    ship_date: TIMESTAMPTZ, carrier: 'VARCHAR', ship_via: 'VARCHAR', tracking_numbers: 'VARCHAR[]', freight_amount: 'DOUBLE',
    is_complete: 'BOOLEAN', partial: 'BOOLEAN', ...METADATA_TYPES,
  },
  shipment_lines: { shipment_id: 'VARCHAR', line_number: 'BIGINT', ship_date: TIMESTAMPTZ, sku: 'VARCHAR', quantity_shipped: 'BIGINT', ...METADATA_TYPES },
  invoices: {
    invoice_number: 'VARCHAR', invoice_date: TIMESTAMPTZ, due_date: TIMESTAMPTZ, payment_terms: 'VARCHAR', order_confirmation_number: 'VARCHAR',
    purchase_order_number: 'VARCHAR', external_po_number: 'VARCHAR', shipment_id: 'VARCHAR', product_amount: 'DOUBLE', freight_amount: 'DOUBLE',
    handling_amount: 'DOUBLE', tax_amount: 'DOUBLE', total_amount: 'DOUBLE', ...METADATA_TYPES,
  },
  invoice_lines: {
    invoice_number: 'VARCHAR', line_number: 'BIGINT', invoice_date: TIMESTAMPTZ, sku: 'VARCHAR', description: 'VARCHAR', quantity_invoiced: 'BIGINT',
    unit_price: 'DOUBLE', extended_price: 'DOUBLE', ...METADATA_TYPES,
  },
};

const ms = (iso: string | null | undefined) => (iso === null || iso === undefined ? null : Date.parse(iso));

async function productRows(db: string) {
  const rows = await query(
    db,
    `SELECT sku, product_id, name, upc, hazardous, weight, msrp, map_price, dealer_cost, quantity_available::INTEGER AS quantity_available, status, is_active,
            epoch_ms(last_updated) AS last_updated, epoch_ms(feed_modified_at) AS feed_modified_at, extra_columns FROM products ORDER BY sku`,
  );
  return rows.map((r) => ({ ...r, last_updated: r.last_updated === null ? null : Number(r.last_updated), feed_modified_at: Number(r.feed_modified_at) }));
}

function expectedProductRows() {
  const feed = feedModifiedAt(box.dataDir);
  return expectedProducts
    .map((p) => expectedProduct(p, feed)!)
    .map((p) => ({
      sku: p.sku,
      product_id: p.product_id,
      name: p.name,
      upc: p.upc,
      hazardous: p.hazardous,
      weight: p.weight,
      msrp: p.msrp,
      map_price: p.map_price,
      dealer_cost: p.dealer_cost,
      quantity_available: p.quantity_available,
      status: p.status,
      is_active: p.is_active,
      last_updated: ms(p.last_updated),
      feed_modified_at: ms(p.feed_modified_at),
      extra_columns: null,
    }))
    .sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

describe('kroll sync against the sandbox', () => {
  const db = tempDb();
  let first: Awaited<ReturnType<typeof kroll>>;
  let firstProducts: unknown;
  let firstInventory: unknown;

  beforeAll(async () => {
    first = await kroll(['sync', '--config', configFile(box, db, { checkpoint_interval_records: 50 }), '--db', db]);
    firstProducts = await tableContents(db, 'products');
    firstInventory = await tableContents(db, 'inventory');
  });

  it('loads every stream and exits 0, with a summary of what it loaded', () => {
    expect(first.stderr).toContain('Loaded into');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(summaryRow(first.stderr, 'products')).toEqual({ mode: 'incremental', status: 'complete', loaded: expectedProducts.length, inTable: expectedProducts.length });
    expect(summaryRow(first.stderr, 'inventory')).toEqual({ mode: 'full refresh', status: 'complete', loaded: expectedInventoryRows.length, inTable: expectedInventoryRows.length });
  });

  it('fills one typed table per stream, with its primary key', async () => {
    expect(await tableNames(db)).toEqual(['_kroll_state', '_kroll_syncs', 'inventory', ...ORDER_STREAMS, 'products'].sort());
    expect(await columnTypes(db, 'products')).toEqual(PRODUCT_TYPES);
    expect(await columnTypes(db, 'inventory')).toEqual(INVENTORY_TYPES);
    for (const stream of ORDER_STREAMS) expect(await columnTypes(db, stream), stream).toEqual(ORDER_TYPES[stream]);
    const keys = await query(db, `SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name NOT LIKE '\\_kroll%' ESCAPE '\\' ORDER BY table_name`);
    expect(keys).toEqual(
      [
        { table_name: 'inventory', constraint_column_names: ['sku'] },
        { table_name: 'products', constraint_column_names: ['sku'] },
        ...ORDER_STREAMS.map((stream) => ({ table_name: stream, constraint_column_names: PRIMARY_KEY[stream] })),
      ].sort((a, b) => (a.table_name < b.table_name ? -1 : 1)),
    );
  });

  it("holds the generator's orders, shipments and invoices, typed", async () => {
    const start = Date.parse(`${String(box.info.source_config.start_date)}T00:00:00Z`);
    const expected = expectedOrderRecords(box.api.book, start);
    for (const stream of ORDER_STREAMS) {
      expect(summaryRow(first.stderr, stream), stream).toEqual({ mode: 'incremental', status: 'complete', loaded: expected[stream].length, inTable: expected[stream].length });
    }
    const shipments = await query(
      db,
      `SELECT shipment_id, epoch_ms(ship_date) AS ship_date, carrier, tracking_numbers, freight_amount, is_complete, partial FROM shipments ORDER BY shipment_id`,
    );
    expect(shipments.map((r) => ({ ...r, ship_date: Number(r.ship_date) }))).toEqual(
      expected.shipments
        .map((s) => ({ shipment_id: s.shipment_id, ship_date: Date.parse(s.ship_date), carrier: s.carrier, tracking_numbers: s.tracking_numbers, freight_amount: s.freight_amount, is_complete: s.is_complete, partial: s.partial }))
        .sort((a, b) => (a.shipment_id < b.shipment_id ? -1 : 1)),
    );
    const totals = await query(db, `SELECT (SELECT round(sum(total_amount), 2) FROM invoices) AS total, (SELECT sum(quantity_backordered)::INTEGER FROM purchase_order_lines) AS backordered`);
    expect(totals).toEqual([
      {
        total: Math.round(expected.invoices.reduce((n, v) => n + v.total_amount * 100, 0)) / 100,
        backordered: expected.purchase_order_lines.reduce((n, l) => n + l.quantity_backordered, 0),
      },
    ]);
  });

  it('holds every product of the generator, joined and typed', async () => {
    expect(await productRows(db)).toEqual(expectedProductRows());
  });

  it('holds the inventory export', async () => {
    const rows = await query(db, `SELECT sku, quantity_available::INTEGER AS q, dealer_cost, epoch_ms(last_updated) AS t FROM inventory ORDER BY sku`);
    const expected = expectedInventoryRows
      .map((p) => expectedInventory(p)!)
      .map((r) => ({ sku: r.sku, q: r.quantity_available, dealer_cost: r.dealer_cost, t: String(ms(r.last_updated)) }))
      .sort((a, b) => (a.sku < b.sku ? -1 : 1));
    expect(rows.map((r) => ({ ...r, t: String(r.t) }))).toEqual(expected);
  });

  it('keeps the state of each stream and the sync in the file', async () => {
    const states = await query(db, `SELECT stream, state, staging_state FROM _kroll_state WHERE stream IN ('inventory', 'products') ORDER BY stream`);
    expect(states).toEqual([
      { stream: 'inventory', state: null, staging_state: null },
      { stream: 'products', state: JSON.stringify(productsState(box.dataDir)), staging_state: null },
    ]);
    for (const stream of ORDER_STREAMS) {
      const [row] = await query(db, `SELECT state, staging_state FROM _kroll_state WHERE stream = '${stream}'`);
      expect(row!.staging_state).toBeNull();
      const state = JSON.parse(String(row!.state)) as Record<string, string>;
      expect(Object.keys(state), stream).toEqual([CURSOR[stream]]);
      expect(Date.parse(state[CURSOR[stream]]!)).toBeGreaterThan(Date.now() - 120_000);
    }
    const syncs = await query(db, `SELECT sync_id::INTEGER AS id, source, status FROM _kroll_syncs`);
    expect(syncs).toEqual([{ id: 1, source: 'config', status: 'succeeded' }]);
  });

  it("runs the README's example SQL, the order side's too, each query with an answer", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Querying what `kroll sync` loaded'), readme.indexOf('## Using it with your Kroll account'));
    const examples = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(6);
    for (const sql of examples) expect((await query(db, sql)).length, sql).toBeGreaterThan(0);

    // The first, active products out of stock by maker, from the generator: a product without a
    // status counts as active (status <> 'Disco' would drop it).
    const feed = feedModifiedAt(box.dataDir);
    const records = expectedProducts.map((p) => expectedProduct(p, feed)!);
    const byMaker = new Map<string, number>();
    for (const p of records) {
      if (p.quantity_available === 0 && p.status !== 'Disco') byMaker.set(String(p.manufacturer), (byMaker.get(String(p.manufacturer)) ?? 0) + 1);
    }
    const expected = [...byMaker].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, 10);
    expect((await query(db, examples[0]!)).map((r) => [r.manufacturer, Number(r.out_of_stock)])).toEqual(expected);

    // This sandbox has no out-of-stock product without a status: three made here, one of each status kind.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`CREATE TABLE products AS FROM (VALUES ('Acme', 0, NULL), ('Acme', 0, 'Stock'), ('Acme', 0, 'Disco'), ('Bolt', 4, NULL)) t(manufacturer, quantity_available, status)`);
      const rows = (await connection.runAndReadAll(examples[0]!)).getRowObjectsJson();
      expect(rows).toEqual([{ manufacturer: 'Acme', out_of_stock: '2' }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('adds nothing on a second sync: products are incremental, inventory is replaced by the same rows', async () => {
    const second = await kroll(['sync', '--config', configFile(box, db), '--db', db]);
    expect(second.code).toBe(0);
    expect(summaryRow(second.stderr, 'products')).toEqual({ mode: 'incremental', status: 'complete', loaded: 0, inTable: expectedProducts.length });
    expect(summaryRow(second.stderr, 'inventory')).toEqual({ mode: 'full refresh', status: 'complete', loaded: expectedInventoryRows.length, inTable: expectedInventoryRows.length });
    // The order side reads its lookback window again and merges it: the same rows, none twice.
    for (const stream of ORDER_STREAMS) {
      const before = summaryRow(first.stderr, stream)!;
      const again = summaryRow(second.stderr, stream)!;
      expect(again, stream).toMatchObject({ mode: 'incremental', status: 'complete', inTable: before.inTable });
      expect(again.loaded, stream).toBeLessThan(before.loaded / 5);
    }
    expect(await tableContents(db, 'products')).toEqual(firstProducts);
    expect(await tableContents(db, 'inventory')).toEqual(firstInventory);
    const metas = await query(db, `SELECT DISTINCT _airbyte_meta->>'sync_id' AS sync FROM inventory`);
    expect(metas).toEqual([{ sync: '2' }]);
  });
});

describe('kroll sync options', () => {
  it('--streams loads only the streams named', async () => {
    const db = tempDb();
    const run = await kroll(['sync', '--config', configFile(box, db), '--db', db, '--streams', 'inventory']);
    expect(run.code).toBe(0);
    expect(await tableNames(db)).toEqual(['_kroll_state', '_kroll_syncs', 'inventory']);
    expect(summaryRow(run.stderr, 'products')).toBeUndefined();
  });

  it('--full-refresh replaces an incremental table, and the next incremental sync reads from the start', async () => {
    const db = tempDb();
    const config = configFile(box, db);
    expect((await kroll(['sync', '--config', config, '--db', db, '--streams', 'products'])).code).toBe(0);
    // A row the feed does not have: an incremental sync keeps it, a full refresh does not.
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run(`INSERT INTO products (sku, product_id, feed_modified_at, _airbyte_extracted_at) VALUES ('GONE-1', '1', now(), now())`);
    connection.closeSync();
    instance.closeSync();

    const incremental = await kroll(['sync', '--config', config, '--db', db, '--streams', 'products']);
    expect(summaryRow(incremental.stderr, 'products')).toMatchObject({ mode: 'incremental', loaded: 0, inTable: expectedProducts.length + 1 });

    const full = await kroll(['sync', '--config', config, '--db', db, '--streams', 'products', '--full-refresh']);
    expect(full.code).toBe(0);
    expect(summaryRow(full.stderr, 'products')).toEqual({ mode: 'full refresh', status: 'complete', loaded: expectedProducts.length, inTable: expectedProducts.length });
    expect(await query(db, `SELECT count(*)::INTEGER AS n FROM products WHERE sku = 'GONE-1'`)).toEqual([{ n: 0 }]);
    expect(await query(db, `SELECT state FROM _kroll_state WHERE stream = 'products'`)).toEqual([{ state: null }]);

    const after = await kroll(['sync', '--config', config, '--db', db, '--streams', 'products']);
    expect(summaryRow(after.stderr, 'products')).toMatchObject({ mode: 'incremental', loaded: expectedProducts.length, inTable: expectedProducts.length });
  });

  it('without --config, syncs from a sandbox started in the process, into ./kroll.duckdb', async () => {
    const dir = tempDb().replace(/\/test\.duckdb$/, '');
    const run = await kroll(['sync', '--products', '120'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('starting the Kroll sandbox (120 products)');
    const sandboxTruth = truth(1, 120);
    const db = `${dir}/kroll.duckdb`;
    expect(await query(db, `SELECT count(*)::INTEGER AS n FROM products`)).toEqual([{ n: sandboxTruth.filter((p) => p.productId.trim() !== '').length }]);
    expect(await query(db, `SELECT count(*)::INTEGER AS n FROM inventory`)).toEqual([{ n: sandboxTruth.filter((p) => p.inventory !== null).length }]);
    expect(await query(db, `SELECT source FROM _kroll_syncs`)).toEqual([{ source: 'sandbox' }]);
  });
});
