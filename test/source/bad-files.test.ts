/**
 * Product files as they go wrong in the wild, served by the sandbox's FTP server from a folder
 * written by each test: what the source makes of each, and that it says what and where.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { errorsOf, logsOf, recordsOf, statesOf, statusesOf } from '../helpers/protocol.js';
import { jsonFiles, runBinary, runInProcess } from '../helpers/run.js';
import { CATALOG_HEADER, catalogRow, feedFolders, type FeedFiles } from '../helpers/feed-folder.js';
import { readFiles, sourceConfig, type Sandbox } from '../helpers/sandbox.js';

const INVENTORY = 'Sku\tQuantityAvailable\tDealerCost\tMSRP\tMAPPrice\tWeight\tLength\tWidth\tHeight\tLastUpdated\r\nSTRE-1\t4\t10.5\t20\t\t1\t2\t3\t4\t2026-07-04 12:05:00\r\nSTRE-2\t0\t11\t21\t19.99\t1\t2\t3\t4\t2026-01-15 12:00:00\r\n';
const STATUS = 'Sku\tStatus\r\nSTRE-1\tStock\r\nSTRE-2\tDisco\r\n';

const folders = feedFolders();

function serve(files: FeedFiles): Promise<Sandbox> {
  return folders.serve({ catalog: files.catalog, inventory: files.inventory ?? INVENTORY, status: files.status ?? STATUS });
}

async function readProducts(files: FeedFiles, streams = [{ name: 'products' }], config: Record<string, unknown> = {}) {
  const box = await serve(files);
  return { box, ...(await runInProcess(sourceProgram, readFiles(box, streams, { config: { file_change_retries: 1, ...config } }))) };
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
    expect(logsOf(messages, 'INFO').join('\n')).toContain(
      '2 records from 3 catalog rows: 1 row without a ProductId skipped; 1 SKU not in the inventory export (inventory fields left empty); 1 SKU without a status',
    );
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

describe('problems of the lookup files and the catalog', () => {
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

describe('repeated and missing SKUs', () => {
  it('sends a SKU listed twice once (its first row), with a warning naming file and line', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'first'), catalogRow('STRE-2', '1002', 'B'), catalogRow('STRE-1', '1009', 'second'), ''].join('\r\n');
    const inventory = `${INVENTORY}STRE-1\t99\t1\t1\t\t1\t1\t1\t1\t2026-07-04 12:05:00\r\n`;
    const { code, messages } = await readProducts({ catalog, inventory }, [{ name: 'products' }, { name: 'inventory' }]);
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products').map((r) => [r.sku, r.name, r.quantity_available])).toEqual([
      ['STRE-1', 'first', 4],
      ['STRE-2', 'B', 0],
    ]);
    expect(recordsOf(messages, 'inventory').map((r) => [r.sku, r.quantity_available])).toEqual([
      ['STRE-1', 4],
      ['STRE-2', 0],
    ]);
    const warnings = logsOf(messages, 'WARN');
    expect(warnings).toContain('/ProductData/Kroll_Complete_Catalog.txt line 4 repeats SKU STRE-1; only its first row is sent.');
    expect(warnings).toContain('/ProductData/KrollDealerInventoryExportRev2.txt line 4 repeats SKU STRE-1; the first row is used.');
    expect(warnings).toContain('/ProductData/KrollDealerInventoryExportRev2.txt line 4 repeats SKU STRE-1; only its first row is sent.');
  });

  it('skips a row without a Sku, naming file and line, and counts it apart from blank ProductIds', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A'), catalogRow('', '1005', 'no sku'), ''].join('\r\n');
    const { messages } = await readProducts({ catalog });
    expect(recordsOf(messages, 'products').map((r) => r.sku)).toEqual(['STRE-1']);
    expect(logsOf(messages, 'WARN')).toEqual(['/ProductData/Kroll_Complete_Catalog.txt line 3 has no Sku; the row is skipped.']);
    expect(logsOf(messages, 'INFO').join('\n')).toContain('1 record from 2 catalog rows: 1 row without a Sku skipped');
  });

  it('counts ragged rows among the catalog rows', async () => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A'), 'STRE-2\tshort', ''].join('\r\n');
    const { messages } = await readProducts({ catalog });
    expect(logsOf(messages, 'INFO').join('\n')).toContain('1 record from 2 catalog rows: 1 ragged row skipped');
  });
});

describe('encodings that cannot be read cleanly', () => {
  it('warns when a catalog mixes UTF-8 and Windows-1252', async () => {
    const utf8 = Buffer.from(`${CATALOG_HEADER}\r\n${catalogRow('STRE-1', '1001', 'Light\u2122')}\r\n`, 'utf8');
    const cp1252 = Buffer.from(`${catalogRow('STRE-2', '1002', 'Lamp\x99')}\r\n`, 'latin1');
    const { code, messages } = await readProducts({ catalog: Buffer.concat([utf8, cp1252]) });
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      '/ProductData/Kroll_Complete_Catalog.txt mixes UTF-8 and Windows-1252 text; it is read as Windows-1252, so its UTF-8 characters come out wrong (™ as â„¢). Ask Kroll for a clean file, or set file_encoding.',
    ]);
  });

  it('warns when file_encoding utf-8 meets Windows-1252 bytes', async () => {
    const catalog = Buffer.from(`${CATALOG_HEADER}\r\n${catalogRow('STRE-1', '1001', 'Lamp\x99')}\r\n`, 'latin1');
    const { messages } = await readProducts({ catalog }, [{ name: 'products' }], { file_encoding: 'utf-8' });
    expect(recordsOf(messages, 'products')[0]!.name).toBe('Lamp\uFFFD');
    expect(logsOf(messages, 'WARN')[0]).toMatch(/^\/ProductData\/Kroll_Complete_Catalog\.txt has bytes that are not UTF-8/);
  });
});

describe('catalogs that are no text file', () => {
  const text = `${CATALOG_HEADER}\r\n${catalogRow('STRE-1', '1001', 'Light')}\r\n`;
  const FILE = '/ProductData/Kroll_Complete_Catalog.txt';
  const READS = 'the connector reads Windows-1252 and UTF-8 text files. Ask Kroll for the file again, in one of them.';
  it.each([
    ['UTF-16 with a byte-order mark', Buffer.from(`\ufeff${text}`, 'utf16le'), `${FILE} is UTF-16 encoded; ${READS}`],
    ['UTF-16 without one', Buffer.from(text, 'utf16le'), `${FILE} looks UTF-16 encoded (without a byte-order mark: every other byte is NUL); ${READS}`],
    // A gzip file: its header (RFC 1952) is 1f 8b 08, then the flags byte, 0 here: the fourth byte is NUL.
    ['a gzip file', gzipSync(text), `${FILE} is not a text file: it has a NUL byte at byte 4, which no product file has; ${READS}`],
  ])("%s fails read and check as Kroll's bad data, naming the file", async (_name, catalog, message) => {
    const { code, messages, box } = await readProducts({ catalog });
    expect(code).toBe(1);
    expect(errorsOf(messages)).toEqual([expect.objectContaining({ failure_type: 'system_error', message })]);
    const check = await runInProcess(sourceProgram, ['check', '--config', jsonFiles({ config: sourceConfig(box) }).config!]);
    expect(check.messages.map((m) => m.connectionStatus)).toEqual([{ status: 'FAILED', message }]);
  });
});

describe('files that must not be read as an empty catalog', () => {
  it.each([
    [
      'inventory export',
      { inventory: 'Sku\tQuantityAvailable\r\n' },
      "/ProductData/KrollDealerInventoryExportRev2.txt has a header but no rows (23 bytes): read as it is, every product's quantity, cost and prices would be gone. Kroll may be regenerating it; the next sync will try again.",
    ],
    [
      'status file',
      { status: 'Sku\tStatus\r\n' },
      "/ProductData/Kroll_Stock_Disco_CLSO.txt has a header but no rows (12 bytes): read as it is, every product's status would be gone. Kroll may be regenerating it; the next sync will try again.",
    ],
  ])('a header-only %s fails products as a transient error', async (_what, files, message) => {
    const catalog = [CATALOG_HEADER, catalogRow('STRE-1', '1001', 'A'), ''].join('\r\n');
    const { code, messages } = await readProducts({ catalog, ...files });
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(messages)[0]!.message).toContain(message);
  });

  it('warns when many products are missing from the inventory export (a truncated file)', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => catalogRow(`STRE-${i + 1}`, `${1000 + i}`, `P${i}`));
    const { code, messages } = await readProducts({ catalog: [CATALOG_HEADER, ...rows, ''].join('\r\n') });
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      'products: 80% of the products sent are not in /ProductData/KrollDealerInventoryExportRev2.txt; it may be truncated or stale.',
      'products: 80% of the products sent are not in /ProductData/Kroll_Stock_Disco_CLSO.txt; it may be truncated or stale.',
    ]);
  });

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

  describe('a catalog cut short', () => {
    // 200 SKUs in each lookup file, as Kroll writes the three from one product list.
    const SKUS = Array.from({ length: 200 }, (_, i) => `CUT-${i + 1}`);
    const inventory = ['Sku\tQuantityAvailable\tDealerCost\tMSRP\tMAPPrice\tWeight\tLength\tWidth\tHeight\tLastUpdated', ...SKUS.map((sku) => `${sku}\t4\t10.5\t20\t\t1\t2\t3\t4\t2026-07-04 12:05:00`), ''].join('\r\n');
    const status = ['Sku\tStatus', ...SKUS.map((sku) => `${sku}\tStock`), ''].join('\r\n');
    const catalogOf = (count: number): string => [CATALOG_HEADER, ...SKUS.slice(0, count).map((sku, i) => catalogRow(sku, `${5000 + i}`, `P${i}`)), ''].join('\r\n');
    const CATALOG = '/ProductData/Kroll_Complete_Catalog.txt';
    // Worker threads run the built code: the join on two threads is read by the built connector.
    async function readOn(threads: number, files: FeedFiles) {
      if (threads === 1) return readProducts(files);
      const served = await serve(files);
      return runBinary('source-kroll', readFiles(served, [{ name: 'products' }], { config: { file_change_retries: 1, join_threads: threads } }));
    }

    it.each([1, 2])('in the middle of its last line: fails the stream as a transient error naming the file and line (join_threads %i)', async (threads) => {
      const whole = catalogOf(50);
      // Cut inside line 51 (the 50th product), after its fifth field; no line break after it.
      const lastLine = whole.split('\r\n')[50]!;
      const cut = whole.slice(0, whole.indexOf(lastLine)) + lastLine.split('\t').slice(0, 5).join('\t');
      const { code, messages } = await readOn(threads, { catalog: cut, inventory, status });
      expect(code).toBe(1);
      expect(statusesOf(messages, 'products').at(-1)).toBe('INCOMPLETE');
      expect(statesOf(messages, 'products')).toEqual([]);
      const [error] = errorsOf(messages);
      expect(error).toMatchObject({ failure_type: 'transient_error', stream_descriptor: { name: 'products' } });
      expect(error!.message).toContain(`${CATALOG} ends in the middle of line 51: its last line has 5 of the header's 21 fields and no line break.`);
    });

    it.each([1, 2])('at a line break: more than half the lookup files\' SKUs missing from it fails the stream, with no final state (join_threads %i)', async (threads) => {
      const { code, messages } = await readOn(threads, { catalog: catalogOf(60), inventory, status });
      expect(code).toBe(1);
      expect(statesOf(messages, 'products')).toEqual([]);
      const [error] = errorsOf(messages);
      expect(error).toMatchObject({ failure_type: 'transient_error', stream_descriptor: { name: 'products' } });
      // 200 - 60 = 140 of the 200 inventory SKUs (70%) have no catalog row.
      expect(error!.message).toContain(
        `products: 140 of the 200 SKUs of /ProductData/KrollDealerInventoryExportRev2.txt (70%) are not in ${CATALOG}, which sent 60 products: the catalog looks cut short or stale.`,
      );
    });

    it('a share above a tenth is warned about, for each lookup file; a whole catalog is not, but one without its last line break fails', async () => {
      const short = await readProducts({ catalog: catalogOf(170), inventory, status });
      expect(short.code).toBe(0);
      expect(recordsOf(short.messages, 'products')).toHaveLength(170);
      expect(logsOf(short.messages, 'WARN')).toEqual([
        `products: 30 of the 200 SKUs of /ProductData/KrollDealerInventoryExportRev2.txt (15%) are not in ${CATALOG}; the catalog may be truncated or stale.`,
        `products: 30 of the 200 SKUs of /ProductData/Kroll_Stock_Disco_CLSO.txt (15%) are not in ${CATALOG}; the catalog may be truncated or stale.`,
      ]);
      const whole = await readProducts({ catalog: catalogOf(200), inventory, status });
      expect(whole.code).toBe(0);
      expect(recordsOf(whole.messages, 'products')).toHaveLength(200);
      expect(logsOf(whole.messages, 'WARN')).toEqual([]);
      // All 21 fields, but no line break: the cut may be inside MAPPrice, so it is not read as whole.
      const unended = await readProducts({ catalog: catalogOf(200).replace(/\r\n$/, ''), inventory, status });
      expect(unended.code).toBe(1);
      expect(errorsOf(unended.messages)).toEqual([
        expect.objectContaining({ failure_type: 'transient_error', message: expect.stringContaining(`${CATALOG} does not end with a line break: its last line (line 201) may stop inside its last field.`) }),
      ]);
    });
  });

  it('a header-only catalog fails the stream as a transient error', async () => {
    const { code, messages } = await readProducts({ catalog: `${CATALOG_HEADER}\r\n` });
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(messages)[0]!.message).toContain('has a header but no product rows');
  });

  it('a catalog none of whose rows can be used fails the stream as a system error that says why', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => catalogRow(`STRE-${i + 1}`, '', `P${i}`));
    const { code, messages } = await readProducts({ catalog: [CATALOG_HEADER, ...rows, ''].join('\r\n') });
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(logsOf(messages, 'WARN')).toEqual([]);
    expect(errorsOf(messages)).toEqual([
      expect.objectContaining({ failure_type: 'system_error', message: 'No row of /ProductData/Kroll_Complete_Catalog.txt can be used: all 10 rows have a blank ProductId.' }),
    ]);
  });

  it('says which rows were wrong in which way when they were wrong in several', async () => {
    const rows = [catalogRow('STRE-1', '', 'A'), catalogRow('STRE-2', '', 'B'), catalogRow('', '1003', 'C'), 'STRE-4\tshort'];
    const { messages } = await readProducts({ catalog: [CATALOG_HEADER, ...rows, ''].join('\r\n') });
    expect(errorsOf(messages)[0]!.message).toBe(
      'No row of /ProductData/Kroll_Complete_Catalog.txt can be used: of its 4 rows, 2 have a blank ProductId, 1 has no Sku and 1 has the wrong number of fields.',
    );
  });

  it('a missing catalog file fails the stream with a config_error naming the file', async () => {
    const { code, messages } = await readProducts({});
    expect(code).toBe(1);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'config_error', message: "The file /ProductData/Kroll_Complete_Catalog.txt does not exist on Kroll's FTP server." });
  });
});
