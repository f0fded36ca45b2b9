/**
 * `inventory` with inventory_source `api`: the catalog file over FTP for its SKUs, then live
 * quantities and prices from CheckProductAvailability in batches of 1,000 SKUs (api_concurrency
 * calls at once, its default 4), at each catalog size. It shares the products benchmark's
 * sandbox of the same size, so the catalog is generated once.
 *
 * A run counts when the read is complete, nearly every SKU of the catalog came back as a record
 * (the sandbox knows every SKU of its catalog; a few rows have no ProductId and are skipped, as in
 * the products stream), and the sandbox's request log holds one answered CheckProductAvailability
 * per 1,000 records, and no other request.
 */
import { sourceRead } from '../harness/source.js';
import type { Benchmark } from '../harness/types.js';

/** SKUs per CheckProductAvailability: Kroll's limit, the batches the issue asks for. */
const SKUS_PER_CALL = 1000;

export const inventoryBenchmark: Benchmark = {
  name: 'inventory',
  description: "source-kroll read of inventory from the dealer API: the catalog's SKUs over FTP, CheckProductAvailability by 1,000",
  minutes: 0.5,
  sizes: { inventory: { defaults: [100_000], help: 'catalog sizes, SKUs (the sandbox is shared with products of the same size)' } },
  cases: ({ inventory }) =>
    inventory!.map((count) => ({
      name: 'inventory-api',
      params: { products: count },
      sandboxArgs: ['--products', String(count)],
      child(sandbox, workDir) {
        const read = sourceRead(sandbox, workDir, { streams: ['inventory'], config: { inventory_source: 'api' } });
        return {
          ...read,
          async check(output, run) {
            await read.check(output, run);
            const fail = (why: string): never => {
              throw new Error(`source-kroll read of inventory (api): ${why}`);
            };
            const records = output.recordLines;
            if (records < count * 0.99 || records > count) fail(`${records} records for a catalog of ${count} SKUs`);
            const calls = Math.ceil(records / SKUS_PER_CALL);
            const requests = await sandbox.requests.next(calls);
            const asked = requests.filter((r) => r.operation === 'CheckProductAvailability');
            if (asked.length !== requests.length) fail(`${requests.length - asked.length} requests of other operations`);
            if (asked.length !== calls) fail(`${asked.length} CheckProductAvailability calls for ${records} SKUs in batches of ${SKUS_PER_CALL}`);
            const failed = asked.find((r) => r.status !== 200);
            if (failed) fail(`a CheckProductAvailability call was answered with HTTP ${failed.status}`);
            return { api_calls: calls, skus_per_s: records / run.seconds };
          },
        };
      },
    })),
};
