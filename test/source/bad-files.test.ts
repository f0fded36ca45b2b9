/**
 * Product files as they go wrong in the wild, served by the sandbox's FTP server from a folder
 * written by each test: what the source makes of each, and that it says what and where.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { errorsOf, logsOf, recordsOf, statusesOf } from '../helpers/protocol.js';
import { runInProcess } from '../helpers/run.js';
import { readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

const CATALOG_HEADER = 'Sku\tProductId\tProductName\tShortDescription\tLongDescription\tManufacturerName\tManufacturerCode\tManufacturerPartNumber\tUPC\tCategory1\tCategory2\tCategory3\tImageFile\tHazardous\tCountryOfOrigin\tWeight\tLength\tWidth\tHeight\tMSRP\tMAPPrice';
const INVENTORY = 'Sku\tQuantityAvailable\tDealerCost\tMSRP\tMAPPrice\tWeight\tLength\tWidth\tHeight\tLastUpdated\r\nSTRE-1\t4\t10.5\t20\t\t1\t2\t3\t4\t2026-07-04 12:05:00\r\nSTRE-2\t0\t11\t21\t19.99\t1\t2\t3\t4\t2026-01-15 12:00:00\r\n';
const STATUS = 'Sku\tStatus\r\nSTRE-1\tStock\r\nSTRE-2\tDisco\r\n';

function catalogRow(sku: string, productId: string, name: string, extra: Partial<Record<'upc' | 'hazardous' | 'long', string>> = {}): string {
  return [sku, productId, name, 'short', extra.long ?? '<p>long</p>', 'Streamlight\u00ae', 'STRE', `${sku}-MPN`, extra.upc ?? '012345678905', 'Lighting', 'Weapon Lights', '', `/ProductImages/STRE/${sku}.jpg`, extra.hazardous ?? 'N', 'USA', '0.5', '4', '2', '1', '129.99', ''].join('\t');
}

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

async function serve(files: { catalog?: Buffer | string; inventory?: Buffer | string; status?: Buffer | string }): Promise<Sandbox> {
  const root = mkdtempSync(join(tmpdir(), 'kroll-feed-'));
  mkdirSync(join(root, 'ProductData'));
  const write = (name: string, content: Buffer | string | undefined) => content !== undefined && writeFileSync(join(root, 'ProductData', name), content);
  write('Kroll_Complete_Catalog.txt', files.catalog);
  write('KrollDealerInventoryExportRev2.txt', files.inventory ?? INVENTORY);
  write('Kroll_Stock_Disco_CLSO.txt', files.status ?? STATUS);
  box = await sandbox({ ftpRoot: root });
  return box;
}

async function readProducts(files: Parameters<typeof serve>[0], streams = [{ name: 'products' }], config: Record<string, unknown> = {}) {
  const served = await serve(files);
  return runInProcess(sourceProgram, readFiles(served, streams, { config: { file_change_retries: 1, ...config } }));
}

const NAME = 'Tactical Light\u00ae 12" barrel mount \u2122 0\u00b0-90\u00b0 \u20ac';

describe('encodings', () => {
  const text = `${CATALOG_HEADER}\r\n${catalogRow('STRE-1', '1001', NAME)}\r\n`;
  it.each([
    ['Windows-1252', Buffer.from(text.replace('\u2122', '\x99').replace('\u20ac', '\x80'), 'latin1')],
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
  ])('reads %s: \u00ae \u2122 \u00b0 \u20ac and raw inch marks come out right', async (_name, bytes) => {
    const { code, messages } = await readProducts({ catalog: bytes });
    expect(code).toBe(0);
    const [record] = recordsOf(messages, 'products');
    expect(record).toMatchObject({ sku: 'STRE-1', name: NAME, manufacturer: 'Streamlight\u00ae' });
  });
});

describe('line ends and layout', () => {
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends', async (_name, eol) => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A'), catalogRow('STRE-2', '1002', 'B')].join(eol) + eol;
    const { code, messages } = await readProducts({ catalog });
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products').map((r) => [r.sku, r.name])).toEqual([
      ['STRE-1', 'A'],
      ['STRE-2', 'B'],
    ]);
  });

  it('matches columns by name whatever their order, case and spacing, and keeps unknown ones', async () => {
    const names = CATALOG_HEADER.split('\t');
    const order = names.map((_, i) => i).reverse();
    const header = order.map((i) => names[i]!.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase());
    const row = catalogRow('STRE-1', '1001', NAME).split('\t');
    const catalog = `${[...header, 'Warehouse Note'].join('\t')}\r\n${[...order.map((i) => row[i]), 'back room'].join('\t')}\r\n`;
    const { code, messages } = await readProducts({ catalog });
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products')[0]).toMatchObject({
      sku: 'STRE-1',
      product_id: '1001',
      name: NAME,
      upc: '012345678905',
      msrp: 20, // the inventory export's, fresher than the catalog's 129.99
      quantity_available: 4,
      status: 'Stock',
      is_active: true,
      last_updated: '2026-07-04T16:05:00.000Z',
      extra_columns: { 'Warehouse Note': 'back room' },
    });
  });

  it('a missing required column fails that stream with a config_error naming file and column; the other stream goes on', async () => {
    const catalog = `${CATALOG_HEADER.replace('ProductId\t', '')}\r\n${catalogRow('STRE-1', '1001', 'A').replace('\t1001', '')}\r\n`;
    const { code, messages } = await readProducts({ catalog }, [{ name: 'products' }, { name: 'inventory' }]);
    expect(code).toBe(1);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(statusesOf(messages, 'inventory')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    const [error] = errorsOf(messages);
    expect(error).toMatchObject({ failure_type: 'config_error', stream_descriptor: { name: 'products' } });
    expect(error!.message).toContain("/ProductData/Kroll_Complete_Catalog.txt has no column 'ProductId' (required)");
    expect(recordsOf(messages, 'inventory')).toHaveLength(2);
  });

  it('skips a ragged row with a warning naming file and line, a repeated header, and blank lines', async () => {
    const catalog = [
      CATALOG_HEADER,
      catalogRow('STRE-1', '1001', 'A'),
      '',
      'STRE-9\t1009\tcut short',
      CATALOG_HEADER,
      '\t\t',
      catalogRow('STRE-2', '1002', 'B'),
      '',
    ].join('\r\n');
    const { code, messages } = await readProducts({ catalog });
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products').map((r) => r.sku)).toEqual(['STRE-1', 'STRE-2']);
    expect(logsOf(messages, 'WARN')).toEqual([
      '/ProductData/Kroll_Complete_Catalog.txt line 4 has 3 fields where the header has 21; the row is skipped.',
      '/ProductData/Kroll_Complete_Catalog.txt line 5 repeats the header line; it is skipped.',
    ]);
  });

  it('skips and counts rows with a blank ProductId, and keeps SKUs missing from the inventory export', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A'), catalogRow('STRE-3', '', 'no id'), catalogRow('STRE-4', '1004', 'D'), ''].join('\r\n');
    const { messages } = await readProducts({ catalog });
    const records = recordsOf(messages, 'products');
    expect(records.map((r) => r.sku)).toEqual(['STRE-1', 'STRE-4']);
    expect(records[1]).toMatchObject({ quantity_available: null, dealer_cost: null, status: null, is_active: null, msrp: 129.99, weight: 0.5 });
    expect(logsOf(messages, 'INFO').join('\n')).toContain('1 rows without a ProductId skipped; 1 SKUs not in the inventory export');
  });

  it('leaves a bad value empty with a warning naming file, line and column', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A', { hazardous: 'maybe' }), ''].join('\r\n');
    const { code, messages } = await readProducts({ catalog });
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products')[0]!.hazardous).toBeNull();
    expect(logsOf(messages, 'WARN')).toEqual([
      "/ProductData/Kroll_Complete_Catalog.txt line 2, column Hazardous: 'maybe' is not Y/N (or True/False, 1/0); the field is left empty.",
    ]);
  });
});

describe('the lookup tables, built while the catalog downloads', () => {
  const RAGGED_INVENTORY = `${INVENTORY}STRE-3\t1\r\n`;
  const RAGGED_WARNING = '/ProductData/KrollDealerInventoryExportRev2.txt line 4 has 2 fields where the header has 10; the row is skipped.';

  it('tells the problems of the inventory export before those of the catalog', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A', { hazardous: 'maybe' }), ''].join('\r\n');
    const { code, messages } = await readProducts({ catalog, inventory: RAGGED_INVENTORY });
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      RAGGED_WARNING,
      "/ProductData/Kroll_Complete_Catalog.txt line 2, column Hazardous: 'maybe' is not Y/N (or True/False, 1/0); the field is left empty.",
    ]);
  });

  it('tells nothing of them when the catalog download fails', async () => {
    const { code, messages } = await readProducts({ catalog: '', inventory: RAGGED_INVENTORY });
    expect(code).toBe(1);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
    const warnings = logsOf(messages, 'WARN');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/ProductData/Kroll_Complete_Catalog.txt: it is empty (0 bytes)');
  });
});

describe('files that must not be read as an empty catalog', () => {
  it('a zero-byte catalog fails the stream as a transient error after its retries', async () => {
    const { code, messages } = await readProducts({ catalog: '' });
    expect(code).toBe(1);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(recordsOf(messages, 'products')).toEqual([]);
    const [error] = errorsOf(messages);
    expect(error).toMatchObject({ failure_type: 'transient_error' });
    expect(error!.message).toContain('/ProductData/Kroll_Complete_Catalog.txt on Kroll\'s FTP server is not complete: it is empty (0 bytes), on each of 2 reads');
    expect(logsOf(messages, 'WARN')).toHaveLength(1);
  });

  it('a header-only catalog fails the stream as a transient error', async () => {
    const { code, messages } = await readProducts({ catalog: `${CATALOG_HEADER}\r\n` });
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(messages)[0]!.message).toContain('has a header but no product rows');
  });

  it('a missing catalog file fails the stream with a config_error naming the file', async () => {
    const { code, messages } = await readProducts({});
    expect(code).toBe(1);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'config_error', message: "The file /ProductData/Kroll_Complete_Catalog.txt does not exist on Kroll's FTP server." });
  });
});
