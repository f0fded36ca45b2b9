/**
 * `kroll push --query` and `--table`: the rows of a DuckDB query are the records, with ship_to and
 * lines as STRUCT and LIST columns, as JSON columns, or flat columns read through the config's
 * mapping template. What was placed is asked of the sandbox.
 */
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import { destinationUnderTest, request, type DestinationUnderTest } from '../destination/helpers.js';
import { query } from './helpers.js';
import { kroll } from './kroll.js';
import { placedWith, pushFiles, submittedWith, summaryCount } from './push-helpers.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  under = await destinationUnderTest({ seed: 71 });
});
afterAll(async () => {
  await under?.close();
});

/** The orders as a warehouse holds them: one row per order, one per line. */
async function warehouse(path: string, orders: FulfillmentRequestsRecord[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    await c.run(`CREATE TABLE shop_orders (id VARCHAR, po VARCHAR, customer VARCHAR, street VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR, country VARCHAR, placed_on DATE)`);
    await c.run(`CREATE TABLE shop_lines (order_id VARCHAR, line_no INTEGER, sku VARCHAR, qty BIGINT)`);
    for (const o of orders) {
      const s = o.ship_to;
      await c.run(`INSERT INTO shop_orders VALUES ($1, $2, $3, $4, $5, $6, $7, $8, DATE '2026-12-01')`, [o.order_id, o.po_number!, s.name, s.address1, s.city, s.state, s.postal_code, s.country_code]);
      for (const [i, l] of o.lines.entries()) await c.run(`INSERT INTO shop_lines VALUES ($1, $2, $3, $4)`, [o.order_id, i + 1, l.sku, l.quantity]);
    }
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** Runs one statement on the file (a view over the warehouse's tables, say). */
async function run(path: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    await c.run(sql);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

function expectPlaced(orders: FulfillmentRequestsRecord[], prefix: string): void {
  const placed = placedWith(under.box, prefix);
  expect(placed.size).toBe(orders.length);
  for (const o of orders) {
    const got = placed.get(o.order_id);
    expect(got, o.order_id).toHaveLength(1);
    const r = got![0]!.request;
    expect([r.externalPo, r.shipToName, r.shipToAddress1, r.shipToCity, r.shipToStateProvince, r.shipToPostalCode]).toEqual([
      o.po_number,
      o.ship_to.name,
      o.ship_to.address1,
      o.ship_to.city,
      o.ship_to.state,
      o.ship_to.postal_code,
    ]);
    expect(r.detailLines.map((l) => [l.lineNumber, l.sku, l.quantityOrdered])).toEqual(o.lines.map((l, i) => [i + 1, l.sku, l.quantity]));
  }
}

const orders = (prefix: string, n: number): FulfillmentRequestsRecord[] => Array.from({ length: n }, (_, i) => request(`${prefix}-${i + 1}`, under));

const NESTED = `
  SELECT o.id AS order_id, o.po AS po_number,
         {'name': o.customer, 'address1': o.street, 'city': o.city, 'state': o.state, 'postal_code': o.zip, 'country_code': o.country} AS ship_to,
         list({'sku': l.sku, 'quantity': l.qty, 'line_number': l.line_no} ORDER BY l.line_no) AS lines
  FROM shop_orders o JOIN shop_lines l ON l.order_id = o.id
  GROUP BY ALL
  ORDER BY o.id;`;

describe('kroll push --query', () => {
  it('sends each row as a record, STRUCT columns as objects and LIST columns as arrays, and keeps its history in the same file', async () => {
    const files = pushFiles(under.config);
    const sent = orders('QS', 3);
    await warehouse(files.db, sent);

    const run = await kroll(['push', '--config', files.config, '--db', files.db, '--query', NESTED]);
    expect(run.code, run.stderr).toBe(0);
    expectPlaced(sent, 'QS-');
    expect(await query(files.db, `SELECT order_id, input_position FROM _kroll_push_records ORDER BY order_id`)).toEqual(
      sent.map((o, i) => ({ order_id: o.order_id, input_position: `row ${i + 1} of the query` })),
    );
    expect((await query(files.db, `SELECT input FROM _kroll_pushes`))[0]!.input).toBe(NESTED.trim());

    const calls = submittedWith(under.box, 'QS-').length;
    const again = await kroll(['push', '--config', files.config, '--db', files.db, '--query', NESTED]);
    expect(again.code, again.stderr).toBe(0);
    expect(summaryCount(again.stderr, 'answered by an earlier push')).toBe(3);
    expect(submittedWith(under.box, 'QS-')).toHaveLength(calls);
  });

  it('names a query DuckDB refuses, and one with no rows sends nothing', async () => {
    const files = pushFiles(under.config);
    await warehouse(files.db, orders('QE', 1));
    const refused = await kroll(['push', '--config', files.config, '--db', files.db, '--query', 'SELECT order_ref FROM shop_orders']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DuckDB cannot run the query: Binder Error');
    expect(refused.stderr).toContain('order_ref');
    expect(refused.stderr).not.toContain('_kroll_push_input');

    const twoStatements = await kroll(['push', '--config', files.config, '--db', files.db, '--query', 'SELECT 1; DROP TABLE shop_orders']);
    expect(twoStatements.code).toBe(1);
    expect(twoStatements.stderr).toContain('the query must be one SELECT statement (or FROM ..., VALUES ...), but it holds 2 statements: nothing ran');
    expect(await query(files.db, `SELECT count(*) AS n FROM shop_orders`)).toEqual([{ n: '1' }]);

    // A statement that is no SELECT is named as such, and does not run.
    for (const [statement, kind] of [
      ['DELETE FROM shop_orders', 'a DELETE'],
      ["UPDATE shop_orders SET city = 'x'", 'an UPDATE'],
      [`COPY shop_orders TO '${files.dir}/out.csv'`, 'a COPY'],
      [`ATTACH '${files.dir}/other.duckdb' AS other`, 'an ATTACH'],
    ]) {
      const other = await kroll(['push', '--config', files.config, '--db', files.db, '--query', statement!]);
      expect(other.code).toBe(1);
      expect(other.stderr).toContain(`the query must be one SELECT statement (or FROM ..., VALUES ...), but it is ${kind} statement: nothing ran`);
    }
    // One DuckDB cannot prepare (its table is not there, as push's history in a new database) is refused all the same.
    for (const statement of ['DELETE FROM _kroll_pushes', 'DROP TABLE no_such_table', `COPY no_such_table TO '${files.dir}/out.csv'`]) {
      const unbound = await kroll(['push', '--config', files.config, '--db', files.db, '--query', statement]);
      expect(unbound.code, statement).toBe(1);
      expect(unbound.stderr).toContain('the query must be one SELECT statement (or FROM ..., VALUES ...), but it is not a SELECT statement: nothing ran');
      expect(unbound.stderr).not.toContain('Parser Error');
    }
    expect(await query(files.db, `SELECT count(*) AS n FROM shop_orders WHERE city <> 'x'`)).toEqual([{ n: '1' }]);
    expect(existsSync(`${files.dir}/out.csv`) || existsSync(`${files.dir}/other.duckdb`)).toBe(false);

    const none = await kroll(['push', '--config', files.config, '--db', files.db, '--query', `SELECT * FROM shop_orders WHERE id = 'none'`]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('the query holds no records: nothing to push');
    expect(submittedWith(under.box, 'QE-')).toEqual([]);
  });
});

describe('kroll push --table', () => {
  it('sends a view with JSON columns for ship_to and lines', async () => {
    const files = pushFiles(under.config);
    const sent = orders('QJ', 2);
    await warehouse(files.db, sent);
    await run(files.db, `CREATE VIEW ready_orders AS SELECT order_id, po_number, to_json(ship_to) AS ship_to, to_json(lines) AS lines FROM (${NESTED.replace(';', '')})`);

    const pushed = await kroll(['push', '--config', files.config, '--db', files.db, '--table', 'ready_orders']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expectPlaced(sent, 'QJ-');
  });

  it("sends flat columns that the config's mapping template reads", async () => {
    const files = pushFiles({
      ...under.config,
      field_mapping: {
        purchase_order_number: 'id',
        external_po: 'po',
        ship_to_name: 'customer',
        ship_to_address1: 'street',
        ship_to_city: 'city',
        ship_to_state_province: 'state',
        ship_to_postal_code: 'zip',
        ship_to_country_code: 'country',
        line_sku: 'sku',
        line_quantity: 'qty',
      },
    });
    const sent = orders('QF', 2);
    await warehouse(files.db, sent);
    await run(
      files.db,
      `CREATE VIEW flat_orders AS SELECT o.id AS order_id, o.*, list({'sku': l.sku, 'qty': l.qty} ORDER BY l.line_no) AS lines
       FROM shop_orders o JOIN shop_lines l ON l.order_id = o.id GROUP BY ALL ORDER BY o.id`,
    );

    const pushed = await kroll(['push', '--config', files.config, '--db', files.db, '--table', 'flat_orders']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expectPlaced(sent, 'QF-');
  });

  it("names a table that does not exist, never suggesting kroll's own tables", async () => {
    const files = pushFiles(under.config);
    await warehouse(files.db, []);
    const absent = await kroll(['push', '--config', files.config, '--db', files.db, '--table', 'orders_ready']);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('DuckDB cannot run table orders_ready: Catalog Error: Table with name orders_ready does not exist');

    // A file kroll sync loaded: its internal tables are nearest to a name that matches nothing of the user's.
    const synced = pushFiles(under.config);
    await run(synced.db, 'CREATE TABLE _kroll_state (stream VARCHAR, state JSON)');
    const missing = await kroll(['push', '--config', synced.config, '--db', synced.db, '--table', 'foo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DuckDB cannot run table foo: Catalog Error: Table with name foo does not exist!');
    expect(missing.stderr).not.toContain('_kroll_');
  });
});
