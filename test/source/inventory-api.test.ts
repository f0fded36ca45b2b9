/**
 * `inventory` read live (inventory_source `api`): the SKUs of the sandbox's catalog file asked of
 * CheckProductAvailability in batches of 1,000, checked against the generator's truth; SKUs the API
 * does not know skipped and counted; a checkpoint per batch that a read resumes after.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryRecord } from '../../src/generated/records.js';
import { writeProductFiles, type SandboxProduct } from '../../src/sandbox/index.js';
import { sourceProgram } from '../../src/source/program.js';
import { truth } from '../helpers/expected.js';
import { misread } from '../helpers/api.js';
import { assertValidRecord, errorsOf, logsOf, recordsOf, statesOf, statusesOf } from '../helpers/protocol.js';
import { configuredCatalog, jsonFiles, runInProcess, type RunResult } from '../helpers/run.js';
import { readFiles, sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { testFolder } from '../helpers/temp.js';

const SEED = 61;
const COUNT = 2300;
const CATALOG = '/ProductData/Kroll_Complete_Catalog.txt';

/** What CheckProductAvailability holds for a catalog product: the inventory export's values, or nothing in stock. */
function expectedLive(p: SandboxProduct): InventoryRecord {
  const inv = p.inventory;
  return {
    sku: p.sku,
    quantity_available: inv?.quantityAvailable ?? 0,
    dealer_cost: inv?.dealerCost ?? null,
    msrp: inv?.msrp ?? null,
    map_price: inv?.mapPrice ?? null,
    weight: inv?.weight ?? null,
    length: inv?.length ?? null,
    width: inv?.width ?? null,
    height: inv?.height ?? null,
    last_updated: null,
    extra_columns: null,
  };
}

/** Catalog products in file order: those with a ProductId, as the products stream takes them. */
const catalogProducts = truth(SEED, COUNT).filter((p) => p.productId.trim() !== '');

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: SEED });
});
afterAll(async () => {
  await box?.close();
});

const readLive = (config: Record<string, unknown> = {}, state?: unknown, on: Sandbox = box): Promise<RunResult> =>
  runInProcess(sourceProgram, readFiles(on, [{ name: 'inventory' }], { config: { inventory_source: 'api', ...config }, ...(state ? { state } : {}) }));

describe('inventory from the dealer API', () => {
  let run: RunResult;
  let requestsBefore: number;
  beforeAll(async () => {
    requestsBefore = box.api.requests().length;
    run = await readLive();
  });

  it('sends every catalog SKU with its live quantity and prices, in catalog order', () => {
    expect(errorsOf(run.messages)).toEqual([]);
    expect(run.code).toBe(0);
    expect(statusesOf(run.messages, 'inventory')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    const records = recordsOf(run.messages, 'inventory');
    for (const record of records) assertValidRecord('inventory', record);
    expect(records).toEqual(catalogProducts.map(expectedLive));
  });

  it('asks in batches of at most 1,000 SKUs, each read by the service as sent', () => {
    const calls = box.api.requests().slice(requestsBefore).filter((r) => r.operation === 'CheckProductAvailability');
    expect(calls.length).toBe(Math.ceil(catalogProducts.length / 1000));
    expect(misread(box)).toEqual([]);
    expect(logsOf(run.messages, 'INFO').at(-1)).toBe(
      `inventory: ${catalogProducts.length.toLocaleString('en-US')} records from CheckProductAvailability (3 calls) for the SKUs of ${CATALOG}: 0 SKUs not found; ` +
        `${COUNT - catalogProducts.length} rows without a ProductId skipped.`,
    );
  });

  it('checkpoints after every batch, and a read given a checkpoint resumes after its line', async () => {
    const states = statesOf(run.messages, 'inventory').map((s) => s.stream!.stream_state as Record<string, unknown>);
    expect(states.length).toBe(4);
    expect(states.slice(0, 3)).toEqual(states.slice(0, 3).map(() => ({ resume: { files: expect.any(String), line: expect.any(Number) } })));
    expect(states[3]).toEqual({ inventory_source: 'api', checked_at: expect.any(String) });

    const resumed = await readLive({}, [{ type: 'STREAM', stream: { stream_descriptor: { name: 'inventory' }, stream_state: states[0] } }]);
    expect(resumed.code).toBe(0);
    expect(recordsOf(resumed.messages, 'inventory')).toEqual(catalogProducts.slice(1000).map(expectedLive));
    expect(logsOf(resumed.messages, 'INFO')).toContain(`inventory: resuming the interrupted read after line ${(states[0]!.resume as { line: number }).line}.`);
  });

  it('sends the same records one batch at a time (api_concurrency 1)', async () => {
    const one = await readLive({ api_concurrency: 1 });
    expect(recordsOf(one.messages, 'inventory')).toEqual(recordsOf(run.messages, 'inventory'));
  });
});

describe('batches in flight', () => {
  it('are as many as api_concurrency at most, and that many when there are more batches', async () => {
    const slow = await sandbox({ products: 4100, seed: SEED, apiLatencyMs: 150 });
    try {
      for (const concurrency of [1, 3]) {
        const before = slow.api.requests().length;
        const run = await readLive({ api_concurrency: concurrency }, undefined, slow);
        expect(run.code).toBe(0);
        const calls = slow.api.requests().slice(before).filter((r) => r.operation === 'CheckProductAvailability');
        expect(calls.length).toBe(5);
        // The most calls the service was answering at one moment.
        const inFlight = Math.max(...calls.map((c) => calls.filter((o) => o.receivedAtMs <= c.receivedAtMs && c.receivedAtMs < o.answeredAtMs!).length));
        expect(inFlight, `api_concurrency ${concurrency}`).toBe(concurrency);
      }
    } finally {
      await slow.close();
    }
  });
});

describe('SKUs the API does not know', () => {
  it('are skipped, counted and named in a warning', async () => {
    const root = testFolder('kroll-live-inventory-');
    await writeProductFiles(root, { seed: SEED, products: 300 });
    const catalogPath = join(root, 'ProductData', 'Kroll_Complete_Catalog.txt');
    const columns = readFileSync(catalogPath, 'latin1').split('\r\n')[0]!.split('\t').length;
    const unknown = ['ZZZZ-00001', 'ZZZZ-00002', 'ZZZZ-00003'];
    for (const sku of unknown) appendFileSync(catalogPath, [sku, `P-${sku}`, `Made up ${sku}`, ...Array<string>(columns - 3).fill('')].join('\t') + '\r\n', 'latin1');
    const custom = await sandbox({ ftpRoot: root, seed: SEED, products: 300 });
    try {
      const run = await readLive({}, undefined, custom);
      expect(run.code).toBe(0);
      const known = truth(SEED, 300).filter((p) => p.productId.trim() !== '');
      expect(recordsOf(run.messages, 'inventory')).toEqual(known.map(expectedLive));
      expect(logsOf(run.messages, 'WARN')).toEqual([`inventory: 3 SKUs of ${CATALOG} unknown to Kroll's dealer API (SkuFound false), skipped: ${unknown.join(', ')}.`]);
      expect(logsOf(run.messages, 'INFO').at(-1)).toContain('3 SKUs not found');
    } finally {
      await custom.close();
    }
  });
});

describe('without API credentials', () => {
  it('fails the stream with a config_error before anything is downloaded', async () => {
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box, { inventory_source: 'api' });
    const written = jsonFiles({ config: ftpOnly, catalog: configuredCatalog([{ name: 'inventory' }]) });
    const files = ['read', '--config', written.config!, '--catalog', written.catalog!];
    const run = await runInProcess(sourceProgram, files);
    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: 'The dealer API streams need api_username and api_password (the API credentials of your Kroll account).' }),
    ]);
    expect(recordsOf(run.messages, 'inventory')).toEqual([]);
  });
});
