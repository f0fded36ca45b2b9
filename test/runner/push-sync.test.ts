/**
 * The round trip a data team makes: `kroll push` places orders with a running `bin/kroll-sandbox`
 * (its printed destination_config), and a following `kroll sync` of the same sandbox (its
 * source_config) shows them in `purchase_orders` and `purchase_order_lines`, with what was pushed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import { productAt } from '../../src/sandbox/index.js';
import { BIN } from '../helpers/run.js';
import { query } from './helpers.js';
import { kroll } from './kroll.js';
import { pushFiles, summaryCount } from './push-helpers.js';

const SEED = 73;
let sandbox: ChildProcess;
let info: { source_config: Record<string, unknown>; destination_config: Record<string, unknown> };

beforeAll(async () => {
  sandbox = spawn(process.execPath, [BIN('kroll-sandbox'), '--products', '200', '--orders', '10', '--seed', String(SEED)], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  info = await new Promise((resolve, reject) => {
    sandbox.once('exit', (code) => reject(new Error(`kroll-sandbox exited with ${code} before it was ready`)));
    sandbox.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
  });
}, 60_000);
afterAll(async () => {
  if (!sandbox || sandbox.exitCode !== null) return;
  const exited = new Promise((resolve) => sandbox.once('exit', resolve));
  sandbox.kill('SIGTERM');
  await exited;
});

function orders(): FulfillmentRequestsRecord[] {
  const skus = Array.from({ length: 200 }, (_, i) => productAt(SEED, i))
    .filter((p) => p.productId.trim() !== '' && p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) >= 5)
    .map((p) => p.sku);
  return [1, 2, 3].map((n) => ({
    order_id: `RT-${n}`,
    po_number: `CUST-PO-${n}`,
    ship_via: 'UPSGround',
    ship_to: { name: `Customer ${n}`, address1: `${n} Harbor Street`, city: 'Portland', state: 'ME', postal_code: '04101', country_code: 'US' },
    lines: skus.slice(n, n + n).map((sku, i) => ({ sku, quantity: i + 1, line_number: i + 1 })) as FulfillmentRequestsRecord['lines'],
  }));
}

describe('kroll push, then kroll sync', () => {
  it('shows the pushed orders in purchase_orders and their lines in purchase_order_lines', async () => {
    const files = pushFiles(info.destination_config);
    const sent = orders();
    const pushed = await kroll(['push', '--config', files.config, '--input', files.input(sent), '--db', files.db]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(summaryCount(pushed.stderr, 'placed')).toBe(3);

    const source = join(files.dir, 'source.json');
    writeFileSync(source, JSON.stringify(info.source_config));
    const synced = await kroll(['sync', '--config', source, '--db', files.db, '--streams', 'purchase_orders,purchase_order_lines']);
    expect(synced.code, synced.stderr).toBe(0);

    const rows = await query(
      files.db,
      `SELECT purchase_order_number, external_po_number, order_source, order_confirmation_number FROM purchase_orders
       WHERE purchase_order_number LIKE 'RT-%' ORDER BY purchase_order_number`,
    );
    expect(rows.map(({ order_confirmation_number: _, ...r }) => r)).toEqual(
      sent.map((o) => ({ purchase_order_number: o.order_id, external_po_number: o.po_number, order_source: 'Api' })),
    );
    const lines = await query(
      files.db,
      `SELECT po.purchase_order_number, l.line_number, l.sku, l.quantity_ordered
       FROM purchase_order_lines l JOIN purchase_orders po USING (order_confirmation_number)
       WHERE po.purchase_order_number LIKE 'RT-%' ORDER BY 1, 2`,
    );
    expect(lines).toEqual(
      sent.flatMap((o) => o.lines.map((l) => ({ purchase_order_number: o.order_id, line_number: String(l.line_number), sku: l.sku, quantity_ordered: String(l.quantity) }))),
    );
    // The push history in the same file names the confirmation number each order got.
    const history = await query(files.db, `SELECT order_id, message FROM _kroll_push_records ORDER BY order_id`);
    for (const [i, row] of rows.entries()) expect(history[i]!.message).toContain(`confirmation number ${row.order_confirmation_number}`);
  });
});
