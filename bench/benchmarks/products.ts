/**
 * `products`: FTP on loopback -> join -> RECORD lines, at each catalog size, against its floor
 * (bench/floors/products-floor.ts) on the same sandbox in the same run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchScript } from '../harness/paths.js';
import { sourceRead } from '../harness/source.js';
import type { Benchmark } from '../harness/types.js';

export const productsBenchmark: Benchmark = {
  name: 'products',
  description: 'source-kroll read of products (FTP on loopback -> join -> RECORD lines) against its floor',
  minutes: 2.5,
  sizes: { products: { defaults: [100_000, 1_000_000], help: 'catalog sizes, SKUs' } },
  cases: ({ products }) =>
    products!.flatMap((count) => {
      const params = { products: count };
      const sandboxArgs = ['--products', String(count)];
      return [
        {
          name: 'products-floor',
          params,
          sandboxArgs,
          child: (sandbox, workDir) => {
            const config = join(workDir, 'floor-config.json');
            writeFileSync(config, JSON.stringify(sandbox.info.source_config));
            return {
              command: process.execPath,
              args: [benchScript('floors/products-floor.js'), '--config', config],
              check(output) {
                if (output.exitCode !== 0) throw new Error(`products-floor: exit code ${output.exitCode}\n${output.stderrTail}`);
                if (output.recordLines !== count) throw new Error(`products-floor: ${output.recordLines} records, expected ${count}`);
              },
            };
          },
        },
        {
          name: 'products',
          params,
          sandboxArgs,
          floor: 'products-floor',
          child: (sandbox, workDir) => sourceRead(sandbox, workDir, { streams: ['products'] }),
        },
      ];
    }),
};
