/**
 * The products and inventory streams against the sandbox's real FTP server, checked record by
 * record against the generator's truth.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { sourceProgram } from '../../src/source/program.js';
import { bySku, expectedInventory, expectedProduct, truth } from '../helpers/expected.js';
import { assertValidRecord, errorsOf, logsOf, recordsOf, statesOf, statusesOf } from '../helpers/protocol.js';
import { jsonFiles, runInProcess } from '../helpers/run.js';
import { feedModifiedAt, productsState, readFiles, sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';

const SEED = 7;
const COUNT = 600;
const products = truth(SEED, COUNT);
let box: Sandbox;

beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: SEED });
});
afterAll(async () => {
  await box?.close();
});

function stateCounts(messages: AirbyteMessage[], stream: string): number {
  return statesOf(messages, stream).reduce((sum, s) => sum + (s.sourceStats?.recordCount ?? 0), 0);
}

describe('products and inventory, full refresh', () => {
  let messages: AirbyteMessage[];
  let code: number;
  let started: number;
  let finished: number;

  beforeAll(async () => {
    started = Date.now();
    ({ code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }, { name: 'inventory' }], { config: { checkpoint_interval_records: 100 } })));
    finished = Date.now();
  });

  it('succeeds, each stream STARTED, RUNNING, COMPLETE', () => {
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(statusesOf(messages, 'inventory')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  it('emits every catalog product with a ProductId, joined with its inventory and status', () => {
    const feed = feedModifiedAt(box.dataDir);
    const expected = products.map((p) => expectedProduct(p, feed)).filter((r) => r !== undefined);
    const actual = recordsOf(messages, 'products');
    expect(actual.length).toBe(expected.length);
    expect(bySku(actual)).toEqual(bySku(expected));
    for (const record of actual) assertValidRecord('products', record);
  });

  it('skips and counts rows without a ProductId, keeps SKUs missing from the inventory export', () => {
    const blank = products.filter((p) => p.productId === '').length;
    const missing = products.filter((p) => p.productId !== '' && p.inventory === null);
    expect(blank).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    const actual = bySku(recordsOf(messages, 'products'));
    for (const p of missing) expect(actual.get(p.sku)).toMatchObject({ quantity_available: null, dealer_cost: null, last_updated: null });
    expect(logsOf(messages, 'INFO').join('\n')).toContain(`${blank} row${blank === 1 ? '' : 's'} without a ProductId skipped`);
  });

  it('emits the inventory export alone as the inventory stream', () => {
    const expected = products.map(expectedInventory).filter((r) => r !== undefined);
    const actual = recordsOf(messages, 'inventory');
    expect(actual.length).toBe(expected.length);
    expect(bySku(actual)).toEqual(bySku(expected));
    for (const record of actual) assertValidRecord('inventory', record);
  });

  it('checkpoints during the stream and counts every record in sourceStats', () => {
    for (const stream of ['products', 'inventory']) {
      const states = statesOf(messages, stream);
      expect(states.length).toBeGreaterThan(3);
      expect(stateCounts(messages, stream)).toBe(recordsOf(messages, stream).length);
      expect(states.every((s) => s.type === 'STREAM')).toBe(true);
    }
    const final = statesOf(messages, 'products').at(-1)!.stream!.stream_state;
    expect(final).toEqual(productsState(box.dataDir));
  });

  it('stamps records with the real emission time', () => {
    const times = messages.filter((m) => m.type === 'RECORD').map((m) => m.record!.emitted_at);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(started);
    expect(Math.max(...times)).toBeLessThanOrEqual(finished);
  });
});

describe('products, incremental', () => {
  it('yields nothing for an unchanged feed, and everything once a file changes', async () => {
    const first = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }]));
    expect(first.code).toBe(0);
    const count = recordsOf(first.messages, 'products').length;
    expect(count).toBe(products.filter((p) => p.productId !== '').length);
    const state = statesOf(first.messages, 'products').at(-1)!;

    const second = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state: [state] }));
    expect(second.code).toBe(0);
    expect(recordsOf(second.messages, 'products')).toEqual([]);
    expect(statesOf(second.messages, 'products').map((s) => s.stream!.stream_state)).toEqual([state.stream!.stream_state]);
    expect(statusesOf(second.messages, 'products')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);

    const later = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000); // whole seconds: no float rounding in utimes
    utimesSync(join(box.dataDir, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), later, later);
    const third = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state: [state] }));
    expect(recordsOf(third.messages, 'products').length).toBe(count);
    expect(statesOf(third.messages, 'products').at(-1)!.stream!.stream_state).toMatchObject({ feed_modified_at: feedModifiedAt(box.dataDir) });
  });

  it('notices a changed file even when its modification time went back', async () => {
    const first = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }]));
    const state = statesOf(first.messages, 'products').at(-1)!;
    const earlier = new Date(Date.parse(feedModifiedAt(box.dataDir)) - 3_600_000);
    utimesSync(join(box.dataDir, 'ProductData', 'Kroll_Complete_Catalog.txt'), earlier, earlier);
    const second = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state: [state] }));
    expect(recordsOf(second.messages, 'products').length).toBe(recordsOf(first.messages, 'products').length);
  });

  it('warns about a cursor that is not a date, and reads the whole feed', async () => {
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: 'yesterday' } } }];
    const { messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state }));
    expect(logsOf(messages, 'WARN')).toEqual(['products: the state\'s feed_modified_at "yesterday" is not a date and time; it is ignored and the whole feed is read.']);
    expect(recordsOf(messages, 'products').length).toBe(products.filter((p) => p.productId !== '').length);
  });

  it('a far-future state yields no records and one state', async () => {
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: '2999-01-01T00:00:00.000Z' } } }];
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state }));
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(statesOf(messages, 'products')).toHaveLength(1);
    expect(logsOf(messages, 'WARN')).toEqual([
      "products: the state's feed_modified_at (2999-01-01T00:00:00.000Z) is in the future: no records until Kroll's files are newer than that. Reset the stream to read them now.",
    ]);
  });

  it('a future state that names other files sends the whole catalog, as its warning says, and starts the state again', async () => {
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: '2099-01-01T00:00:00.000Z', files: 'x' } } }];
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state }));
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      "products: the state's feed_modified_at (2099-01-01T00:00:00.000Z) is in the future; the product files are not the ones the state names, so the whole catalog is sent, and the state starts again from the files' own time.",
    ]);
    expect(recordsOf(messages, 'products').length).toBe(products.filter((p) => p.productId !== '').length);
    expect(statesOf(messages, 'products').at(-1)!.stream!.stream_state).toEqual(productsState(box.dataDir));
  });

  it('a future state that names the very files on the server sends no records, and says so', async () => {
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { ...productsState(box.dataDir), feed_modified_at: '2099-01-01T00:00:00.000Z' } } }];
    const { messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products', syncMode: 'incremental' }], { state }));
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(logsOf(messages, 'WARN')).toEqual([
      "products: the state's feed_modified_at (2099-01-01T00:00:00.000Z) is in the future; the product files are the very ones the state names, so no records are sent. Reset the stream to read them now.",
    ]);
  });
});

describe('resuming an interrupted read', () => {
  it.each(['products', 'inventory'])('%s continues after its last checkpoint: nothing lost, nothing twice', async (stream) => {
    const full = await runInProcess(sourceProgram, readFiles(box, [{ name: stream }], { config: { checkpoint_interval_records: 97 } }));
    const all = recordsOf(full.messages, stream).map((r) => r.sku);
    const third = statesOf(full.messages, stream)[2]!;
    // As if the first read had been killed right after its third checkpoint:
    const cut = full.messages.findIndex((m) => m.state === third);
    const before = recordsOf(full.messages.slice(0, cut), stream).map((r) => r.sku);
    expect(before.length).toBe(3 * 97);
    const resumed = await runInProcess(sourceProgram, readFiles(box, [{ name: stream }], { state: [third] }));
    expect(resumed.code).toBe(0);
    const after = recordsOf(resumed.messages, stream).map((r) => r.sku);
    expect(after.length).toBe(all.length - before.length);
    expect([...before, ...after]).toEqual(all);
  });
});

describe('a catalog that says what the source does not use', () => {
  it('warns of an unknown destination_sync_mode and of a cursor_field other than the source-defined one, and reads as usual', async () => {
    const catalog = {
      streams: [
        {
          stream: { name: 'products', json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
          sync_mode: 'incremental',
          cursor_field: ['last_updated'],
          destination_sync_mode: 'append_dedupe',
        },
        { stream: { name: 'inventory', json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', cursor_field: [], destination_sync_mode: 'overwrite' },
      ],
    };
    const files = jsonFiles({ config: sourceConfig(box), catalog });
    const { code, messages } = await runInProcess(sourceProgram, ['read', '--config', files.config!, '--catalog', files.catalog!]);
    expect(code).toBe(0);
    expect(logsOf(messages, 'WARN')).toEqual([
      `In the catalog ${files.catalog}, streams[0]: stream 'products' has destination_sync_mode "append_dedupe", which is none of append, overwrite, append_dedup, update, soft_delete; the source does not use it, but a destination will refuse it.`,
      `In the catalog ${files.catalog}, streams[0]: stream 'products' has cursor_field ["last_updated"], but its cursor is defined by the source (["feed_modified_at"]); the catalog's cursor_field is ignored.`,
    ]);
    expect(recordsOf(messages, 'products').length).toBe(products.filter((p) => p.productId !== '').length);
  });
});

describe('a catalog that selects what the source does not have', () => {
  it.each([
    [[{ name: 'orders' }], /^In the catalog \S+catalog\.json, streams\[0\]: the catalog selects stream 'orders', which this source does not have\. Its streams: products, /],
    [
      [{ name: 'products' }, { name: 'prodcts' }],
      /^In the catalog \S+catalog\.json, streams\[1\]: the catalog selects stream 'prodcts', which this source does not have; did you mean 'products'\? Its streams: /,
    ],
    [
      [{ name: 'inventory', syncMode: 'incremental' as const }],
      /^In the catalog \S+catalog\.json, streams\[0\]: stream 'inventory' does not support sync mode 'incremental'; it supports full_refresh\.$/,
    ],
  ])('is a config_error before anything is read, naming the catalog file and entry', async (streams, message) => {
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, streams));
    expect(code).toBe(1);
    expect(messages.filter((m) => m.type !== 'TRACE' || m.trace!.type !== 'ERROR')).toEqual([]);
    expect(errorsOf(messages)).toHaveLength(1);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'config_error' });
    expect(errorsOf(messages)[0]!.message).toMatch(message);
  });
});
