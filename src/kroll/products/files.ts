/**
 * Kroll's three product files, read from their local copies into typed items: the catalog as a
 * stream of batches, the inventory export as a stream or into the join's lookup table, the status
 * file into the lookup table. Rows that cannot be used are skipped and reported with their line.
 */
import { openTable, type TableIssue } from '../files/table.js';
import type { DelimitedFormat } from '../files/rows.js';
import type { LocalFile } from '../files/fetch.js';
import { KrollDataError } from '../../protocol/errors.js';
import { createRowMapper, matchColumns, resolveColumns, type ColumnMatch, type ColumnNaming, type ValueIssue } from './columns.js';
import { PRODUCT_FILE_LAYOUTS, type CatalogItem, type InventoryItem, type ItemOf, type ProductFileKind, type StatusItem } from './layout.js';
import { ProductLookup } from './lookup.js';
import { partitionFilter, type Partition } from './partition.js';

export type FileIssue =
  | TableIssue
  | ValueIssue
  | { kind: 'missing_column' | 'skipped_row' | 'duplicate_sku'; file: string; message: string };

type Layout<K extends ProductFileKind> = (typeof PRODUCT_FILE_LAYOUTS)[K];

export interface ProductFileOptions {
  format: DelimitedFormat;
  onIssue(issue: FileIssue): void;
  /** Column names the config sets, per file; the layout's own names otherwise. */
  columns?: { [K in ProductFileKind]?: ColumnNaming<Layout<K>> };
  /**
   * Read only the rows of this partition of the SKUs (see partition.ts). What concerns a file as a
   * whole (a missing column, its encoding) is reported by partition 0 alone.
   */
  partition?: Partition;
  /** What a last line stopped mid-row is (see openTable): 'fail' unless the copy may be a file's first bytes. */
  cutShort?: 'fail' | 'ragged';
}

/** Issues every partition of a file meets alike; row issues come from the one partition of the row. */
const FILE_ISSUES = new Set(['missing_column', 'encoding']);

/** How many data rows a file had, and why some were not used. */
export interface RowCounts {
  /** Data rows (blank lines and repeated header lines not included). */
  rows: number;
  ragged: number;
  withoutSku: number;
}

export interface ItemStream<T> {
  /** Columns of the file the connector does not know (kept in each item's `extra`). */
  extraColumns: string[];
  items: AsyncGenerator<T[]>;
  /** Counts so far; final once `items` is exhausted. */
  readonly counts: RowCounts;
}

type WithSku<T> = T & { sku: string };

async function openItems<K extends ProductFileKind>(kind: K, file: LocalFile, options: ProductFileOptions): Promise<ItemStream<WithSku<ItemOf<Layout<K>>>>> {
  const columns: Layout<K> = PRODUCT_FILE_LAYOUTS[kind];
  const naming = (options.columns?.[kind] ?? {}) as ColumnNaming<Layout<K>>;
  const name = file.remote.path;
  const { partition } = options;
  const onIssue: ProductFileOptions['onIssue'] =
    partition === undefined || partition.index === 0 ? options.onIssue : (issue) => ('kind' in issue && FILE_ISSUES.has(issue.kind) ? undefined : options.onIssue(issue));
  const filter = partition === undefined ? undefined : partitionFilter(partition);
  const table = await openTable(file.localPath, options.format, name, onIssue, filter, options.cutShort);
  if (table.header.length === 0) {
    throw new KrollDataError(`${name} holds no header line (${file.remote.size} bytes of blank lines).`);
  }
  const resolved = resolveColumns(columns, table.header, name, naming);
  if (filter !== undefined) filter.column = resolved.indexes.sku;
  resolved.missing.forEach((missing, i) => {
    const hint = naming.renameHint ? ` ${naming.renameHint([resolved.missingFields[i]!])}` : '';
    onIssue({ kind: 'missing_column', file: name, message: `${name} has no column '${missing}'; that field is left empty.${hint}` });
  });
  const map = createRowMapper(columns, resolved, name, onIssue);
  const counts = { rows: 0, ragged: 0, withoutSku: 0 };
  async function* items(): AsyncGenerator<WithSku<ItemOf<Layout<K>>>[]> {
    for await (const batch of table.rows) {
      const kept: WithSku<ItemOf<Layout<K>>>[] = [];
      for (const row of batch) {
        const item = map(row);
        if (item.sku === null) {
          counts.withoutSku++;
          onIssue({ kind: 'skipped_row', file: name, message: `${name} line ${row.line} has no Sku; the row is skipped.` });
        } else {
          kept.push(item as WithSku<ItemOf<Layout<K>>>);
        }
      }
      counts.rows = table.stats.rows;
      counts.ragged = table.stats.ragged;
      yield kept;
    }
    counts.rows = table.stats.rows;
    counts.ragged = table.stats.ragged;
  }
  return { extraColumns: resolved.extra.map((e) => e.name), items: items(), counts };
}

export type CatalogProduct = CatalogItem & { sku: string; productId: string };

export interface CatalogStream extends ItemStream<CatalogProduct> {
  readonly counts: RowCounts & { withoutProductId: number };
}

/**
 * Catalog items in file order. A row with a blank ProductId is skipped and counted, as Kroll's
 * integrations do [observed in the Flxpoint notes]; so is a row without a SKU.
 */
export async function openCatalog(file: LocalFile, options: ProductFileOptions): Promise<CatalogStream> {
  const opened = await openItems('catalog', file, options);
  const counts = Object.assign(opened.counts, { withoutProductId: 0 });
  async function* items(): AsyncGenerator<CatalogProduct[]> {
    for await (const batch of opened.items) {
      const kept = batch.filter((item): item is CatalogProduct => item.productId !== null);
      counts.withoutProductId += batch.length - kept.length;
      yield kept;
    }
  }
  return { extraColumns: opened.extraColumns, items: items(), counts };
}

/** Inventory export items in file order; a row without a SKU is skipped and reported. */
export function openInventory(file: LocalFile, options: ProductFileOptions): Promise<ItemStream<WithSku<InventoryItem>>> {
  return openItems('inventory', file, options);
}

/** Status file items in file order; a row without a SKU is skipped and reported. */
export function openStatus(file: LocalFile, options: ProductFileOptions): Promise<ItemStream<WithSku<StatusItem>>> {
  return openItems('status', file, options);
}

/** The inventory export and the status file by SKU, for the join with the catalog. */
export async function loadLookup(inventory: LocalFile, status: LocalFile, options: ProductFileOptions): Promise<ProductLookup> {
  const lookup = new ProductLookup();
  const inventoryItems = await openInventory(inventory, options);
  for await (const batch of inventoryItems.items) {
    for (const item of batch) {
      if (!lookup.addInventory(item)) {
        options.onIssue({ kind: 'duplicate_sku', file: inventory.remote.path, message: `${inventory.remote.path} line ${item.line} repeats SKU ${item.sku}; the first row is used.` });
      }
    }
  }
  const statuses = await openStatus(status, options);
  for await (const batch of statuses.items) {
    for (const item of batch) {
      if (item.status !== null && !lookup.addStatus(item.sku, item.status)) {
        options.onIssue({ kind: 'duplicate_sku', file: status.remote.path, message: `${status.remote.path} line ${item.line} repeats SKU ${item.sku}; the first row is used.` });
      }
    }
  }
  lookup.inventoryRows = inventoryItems.counts.rows;
  lookup.statusRows = statuses.counts.rows;
  return lookup;
}

/** A file's header against its layout and the config's names, without reading its rows. */
export interface HeaderInspection<K extends ProductFileKind> {
  /** Column names as the file spells them; empty when the file holds no header line. */
  header: string[];
  headerLine: number;
  match: ColumnMatch<Layout<K>>;
}

/** Reads the header of a local copy (a whole file or its first bytes) and matches its columns. */
export async function inspectHeader<K extends ProductFileKind>(kind: K, file: LocalFile, options: ProductFileOptions): Promise<HeaderInspection<K>> {
  const table = await openTable(file.localPath, options.format, file.remote.path, options.onIssue);
  try {
    const naming = (options.columns?.[kind] ?? {}) as ColumnNaming<Layout<K>>;
    return { header: table.header, headerLine: table.headerLine, match: matchColumns(PRODUCT_FILE_LAYOUTS[kind], table.header, naming) };
  } finally {
    await table.close();
  }
}
