/**
 * States a read cannot use: each is told in a warning that says what was ignored and what the
 * read does instead (it never skips a record on account of them), and a file that is no state at
 * all is a config_error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { truth } from '../helpers/expected.js';
import { expectedOrderRecords } from '../helpers/expected-orders.js';
import { errorsOf, logsOf, recordsOf } from '../helpers/protocol.js';
import { runInProcess } from '../helpers/run.js';
import { productsState, readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

const SEED = 21;
const COUNT = 120;
let box: Sandbox;
let startMs: number;
beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: SEED, orders: 40 });
  startMs = Date.parse(`${String(box.info.source_config.start_date)}T00:00:00Z`);
});
afterAll(async () => {
  await box?.close();
});

const streamState = (name: string, state: unknown) => ({ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state: state } });
const productCount = () => truth(SEED, COUNT).filter((p) => p.productId !== '').length;

async function read(stream: string, syncMode: 'full_refresh' | 'incremental', state: unknown) {
  return runInProcess(sourceProgram, readFiles(box, [{ name: stream, syncMode }], { state }));
}

describe('a state the read cannot use', () => {
  it("another stream's state (the wrong cursor key): warned about, and the stream is read from start_date", async () => {
    const { code, messages } = await read('shipments', 'incremental', [streamState('shipments', { invoice_date: '2026-12-01T00:00:00.000Z' })]);
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toContain(
      'shipments: the state {"invoice_date":"2026-12-01T00:00:00.000Z"} is not a state of this stream (it has none of ship_date, resume); it is ignored and the stream is read from start_date.',
    );
    expect(recordsOf(messages, 'shipments')).toHaveLength(expectedOrderRecords(box.api.book, startMs).shipments.length);
  });

  it("a full refresh's checkpoint given to an incremental read: warned about, read from start_date", async () => {
    const { messages } = await read('invoices', 'incremental', [streamState('invoices', { resume: { invoice_date: '2026-12-01T00:00:00.000Z' } })]);
    expect(logsOf(messages, 'WARN')).toContain(
      'invoices: the state {"resume":{"invoice_date":"2026-12-01T00:00:00.000Z"}} has no invoice_date, the cursor of an incremental read; it is ignored and the stream is read from start_date.',
    );
    expect(recordsOf(messages, 'invoices')).toHaveLength(expectedOrderRecords(box.api.book, startMs).invoices.length);
  });

  it('a resume position without the cursor: warned about, read from start_date', async () => {
    const { messages } = await read('shipments', 'full_refresh', [streamState('shipments', { resume: 'page 3' })]);
    expect(logsOf(messages, 'WARN')).toContain('shipments: the state\'s resume position "page 3" has no ship_date; it is ignored and the stream is read from start_date.');
    expect(recordsOf(messages, 'shipments')).toHaveLength(expectedOrderRecords(box.api.book, startMs).shipments.length);
  });

  it('a state that is not an object', async () => {
    const { messages } = await read('products', 'incremental', [streamState('products', 'yesterday')]);
    expect(logsOf(messages, 'WARN')).toEqual(['products: the state "yesterday" is not an object; it is ignored and the whole feed is read.']);
    expect(recordsOf(messages, 'products')).toHaveLength(productCount());
  });

  it('a state for a stream the source does not have, with the stream it may have meant', async () => {
    const state = [streamState('prodcts', productsState(box.dataDir))];
    const { code, messages } = await read('products', 'incremental', state);
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual(["The state file names stream 'prodcts', which this source does not have; its state is ignored. Did you mean 'products'?"]);
    expect(recordsOf(messages, 'products')).toHaveLength(productCount());
  });

  it('a resume line that is not a number: warned about, and the files are read from the start', async () => {
    const state = [streamState('products', { resume: { files: productsState(box.dataDir).files, line: 'abc' } })];
    const { messages } = await read('products', 'full_refresh', state);
    expect(logsOf(messages, 'WARN')).toEqual([
      'products: the state\'s resume position (line "abc") is not one this connector writes (the files read and a line number); it is ignored and the files are read from the start.',
    ]);
    expect(recordsOf(messages, 'products')).toHaveLength(productCount());
  });

  it('a broken resume position next to an unchanged feed still reads the files: the interrupted read is finished', async () => {
    const state = [streamState('products', { ...productsState(box.dataDir), resume: { line: 12 } })];
    const { messages } = await read('products', 'incremental', state);
    expect(logsOf(messages, 'WARN')).toEqual([
      "products: the state's resume position (line 12, no files) is not one this connector writes (the files read and a line number); it is ignored and the files are read from the start.",
    ]);
    expect(recordsOf(messages, 'products')).toHaveLength(productCount());
  });

  it('a resume line past the end of the file: warned about, and the files are read from the start', async () => {
    const catalog = readFileSync(join(box.dataDir, 'ProductData', 'Kroll_Complete_Catalog.txt'), 'latin1');
    const lines = catalog.split('\r\n').length - 1; // CRLF after every line, the last included
    const state = [streamState('products', { resume: { files: productsState(box.dataDir).files, line: 999_999 } })];
    const { code, messages } = await read('products', 'full_refresh', state);
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      `products: the state resumes after line 999999 of /ProductData/Kroll_Complete_Catalog.txt, which has ${lines} lines; the position is ignored and the files are read from the start.`,
    ]);
    expect(recordsOf(messages, 'products')).toHaveLength(productCount());
  });

  it('a file that is no state at all is a config_error before anything is read', async () => {
    const { code, messages } = await read('products', 'incremental', { foo: 'bar' });
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(errorsOf(messages)).toEqual([expect.objectContaining({ failure_type: 'config_error' })]);
    expect(errorsOf(messages)[0]!.message).toMatch(/^The state file \S+state\.json is not a state: its 'foo' holds a string, where a legacy state holds each stream's state object by stream name\./);
  });
});
