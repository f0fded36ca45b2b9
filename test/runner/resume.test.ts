/**
 * A sync killed part-way (SIGKILL of kroll itself, or of its source) and run again ends equal to
 * one that was never interrupted: nothing lost, nothing twice. (kroll reads the source's output
 * ahead, so the source is usually done long before kroll: killing kroll is what stops a load
 * between checkpoints; the source is killed while it waits on a file.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProductFiles } from '../../src/sandbox/index.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';
import { query, tableContents, tableNames, tempDb } from './helpers.js';
import { configFile, kroll, startKroll } from './kroll.js';
import { testFolder } from '../helpers/temp.js';

// Enough checkpoints that a kill after the fifth lands well before the end of the stream.
const COUNT = 3000;
const EVERY = 30;

let box: Sandbox;
const reference = tempDb();
let referenceTables: { products: unknown; inventory: unknown };

beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: 3 });
  const run = await kroll(['sync', '--config', configFile(box, reference, { checkpoint_interval_records: EVERY }), '--db', reference]);
  expect(run.code).toBe(0);
  referenceTables = { products: await tableContents(reference, 'products'), inventory: await tableContents(reference, 'inventory') };
}, 120_000);
afterAll(async () => {
  await box?.close();
});

async function expectEqualToReference(db: string): Promise<void> {
  expect(await tableContents(db, 'products')).toEqual(referenceTables.products);
  expect(await tableContents(db, 'inventory')).toEqual(referenceTables.inventory);
}

async function count(db: string, table: string): Promise<number> {
  return Number((await query(db, `SELECT count(*) AS n FROM "${table}"`))[0]!.n);
}

/** The order-side streams' tables, in name order. */
const ORDER_TABLES = ['invoice_lines', 'invoices', 'purchase_order_lines', 'purchase_orders', 'shipment_lines', 'shipments'];

const committed = (stream: string, state: number) => new RegExp(`kroll: ${stream}: .*\\(state ${state}\\)`);

describe('kroll killed with SIGKILL', () => {
  it('part-way through an incremental stream resumes from its last committed state', async () => {
    const db = tempDb();
    const config = configFile(box, db, { checkpoint_interval_records: EVERY });
    const victim = startKroll(['sync', '--verbose', '--config', config, '--db', db]);
    await victim.waitFor(committed('products', 5));
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');

    // Killed mid-way: part of the products are in, with the state that covers them.
    const loaded = await count(db, 'products');
    expect(loaded).toBeGreaterThanOrEqual(5 * EVERY);
    expect(loaded).toBeLessThan((referenceTables.products as unknown[]).length);
    const [state] = await query(db, `SELECT state FROM _kroll_state WHERE stream = 'products'`);
    expect(JSON.parse(String(state!.state))).toMatchObject({ resume: { line: expect.any(Number) } });

    const rerun = await kroll(['sync', '--config', config, '--db', db]);
    expect(rerun.code).toBe(0);
    await expectEqualToReference(db);
    expect(await query(db, `SELECT status FROM _kroll_syncs ORDER BY sync_id`)).toEqual([{ status: 'interrupted' }, { status: 'succeeded' }]);
  });

  it('part-way through a full refresh resumes its staging table', async () => {
    const db = tempDb();
    const config = configFile(box, db, { checkpoint_interval_records: EVERY });
    const victim = startKroll(['sync', '--verbose', '--config', config, '--db', db]);
    await victim.waitFor(committed('inventory', 5));
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');

    // The staging table survived with its state; the table itself was never created. (The order-side
    // streams, incremental and not read yet, have their empty tables.)
    expect(await tableNames(db)).toEqual(['_kroll_staging_inventory', '_kroll_state', '_kroll_syncs', ...ORDER_TABLES.slice(0, 2), 'products', ...ORDER_TABLES.slice(2)]);
    const staged = await count(db, '_kroll_staging_inventory');
    expect(staged).toBeGreaterThanOrEqual(5 * EVERY);
    expect(staged).toBeLessThan((referenceTables.inventory as unknown[]).length);
    const [state] = await query(db, `SELECT staging_state FROM _kroll_state WHERE stream = 'inventory'`);
    expect(JSON.parse(String(state!.staging_state))).toMatchObject({ resume: { line: expect.any(Number) } });

    const rerun = await kroll(['sync', '--config', config, '--db', db]);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('inventory: started (full refresh, resuming an interrupted full refresh)');
    await expectEqualToReference(db);
    expect(await tableNames(db)).toEqual(['_kroll_state', '_kroll_syncs', 'inventory', ...ORDER_TABLES.slice(0, 2), 'products', ...ORDER_TABLES.slice(2)]);
  });
});

describe('the source killed with SIGKILL', () => {
  // The source is held still for the kill: a second sandbox serves the same folder with each file
  // looking mid-upload on its first download, and the victim's config waits long before a re-read.
  let root: string;
  let plain: Sandbox;
  let uploading: Sandbox;
  beforeAll(async () => {
    root = testFolder('kroll-runner-root-');
    await writeProductFiles(root, { seed: 4, products: 400 });
    plain = await sandbox({ ftpRoot: root });
    uploading = await sandbox({ ftpRoot: root, uploadingReads: 1 });
  });
  afterAll(async () => {
    await plain?.close();
    await uploading?.close();
  });

  it('fails the streams it did not finish, leaves their tables as they were, and the next sync completes them', async () => {
    const db = tempDb();
    expect((await kroll(['sync', '--config', configFile(plain, db), '--db', db])).code).toBe(0);
    const before = { products: await tableContents(db, 'products'), inventory: await tableContents(db, 'inventory') };

    const waiting = configFile(uploading, db, { file_change_retries: 1, file_change_retry_delay_seconds: 60 });
    const run = startKroll(['sync', '--verbose', '--full-refresh', '--config', waiting, '--db', db]);
    const [, pid] = await run.waitFor(/source-kroll read started \(pid (\d+)\)/);
    await run.waitFor(/kroll: products: started/);
    process.kill(Number(pid), 'SIGKILL');
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('products: source-kroll was stopped by SIGKILL before the stream finished');
    expect(result.stderr).toMatch(/^products\s+full refresh\s+FAILED/m);
    // The source was held on the products files: it had started no other stream.
    for (const stream of ['inventory', ...ORDER_TABLES]) expect(result.stderr).toMatch(new RegExp(`^${stream}\\s+full refresh\\s+not started`, 'm'));
    expect(result.stderr).not.toContain('inventory: source-kroll was stopped by SIGKILL before the stream finished');
    const [sync] = await query(db, `SELECT streams::JSON::VARCHAR AS streams FROM _kroll_syncs ORDER BY sync_id DESC LIMIT 1`);
    const streams = JSON.parse(String(sync!.streams)) as { stream: string; status: string; errors: string[] }[];
    expect(streams.find((s) => s.stream === 'products')).toMatchObject({ status: 'failed', errors: ['source-kroll was stopped by SIGKILL before the stream finished'] });
    expect(streams.find((s) => s.stream === 'inventory')).toMatchObject({ status: 'not started', errors: ['source-kroll was stopped by SIGKILL before it started the stream'] });
    expect({ products: await tableContents(db, 'products'), inventory: await tableContents(db, 'inventory') }).toEqual(before);

    const rerun = await kroll(['sync', '--full-refresh', '--config', configFile(uploading, db), '--db', db]);
    expect(rerun.code).toBe(0);
    const fresh = tempDb();
    expect((await kroll(['sync', '--config', configFile(uploading, fresh), '--db', fresh])).code).toBe(0);
    expect(await tableContents(db, 'products')).toEqual(await tableContents(fresh, 'products'));
    expect(await tableContents(db, 'inventory')).toEqual(await tableContents(fresh, 'inventory'));
  });
});
