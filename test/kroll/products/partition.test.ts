import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../../src/kroll/files/table.js';
import type { DelimitedFormat, Row } from '../../../src/kroll/files/rows.js';
import { BUCKETS, partitionFilter, partitions, skuBucket } from '../../../src/kroll/products/partition.js';
import { sandboxProducts } from '../../../src/sandbox/products/index.js';
import { testFolder } from '../../helpers/temp.js';

describe('partitions of the SKUs', () => {
  it.each([1, 2, 3, 4, 7, 16])('%i partitions cover every bucket once', (count) => {
    const owners = new Array<number>(BUCKETS).fill(0);
    for (const p of partitions(count)) for (let b = p.from; b < p.to; b++) owners[b]!++;
    expect(owners).toEqual(new Array<number>(BUCKETS).fill(1));
    expect(partitions(count)[0]!.from).toBe(0);
  });

  it('splits the sandbox catalog into about equal halves', () => {
    const [first, second] = partitions(2).map(partitionFilter);
    let kept = 0;
    const n = 20_000;
    for (const p of sandboxProducts(3, n)) {
      const a = first!.keep(p.sku);
      expect(second!.keep(p.sku)).toBe(!a);
      if (a) kept++;
    }
    expect(Math.abs(kept - n / 2)).toBeLessThan(n * 0.05);
  });

  it('keys a SKU as the lookup does (trimmed), and a row without one goes to partition 0', () => {
    const [first] = partitions(2).map(partitionFilter);
    expect(skuBucket('')).toBe(0);
    expect(first!.keep('   ')).toBe(true);
    for (const sku of ['STRE-1', 'WARR-153607', 'x']) expect(partitionFilter({ index: 0, from: 0, to: 1 }).keep(` ${sku}\t`)).toBe(skuBucket(sku) === 0);
  });
});

describe('a table read through a row filter', () => {
  const TAB: DelimitedFormat = { delimiter: '\t', quote: null, encoding: 'auto' };
  const CSV: DelimitedFormat = { delimiter: ',', quote: '"', encoding: 'auto' };
  const dir = testFolder('kroll-partition-');

  async function read(text: string, format: DelimitedFormat, column: number, keep: (field: string) => boolean) {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(path, text);
    const filter = { column: -1, keep };
    const ragged: number[] = [];
    const table = await openTable(path, format, 'Test.txt', (issue) => issue.kind === 'ragged' && ragged.push(issue.line), filter);
    filter.column = column;
    const rows: Row[] = [];
    for await (const batch of table.rows) rows.push(...batch);
    return { rows, ragged };
  }

  it.each([
    ['split', TAB, 'Id\tSku\tName\r\n1\tA\tx\r\n2\tB\ty\r\n\r\n3\tA \tz\r\n4\r\n'],
    ['quoted', CSV, '"Id","Sku","Name"\r\n"1","A","x"\r\n"2","B","y"\r\n\r\n"3","A ","z"\r\n"4"\r\n'],
  ])('keeps the rows whose field passes (%s), with the lines of the whole file', async (_name, format, text) => {
    const kept = await read(text, format, 1, (sku) => sku.trim() === 'A');
    expect(kept.rows).toEqual([
      { line: 2, fields: ['1', 'A', 'x'] },
      { line: 5, fields: ['3', 'A ', 'z'] },
    ]);
    expect(kept.ragged).toEqual([]);
    // A row too short to have the column is judged by a blank field: here it is kept, and reported ragged.
    const blanks = await read(text, format, 1, (sku) => sku === '');
    expect(blanks).toEqual({ rows: [], ragged: [6] });
  });
});
