/**
 * The products join on several threads (join_threads), end to end: the real bin/source-kroll (its
 * worker threads run the built code) against the sandbox's FTP server, checked against the
 * generator's truth, and against hand-written files for the rows that must be reported once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { bySku, expectedProduct, truth } from '../helpers/expected.js';
import { CATALOG_HEADER, catalogRow, feedFolders, type FeedFiles } from '../helpers/feed-folder.js';
import { assertValidRecord, errorsOf, logsOf, recordsOf, statesOf, statusesOf } from '../helpers/protocol.js';
import { runBinary } from '../helpers/run.js';
import { feedModifiedAt, productsState, readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

const SEED = 11;
const COUNT = 700;
const EVERY = 60;
const products = truth(SEED, COUNT);
const CATALOG = '/ProductData/Kroll_Complete_Catalog.txt';

function read(box: Sandbox, config: Record<string, unknown>, state?: unknown) {
  return runBinary('source-kroll', readFiles(box, [{ name: 'products' }], { config, ...(state === undefined ? {} : { state }) }));
}

function skus(messages: AirbyteMessage[]): string[] {
  return recordsOf(messages, 'products').map((r) => String(r.sku));
}

describe('the sandbox catalog on two and three threads', () => {
  let box: Sandbox;
  let expected: Map<string, object>;
  /** The generator writes the catalog in product order after its header: product i is on line i + 2. */
  const lineOf = new Map(products.map((p, i) => [p.sku, i + 2]));

  beforeAll(async () => {
    box = await sandbox({ products: COUNT, seed: SEED });
    const feed = feedModifiedAt(box.dataDir);
    expected = bySku(products.map((p) => expectedProduct(p, feed)).filter((r) => r !== undefined));
  });
  afterAll(async () => {
    await box?.close();
  });

  it.each([2, 3])('join_threads %i: every product once, joined as the generator made it, and the log says how', async (threads) => {
    const { code, messages } = await read(box, { join_threads: threads, checkpoint_interval_records: EVERY });
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    const records = recordsOf(messages, 'products');
    expect(records.length).toBe(expected.size);
    expect(bySku(records)).toEqual(expected);
    for (const record of records) assertValidRecord('products', record);
    expect(logsOf(messages, 'INFO').join('\n')).toContain(`products: ${expected.size} records from ${COUNT} catalog rows`);
    expect(logsOf(messages, 'INFO').join('\n')).toContain(`joined on ${threads} threads`);
    expect(statesOf(messages, 'products').at(-1)!.stream!.stream_state).toEqual(productsState(box.dataDir));
  });

  it('sends the same records as one thread does', async () => {
    const one = await read(box, { join_threads: 1 });
    const two = await read(box, { join_threads: 2 });
    // Both reads whole first: a failed one would otherwise show only as a difference of records.
    for (const run of [one, two]) expect([run.code, errorsOf(run.messages)]).toEqual([0, []]);
    expect(logsOf(one.messages, 'INFO').join('\n')).not.toContain('joined on');
    expect(recordsOf(two.messages, 'products').length).toBe(recordsOf(one.messages, 'products').length);
    expect(bySku(recordsOf(two.messages, 'products'))).toEqual(bySku(recordsOf(one.messages, 'products')));
  });

  it('checkpoints at exact cuts: before each state, the records of every catalog line up to its line and none after', async () => {
    const { messages } = await read(box, { join_threads: 2, checkpoint_interval_records: EVERY });
    const states = statesOf(messages, 'products').slice(0, -1);
    expect(states.length).toBeGreaterThan(5);
    let sent = 0;
    for (const state of states) {
      const line = (state.stream!.stream_state as { resume: { line: number } }).resume.line;
      const before = skus(messages.slice(0, messages.findIndex((m) => m.state === state)));
      const upTo = [...expected.keys()].filter((sku) => lineOf.get(sku)! <= line);
      expect(new Set(before)).toEqual(new Set(upTo));
      expect(before.length).toBe(upTo.length);
      // At least the interval since the last state, and no more than one segment of lines beyond it.
      expect(before.length - sent).toBeGreaterThanOrEqual(EVERY);
      expect(state.sourceStats?.recordCount).toBe(before.length - sent);
      sent = before.length;
    }
  });

  it('resumes an interrupted read after its third checkpoint: nothing lost, nothing twice', async () => {
    const full = await read(box, { join_threads: 2, checkpoint_interval_records: EVERY });
    const third = statesOf(full.messages, 'products')[2]!;
    const before = skus(full.messages.slice(0, full.messages.findIndex((m) => m.state === third)));
    const resumed = await read(box, { join_threads: 2 }, [third]);
    expect(resumed.code).toBe(0);
    const after = skus(resumed.messages);
    const line = (third.stream!.stream_state as { resume: { line: number } }).resume.line;
    expect(logsOf(resumed.messages, 'INFO').join('\n')).toContain(`${after.length} records after line ${line} (a resumed read)`);
    expect(before.length + after.length).toBe(expected.size);
    expect(new Set([...before, ...after])).toEqual(new Set(expected.keys()));
  });
});

const INVENTORY_HEADER = 'Sku\tQuantityAvailable\tDealerCost\tMSRP\tMAPPrice\tWeight\tLength\tWidth\tHeight\tLastUpdated';

/** SKUs STRE-1..n: their inventory rows (quantity i) and statuses. */
function lookupFiles(n: number): { inventory: string; status: string } {
  const numbers = Array.from({ length: n }, (_, i) => i + 1);
  return {
    inventory: [INVENTORY_HEADER, ...numbers.map((i) => `STRE-${i}\t${i}\t10\t20\t\t1\t2\t3\t4\t2026-07-04 12:05:00`), ''].join('\r\n'),
    status: ['Sku\tStatus', ...numbers.map((i) => `STRE-${i}\t${i % 2 ? 'Stock' : 'Disco'}`), ''].join('\r\n'),
  };
}

describe('hand-written files on two threads', () => {
  const folders = feedFolders();

  async function readServed(files: FeedFiles & { catalog: FeedFiles['catalog'] }, config: Record<string, unknown> = {}) {
    const lookups = lookupFiles(40);
    const box = await folders.serve({ inventory: lookups.inventory, status: lookups.status, ...files });
    return read(box, { file_change_retries: 1, join_threads: 2, ...config });
  }

  const rows = (n: number, hazardous = (_i: number) => 'N') => Array.from({ length: n }, (_, i) => catalogRow(`STRE-${i + 1}`, String(1000 + i + 1), `P${i + 1}`, { hazardous: hazardous(i + 1) }));

  it('reports each skipped row once with its line, a repeated SKU once, and counts them all', async () => {
    const catalog = [
      CATALOG_HEADER,
      ...rows(30),
      catalogRow('', '1099', 'no sku'), // line 32
      'STRE-77\t1077\tcut short', // line 33
      catalogRow('STRE-7', '1107', 'again'), // line 34
      catalogRow('STRE-8', '', 'no id'), // line 35: a repeat too, but without a ProductId
      '',
    ].join('\r\n');
    const { code, messages } = await readServed({ catalog });
    expect(code).toBe(0);
    const records = bySku(recordsOf(messages, 'products'));
    expect(records.size).toBe(30);
    expect(records.get('STRE-7')).toMatchObject({ name: 'P7', product_id: '1007', quantity_available: 7, status: 'Stock' });
    expect(records.get('STRE-8')).toMatchObject({ name: 'P8', quantity_available: 8, status: 'Disco', is_active: false });
    expect(logsOf(messages, 'WARN').sort()).toEqual(
      [
        `${CATALOG} line 32 has no Sku; the row is skipped.`,
        `${CATALOG} line 33 has 3 fields where the header has 21; the row is skipped.`,
        `${CATALOG} line 34 repeats SKU STRE-7; only its first row is sent.`,
      ].sort(),
    );
    expect(logsOf(messages, 'INFO').join('\n')).toContain(
      'products: 30 records from 34 catalog rows: 1 row without a ProductId skipped; 1 row without a Sku skipped; 1 ragged row skipped; 1 repeated SKU skipped; ' +
        '0 SKUs not in the inventory export',
    );
  });

  it('shows the first 10 problems of a kind across the threads, and the total of all', async () => {
    const catalog = [CATALOG_HEADER, ...rows(40, (i) => (i <= 25 ? 'maybe' : 'Y')), ''].join('\r\n');
    const { code, messages } = await readServed({ catalog });
    expect(code).toBe(0);
    const records = recordsOf(messages, 'products');
    expect(records.filter((r) => r.hazardous === null)).toHaveLength(25);
    expect(records.filter((r) => r.hazardous === true)).toHaveLength(15);
    const warnings = logsOf(messages, 'WARN');
    expect(warnings.filter((w) => /line \d+, column Hazardous: 'maybe' is not Y\/N/.test(w))).toHaveLength(10);
    expect(warnings).toContain(`${CATALOG}: 25 values left empty in all (the first 10 are listed above).`);
  });

  it('a missing required column fails the stream with a config_error naming file and column, told once', async () => {
    const catalog = [CATALOG_HEADER.replace('\tProductName', ''), ...rows(30).map((r) => r.replace(/\tP\d+\t/, '\t')), ''].join('\r\n');
    const { code, messages } = await readServed({ catalog });
    expect(code).toBe(1);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'INCOMPLETE']);
    const errors = errorsOf(messages);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ failure_type: 'config_error', stream_descriptor: { name: 'products' } });
    expect(errors[0]!.message).toContain(`${CATALOG} has no column 'ProductName' (required)`);
    expect(recordsOf(messages, 'products')).toEqual([]);
  });

  it('a UTF-16 inventory export fails the stream as a system error that says so, before any record', async () => {
    const inventory = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lookupFiles(40).inventory, 'utf16le')]);
    const { code, messages } = await readServed({ catalog: [CATALOG_HEADER, ...rows(30), ''].join('\r\n'), inventory });
    expect(code).toBe(1);
    const errors = errorsOf(messages);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ failure_type: 'system_error' });
    expect(errors[0]!.message).toBe('/ProductData/KrollDealerInventoryExportRev2.txt is UTF-16 encoded; the connector reads Windows-1252 and UTF-8 text files. Ask Kroll for the file again, in one of them.');
    expect(recordsOf(messages, 'products')).toEqual([]);
  });

  it('a header-only status file fails the stream as a transient error before any record', async () => {
    const { code, messages } = await readServed({ catalog: [CATALOG_HEADER, ...rows(30), ''].join('\r\n'), status: 'Sku\tStatus\r\n' });
    expect(code).toBe(1);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(messages)[0]!.message).toContain('/ProductData/Kroll_Stock_Disco_CLSO.txt has a header but no rows');
    expect(recordsOf(messages, 'products')).toEqual([]);
  });

  it('warns once of a catalog that mixes UTF-8 and Windows-1252', async () => {
    const utf8 = Buffer.from([CATALOG_HEADER, ...rows(20).map((r) => r.replace(/\tP(\d+)\t/, '\tLight\u2122 $1\t')), ''].join('\r\n'), 'utf8');
    const cp1252 = Buffer.from(`${catalogRow('STRE-21', '1021', 'Lamp\x99')}\r\n`, 'latin1');
    const { code, messages } = await readServed({ catalog: Buffer.concat([utf8, cp1252]) });
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products')).toHaveLength(21);
    expect(logsOf(messages, 'WARN')).toEqual([`${CATALOG} mixes UTF-8 and Windows-1252 text; it is read as Windows-1252, so its UTF-8 characters come out wrong (™ as â„¢). Ask Kroll for a clean file, or set file_encoding.`]);
  });

  it('reads quoted values (file_quoting) with a comma delimiter', async () => {
    const quote = (row: string) => row.split('\t').map((v) => `"${v.replaceAll('"', '""')}"`).join(',');
    const catalog = [quote(CATALOG_HEADER), ...rows(30).map((r, i) => quote(i === 4 ? r.replace('\tP5\t', '\t12" light, black\t') : r)), ''].join('\r\n');
    const toCsv = (text: string) => text.replaceAll('\t', ',');
    const lookups = lookupFiles(40);
    const { code, messages } = await readServed({ catalog, inventory: toCsv(lookups.inventory), status: toCsv(lookups.status) }, { file_delimiter: ',', file_quoting: 'double_quote' });
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    const records = bySku(recordsOf(messages, 'products'));
    expect(records.size).toBe(30);
    expect(records.get('STRE-5')).toMatchObject({ name: '12" light, black', quantity_available: 5, status: 'Stock' });
    expect(records.get('STRE-30')).toMatchObject({ name: 'P30', quantity_available: 30, status: 'Disco' });
  });
});
