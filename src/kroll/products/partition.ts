/**
 * SKUs split into partitions, for a join spread over threads: every file's row goes to the
 * partition of its SKU, cut and trimmed as the lookup tables key it (columns.ts trims every value),
 * so a catalog row meets its inventory and status rows, and a SKU's repeats, in one partition.
 * A row without a SKU goes to partition 0, so that it is reported once.
 */
import type { RowFilter } from '../files/rows.js';

/** SKUs hash to one of BUCKETS buckets; a partition is a range of them, so shares need not be equal. */
export const BUCKETS = 64;

export interface Partition {
  /** 0-based; partition 0 holds bucket 0. */
  index: number;
  /** Its buckets: from <= bucket < to. */
  from: number;
  to: number;
}

/** FNV-1a over the UTF-16 code units: cheap, and spreads SKUs that differ in one digit. */
export function skuBucket(sku: string): number {
  if (sku === '') return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < sku.length; i++) hash = Math.imul(hash ^ sku.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/** A row filter for one partition; its column is set once the file's Sku column is known. */
export function partitionFilter(partition: Partition): RowFilter {
  const { from, to } = partition;
  return {
    column: -1,
    keep: (field) => {
      const bucket = skuBucket(field.trim());
      return bucket >= from && bucket < to;
    },
  };
}

/**
 * `count` partitions of about equal shares. (Shares of 1/3 to 2/3 for the partition on the thread
 * that also writes stdout measured no better at 1M SKUs on two cores, in time or memory.)
 */
export function partitions(count: number): Partition[] {
  return Array.from({ length: count }, (_, index) => ({ index, from: Math.round((index * BUCKETS) / count), to: Math.round(((index + 1) * BUCKETS) / count) }));
}
