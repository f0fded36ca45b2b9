/**
 * The sandbox switches that make Kroll look as it may in the wild: a drifted layout (renamed,
 * reordered and extra columns), files days old, a file still growing, operations not offered.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'basic-ftp';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/sandbox/cli.js';
import { PRODUCT_FILE_PATHS, extraColumnValue, startSandbox, writeProductFiles } from '../../src/sandbox/index.js';
import { decodeWindows1252, download, parseTsv, withTempDir } from './helpers.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

/** Each row of a file as header name -> value. */
async function rowsByName(path: string): Promise<Record<string, string>[]> {
  const { header, rows } = parseTsv(decodeWindows1252(await readFile(path)));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]!])));
}

describe('a drifted layout', () => {
  it('renames, reverses and adds columns, and keeps every value of the usual layout', async () => {
    await withTempDir(async (plainDir) => {
      await withTempDir(async (driftDir) => {
        const plain = await writeProductFiles(plainDir, { seed: 4, products: 60 });
        const drifted = await writeProductFiles(driftDir, {
          seed: 4,
          products: 60,
          layout: { rename: { catalog: { ProductName: 'ProductTitle' }, inventory: { QuantityAvailable: 'QtyAvailable' } }, reorder: true, extra: { catalog: ['WarehouseBin'] } },
        });
        const header = parseTsv(decodeWindows1252(await readFile(drifted.catalog.path))).header;
        expect(header[0]).toBe('WarehouseBin');
        expect(header.at(-1)).toBe('Sku');
        expect(header).toContain('ProductTitle');
        expect(header).not.toContain('ProductName');
        expect(parseTsv(decodeWindows1252(await readFile(drifted.status.path))).header).toEqual(['Status', 'Sku']);

        const renamed: Record<string, string> = { ProductTitle: 'ProductName', QtyAvailable: 'QuantityAvailable' };
        for (const file of ['catalog', 'inventory', 'status'] as const) {
          const before = await rowsByName(plain[file].path);
          const after = await rowsByName(drifted[file].path);
          expect(after.length).toBe(before.length);
          after.forEach((row, i) => {
            const { WarehouseBin, ...rest } = row;
            if (file === 'catalog') expect(WarehouseBin).toBe(extraColumnValue('WarehouseBin', row.Sku!));
            else expect(WarehouseBin).toBeUndefined();
            expect(Object.fromEntries(Object.entries(rest).map(([name, value]) => [renamed[name] ?? name, value]))).toEqual(before[i]);
          });
        }
      });
    });
  });

  it('is refused for a column the file does not have', async () => {
    await withTempDir(async (dir) => {
      await expect(writeProductFiles(dir, { seed: 1, products: 5, layout: { rename: { status: { Qty: 'Q' } } } })).rejects.toThrow("the status file has no column 'Qty'");
    });
  });
});

async function connect(b: Sandbox): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: b.info.ftp.host, port: b.info.ftp.port, user: b.info.ftp.username, password: b.info.ftp.password });
  return client;
}

describe('product files that are stale or still growing', () => {
  it('dates the files the given hours back', async () => {
    const started = Date.now();
    box = await startSandbox({ products: 20, ftpFileAgeHours: 72 });
    for (const path of Object.values(PRODUCT_FILE_PATHS)) {
      const age = started - (await stat(join(box.dataDir, path))).mtimeMs;
      expect(age / 3_600_000).toBeGreaterThan(71.99);
      expect(age / 3_600_000).toBeLessThan(72.01);
    }
  });

  it('shows a file caught mid-upload growing with time, serves only what is written, then the whole file', async () => {
    box = await startSandbox({ products: 400, ftpGrowingSeconds: 2 });
    const path = PRODUCT_FILE_PATHS.catalog;
    const whole = await readFile(join(box.dataDir, path));
    const client = await connect(box);
    try {
      const first = await client.size(path);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await client.size(path);
      // Caught half-way: the header and first rows are there from the start.
      expect(first).toBeGreaterThanOrEqual(Math.floor(whole.length / 2));
      expect(first).toBeLessThan(second);
      expect(second).toBeLessThan(whole.length);
      const got = await download(client, path);
      expect(got.length).toBeGreaterThanOrEqual(second);
      expect(got.length).toBeLessThan(whole.length);
      expect(got.equals(whole.subarray(0, got.length))).toBe(true);
      const deadline = Date.now() + 5000;
      while ((await client.size(path)) < whole.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await client.size(path)).toBe(whole.length);
      expect((await download(client, path)).equals(whole)).toBe(true);
      expect((await client.lastMod(path)).getTime()).toBe((await stat(join(box.dataDir, path))).mtime.getTime());
    } finally {
      client.close();
    }
  });
});

describe('the command line', () => {
  it('reads the layout, age and growing switches', () => {
    expect(
      parseCli([
        '--ftp-rename-column', 'inventory:QuantityAvailable=QtyAvailable',
        '--ftp-rename-column', 'catalog:ProductName=ProductTitle',
        '--ftp-reorder-columns',
        '--ftp-extra-column', 'catalog:WarehouseBin',
        '--ftp-file-age-hours', '72',
        '--ftp-growing-seconds', '30',
      ]),
    ).toEqual({
      layout: { rename: { inventory: { QuantityAvailable: 'QtyAvailable' }, catalog: { ProductName: 'ProductTitle' } }, reorder: true, extra: { catalog: ['WarehouseBin'] } },
      ftpFileAgeHours: 72,
      ftpGrowingSeconds: 30,
    });
    expect(parseCli([])).toEqual({});
    expect(parseCli(['--api-without', 'GetShipments', '--api-without', 'GetInvoices'])).toEqual({ apiWithoutOperations: ['GetShipments', 'GetInvoices'] });
  });

  it('says what is wrong with a switch', () => {
    expect(() => parseCli(['--ftp-rename-column', 'inventory:Qty'])).toThrow('--ftp-rename-column must look like FILE:OLD=NEW');
    expect(() => parseCli(['--ftp-rename-column', 'orders:Sku=SKU'])).toThrow('--ftp-rename-column names the file catalog, inventory or status, got "orders:Sku=SKU"');
    expect(() => parseCli(['--ftp-rename-column', 'status:Qty=Q'])).toThrow("--ftp-rename-column: the status file has no column 'Qty' (it has Sku, Status)");
    expect(() => parseCli(['--ftp-extra-column', 'WarehouseBin'])).toThrow('--ftp-extra-column must look like FILE:NAME');
    expect(() => parseCli(['--api-without', 'GetReturns'])).toThrow(`--api-without names an operation of Kroll's API (CheckProductAvailability, `);
  });
});
