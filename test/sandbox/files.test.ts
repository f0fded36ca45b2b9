import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAt, writeProductFiles, type ProductFilesInfo, type SandboxProduct } from '../../src/sandbox/products/index.js';
import { decodeWindows1252, newYorkLocal, num, parseTsv, str, withTempDir } from './helpers.js';

const SEED = 42;
const N = 3000;
let dir: string;
let info: ProductFilesInfo;
let bytes: { catalog: Buffer; inventory: Buffer; status: Buffer };

const CATALOG_HEADER = 'Sku\tProductId\tProductName\tShortDescription\tLongDescription\tManufacturerName\tManufacturerCode\tManufacturerPartNumber\tUPC\tCategory1\tCategory2\tCategory3\tImageFile\tHazardous\tCountryOfOrigin\tWeight\tLength\tWidth\tHeight\tMSRP\tMAPPrice';
const INVENTORY_HEADER = 'Sku\tQuantityAvailable\tDealerCost\tMSRP\tMAPPrice\tWeight\tLength\tWidth\tHeight\tLastUpdated';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const countByte = (b: Buffer, byte: number): number => b.reduce((n, x) => n + (x === byte ? 1 : 0), 0);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kroll-sandbox-test-'));
  info = await writeProductFiles(dir, { seed: SEED, products: N });
  bytes = {
    catalog: await readFile(info.catalog.path),
    inventory: await readFile(info.inventory.path),
    status: await readFile(info.status.path),
  };
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const truth: SandboxProduct[] = Array.from({ length: N }, (_, i) => productAt(SEED, i));
const bySku = new Map(truth.map((p) => [p.sku, p]));

describe('product files: layout', () => {
  it('writes the three files under ProductData and reports them', async () => {
    expect((await readdir(join(dir, 'ProductData'))).sort()).toEqual([
      'KrollDealerInventoryExportRev2.txt',
      'Kroll_Complete_Catalog.txt',
      'Kroll_Stock_Disco_CLSO.txt',
    ]);
    expect(info.catalog.remotePath).toBe('/ProductData/Kroll_Complete_Catalog.txt');
    expect(info.inventory.remotePath).toBe('/ProductData/KrollDealerInventoryExportRev2.txt');
    expect(info.status.remotePath).toBe('/ProductData/Kroll_Stock_Disco_CLSO.txt');
    expect(info.catalog.bytes).toBe(bytes.catalog.length);
    expect(info.inventory.bytes).toBe(bytes.inventory.length);
    expect(info.status.bytes).toBe(bytes.status.length);
    expect(info.catalog.rows).toBe(N);
    expect(info.inventory.rows).toBe(truth.filter((p) => p.inventory).length);
    expect(info.status.rows).toBe(truth.filter((p) => p.status).length);
  });

  it('uses CRLF only, one header row, and a fixed number of tabs per line', () => {
    for (const [name, b, tabs] of [
      ['catalog', bytes.catalog, 20],
      ['inventory', bytes.inventory, 9],
      ['status', bytes.status, 1],
    ] as const) {
      const cr = countByte(b, 0x0d);
      const lf = countByte(b, 0x0a);
      expect(cr, name).toBe(lf);
      const text = b.toString('latin1');
      expect(text.endsWith('\r\n'), name).toBe(true);
      const lines = text.slice(0, -2).split('\r\n');
      for (const line of lines) {
        expect(line.includes('\n') || line.includes('\r'), name).toBe(false);
        expect(line.split('\t').length - 1, `${name}: ${line.slice(0, 40)}`).toBe(tabs);
      }
    }
    expect(bytes.catalog.subarray(0, CATALOG_HEADER.length + 2).toString('latin1')).toBe(CATALOG_HEADER + '\r\n');
    expect(bytes.inventory.subarray(0, INVENTORY_HEADER.length + 2).toString('latin1')).toBe(INVENTORY_HEADER + '\r\n');
    expect(bytes.status.subarray(0, 12).toString('latin1')).toBe('Sku\tStatus\r\n');
  });

  it('encodes ®, ™, °, €, smart quotes as single Windows-1252 bytes, never UTF-8', () => {
    const b = bytes.catalog;
    for (const [ch, byte] of [['®', 0xae], ['™', 0x99], ['°', 0xb0], ['€', 0x80], ['“', 0x93], ['”', 0x94], ['’', 0x92]] as const) {
      expect(b.includes(Buffer.from([byte])), ch).toBe(true);
      expect(b.includes(Buffer.from(ch, 'utf8')), `${ch} as UTF-8`).toBe(false);
    }
    // No byte-order mark, and bytes undefined in Windows-1252 never occur.
    expect(b[0]).toBe('S'.charCodeAt(0));
    for (const undef of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(b.includes(Buffer.from([undef]))).toBe(false);
  });

  it('keeps inch marks raw (no quoting)', () => {
    const text = decodeWindows1252(bytes.catalog);
    expect(text).toContain('12" barrel');
    expect(text).toContain('3/4"');
    const { rows } = parseTsv(text);
    for (const row of rows) for (const cell of row) expect(cell.startsWith('"') && cell.endsWith('"') && cell.length > 1).toBe(false);
  });

  it('writes the same bytes for the same seed and different ones for another seed', async () => {
    await withTempDir(async (d2) => {
      const again = await writeProductFiles(d2, { seed: SEED, products: N });
      expect(sha(await readFile(again.catalog.path))).toBe(sha(bytes.catalog));
      expect(sha(await readFile(again.inventory.path))).toBe(sha(bytes.inventory));
      expect(sha(await readFile(again.status.path))).toBe(sha(bytes.status));
    });
    await withTempDir(async (d3) => {
      const other = await writeProductFiles(d3, { seed: SEED + 1, products: N });
      expect(sha(await readFile(other.catalog.path))).not.toBe(sha(bytes.catalog));
      expect(sha(await readFile(other.inventory.path))).not.toBe(sha(bytes.inventory));
    });
  });
});

describe('product files: content equals the generator truth', () => {
  it('catalog rows, in index order', () => {
    const { header, rows } = parseTsv(decodeWindows1252(bytes.catalog));
    expect(header.join('\t')).toBe(CATALOG_HEADER);
    expect(rows.length).toBe(N);
    rows.forEach((c, i) => {
      const p = truth[i] as SandboxProduct;
      expect({
        sku: c[0], productId: c[1], name: c[2], shortDescription: c[3], longDescription: c[4],
        manufacturer: c[5], manufacturerCode: c[6], mpn: c[7], upc: str(c[8]),
        category1: str(c[9]), category2: str(c[10]), category3: str(c[11]), imageFile: c[12],
        hazardous: c[13] === '' ? null : c[13] === 'Y', countryOfOrigin: str(c[14]),
        weight: num(c[15]), length: num(c[16]), width: num(c[17]), height: num(c[18]),
        msrp: num(c[19]), mapPrice: num(c[20]),
      }).toEqual({
        sku: p.sku, productId: p.productId, name: p.name, shortDescription: p.shortDescription,
        longDescription: p.longDescription, manufacturer: p.manufacturer, manufacturerCode: p.manufacturerCode,
        mpn: p.mpn, upc: p.upc, category1: p.category1, category2: p.category2, category3: p.category3,
        imageFile: p.imageFile, hazardous: p.hazardous, countryOfOrigin: p.countryOfOrigin,
        weight: p.weight, length: p.length, width: p.width, height: p.height, msrp: p.msrp, mapPrice: p.mapPrice,
      });
      expect(['', 'Y', 'N']).toContain(c[13]);
      for (const cell of c.slice(15)) expect(cell).toMatch(/^(|\d+(\.\d+)?)$/);
    });
  });

  it('inventory rows, in a different order, with New York local times', () => {
    const { header, rows } = parseTsv(decodeWindows1252(bytes.inventory));
    expect(header.join('\t')).toBe(INVENTORY_HEADER);
    const skus = rows.map((r) => r[0] as string);
    expect(new Set(skus).size).toBe(skus.length);
    const catalogOrder = truth.filter((p) => p.inventory).map((p) => p.sku);
    expect(skus).not.toEqual(catalogOrder);
    expect([...skus].sort()).toEqual([...catalogOrder].sort());
    const offsets = new Set<number>();
    for (const c of rows) {
      const p = bySku.get(c[0] as string);
      const inv = p?.inventory;
      expect(inv, c[0]).toBeTruthy();
      if (!inv) continue;
      expect({
        quantityAvailable: num(c[1]), dealerCost: num(c[2]), msrp: num(c[3]), mapPrice: num(c[4]),
        weight: num(c[5]), length: num(c[6]), width: num(c[7]), height: num(c[8]),
      }).toEqual({
        quantityAvailable: inv.quantityAvailable, dealerCost: inv.dealerCost, msrp: inv.msrp, mapPrice: inv.mapPrice,
        weight: inv.weight, length: inv.length, width: inv.width, height: inv.height,
      });
      expect(c[1]).toMatch(/^\d+$/);
      expect(c[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(c[9]).toBe(newYorkLocal(inv.lastUpdated));
      offsets.add((Date.parse((c[9] as string).replace(' ', 'T') + 'Z') - Date.parse(inv.lastUpdated)) / 3_600_000);
    }
    expect([...offsets].sort((a, b) => a - b)).toEqual([-5, -4]);
  });

  it('status rows, in yet another order', () => {
    const { header, rows } = parseTsv(decodeWindows1252(bytes.status));
    expect(header).toEqual(['Sku', 'Status']);
    const expected = truth.filter((p) => p.status);
    expect(rows.length).toBe(expected.length);
    expect(rows.map((r) => r[0])).not.toEqual(expected.map((p) => p.sku));
    const inventoryOrder = parseTsv(decodeWindows1252(bytes.inventory)).rows.map((r) => r[0]);
    expect(rows.map((r) => r[0])).not.toEqual(inventoryOrder.filter((s) => bySku.get(s as string)?.status));
    for (const [sku, status] of rows) expect(status).toBe(bySku.get(sku as string)?.status);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['Stock', 'Disco', 'CLSO']));
  });

  it('writes small JPEG images at the first products\' ImageFile paths', async () => {
    expect(info.images.length).toBe(20);
    for (let i = 0; i < 20; i++) {
      const p = truth[i] as SandboxProduct;
      expect(info.images[i]).toBe(p.imageFile);
      const img = await readFile(join(dir, p.imageFile));
      expect(img.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(img.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(img.length).toBeLessThan(1000);
    }
  });

  it('writes header-only files for zero products', async () => {
    await withTempDir(async (d) => {
      const empty = await writeProductFiles(d, { seed: 1, products: 0 });
      expect((await readFile(empty.catalog.path)).toString('latin1')).toBe(CATALOG_HEADER + '\r\n');
      expect(empty.catalog.rows).toBe(0);
      expect(empty.images).toEqual([]);
    });
  });
});
