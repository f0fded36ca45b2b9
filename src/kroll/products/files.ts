/**
 * Kroll's three product files, read from their local copies into typed items: the catalog as a
 * stream of batches, the inventory export as a stream or into the join's lookup table, the status
 * file into the lookup table.
 */
import { openTable, type TableIssue } from '../files/table.js';
import type { DelimitedFormat } from '../files/rows.js';
import type { LocalFile } from '../files/fetch.js';
import { KrollDataError } from '../../protocol/errors.js';
import { createRowMapper, resolveColumns, type ValueIssue } from './columns.js';
import {
  CATALOG_COLUMNS,
  INVENTORY_COLUMNS,
  STATUS_COLUMNS,
  type CatalogItem,
  type Columns,
  type InventoryItem,
  type ItemOf,
} from './layout.js';
import { ProductLookup } from './lookup.js';

export type FileIssue = TableIssue | ValueIssue | { kind: 'missing_column'; file: string; message: string };

export interface ProductFileOptions {
  format: DelimitedFormat;
  onIssue(issue: FileIssue): void;
}

export interface ItemStream<T> {
  /** Columns of the file the connector does not know (kept in each item's `extra`). */
  extraColumns: string[];
  items: AsyncGenerator<T[]>;
}

async function openItems<C extends Columns>(
  columns: C,
  file: LocalFile,
  options: ProductFileOptions,
): Promise<ItemStream<ItemOf<C>> & { dataRows: () => number }> {
  const name = file.remote.path;
  const table = await openTable(file.localPath, options.format, name, options.onIssue);
  if (table.header.length === 0) {
    throw new KrollDataError(`${name} holds no header line (${file.remote.size} bytes of blank lines).`);
  }
  const resolved = resolveColumns(columns, table.header, name);
  for (const missing of resolved.missing) {
    options.onIssue({ kind: 'missing_column', file: name, message: `${name} has no column '${missing}'; that field is left empty.` });
  }
  const map = createRowMapper(columns, resolved, name, options.onIssue);
  let rows = 0;
  async function* items(): AsyncGenerator<ItemOf<C>[]> {
    for await (const batch of table.rows) {
      rows += batch.length;
      yield batch.map(map);
    }
  }
  return { extraColumns: resolved.extra.map((e) => e.name), items: items(), dataRows: () => rows };
}

export interface CatalogStream extends ItemStream<CatalogItem & { sku: string; productId: string }> {
  /** Rows skipped so far because their ProductId is blank. */
  readonly skippedWithoutProductId: number;
  /** Data rows read so far, skipped ones included. */
  readonly rows: number;
}

/** Catalog items in file order; rows with a blank ProductId or SKU are skipped and counted. */
export async function openCatalog(file: LocalFile, options: ProductFileOptions): Promise<CatalogStream> {
  const opened = await openItems(CATALOG_COLUMNS, file, options);
  const state = { skipped: 0 };
  async function* items(): AsyncGenerator<(CatalogItem & { sku: string; productId: string })[]> {
    for await (const batch of opened.items) {
      const kept = batch.filter((item): item is CatalogItem & { sku: string; productId: string } => item.sku !== null && item.productId !== null);
      state.skipped += batch.length - kept.length;
      yield kept;
    }
  }
  return {
    extraColumns: opened.extraColumns,
    items: items(),
    get skippedWithoutProductId() {
      return state.skipped;
    },
    get rows() {
      return opened.dataRows();
    },
  };
}

/** Inventory export items in file order; a row without a SKU is skipped. */
export async function openInventory(file: LocalFile, options: ProductFileOptions): Promise<ItemStream<InventoryItem & { sku: string }>> {
  const opened = await openItems(INVENTORY_COLUMNS, file, options);
  async function* items(): AsyncGenerator<(InventoryItem & { sku: string })[]> {
    for await (const batch of opened.items) yield batch.filter((item): item is InventoryItem & { sku: string } => item.sku !== null);
  }
  return { extraColumns: opened.extraColumns, items: items() };
}

/** The inventory export and the status file by SKU, for the join with the catalog. */
export async function loadLookup(inventory: LocalFile, status: LocalFile, options: ProductFileOptions): Promise<ProductLookup> {
  const lookup = new ProductLookup();
  for await (const batch of (await openInventory(inventory, options)).items) {
    for (const item of batch) lookup.addInventory(item);
  }
  const statuses = await openItems(STATUS_COLUMNS, status, options);
  for await (const batch of statuses.items) {
    for (const item of batch) if (item.sku !== null && item.status !== null) lookup.addStatus(item.sku, item.status);
  }
  return lookup;
}
