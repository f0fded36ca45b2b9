/**
 * A stream that fails (the sandbox serving a catalog with a header and no rows, as Kroll does while
 * it regenerates the file) leaves its table as it was, while the other streams load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProductFiles } from '../../src/sandbox/index.js';
import { CATALOG_FILE_NAME, PRODUCT_DATA_DIR } from '../../src/sandbox/products/files.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';
import { query, tableContents, tempDb } from './helpers.js';
import { configFile, kroll, summaryRow } from './kroll.js';
import { testFolder } from '../helpers/temp.js';

const COUNT = 150;
let box: Sandbox;
let catalogPath: string;
let catalog: Buffer;

beforeAll(async () => {
  const root = testFolder('kroll-runner-root-');
  await writeProductFiles(root, { seed: 9, products: COUNT });
  catalogPath = join(root, PRODUCT_DATA_DIR, CATALOG_FILE_NAME);
  catalog = readFileSync(catalogPath);
  box = await sandbox({ ftpRoot: root });
});
afterAll(async () => {
  writeFileSync(catalogPath, catalog);
  await box?.close();
});

/** The catalog's header line alone. */
function headerOnly(): Buffer {
  return catalog.subarray(0, catalog.indexOf('\n') + 1);
}

describe('a failing stream', () => {
  for (const fullRefresh of [false, true]) {
    it(`leaves its table as it was and the others loaded${fullRefresh ? ' (full refresh)' : ''}`, async () => {
      writeFileSync(catalogPath, catalog);
      const db = tempDb();
      const config = configFile(box, db);
      expect((await kroll(['sync', '--config', config, '--db', db])).code).toBe(0);
      const before = await tableContents(db, 'products');
      expect(before.length).toBeGreaterThan(100);
      await query(db, 'SELECT 1');

      writeFileSync(catalogPath, headerOnly());
      const run = await kroll(['sync', '--config', config, '--db', db, ...(fullRefresh ? ['--full-refresh'] : [])]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/products: \/ProductData\/Kroll_Complete_Catalog\.txt has a header but no product rows.*\(transient_error: /);
      expect(summaryRow(run.stderr, 'products')).toMatchObject({ status: 'FAILED', loaded: 0, inTable: before.length });
      expect(summaryRow(run.stderr, 'inventory')).toMatchObject({ status: 'complete', inTable: summaryRow(run.stderr, 'inventory')!.loaded });
      expect(run.stderr).toContain('Some streams failed; the others are loaded into');
      expect(await tableContents(db, 'products')).toEqual(before);
      expect(await query(db, `SELECT status FROM _kroll_syncs ORDER BY sync_id`)).toEqual([{ status: 'succeeded' }, { status: 'failed' }]);
    });
  }
});
