/**
 * The products join itself: the inventory export and the status file into lookup tables, the
 * catalog streamed through them into records. The same work runs on the main thread, or once per
 * partition of the SKUs on worker threads (products-threads.ts); the caller says where records go.
 */
import type { ProductsRecord } from '../../generated/records.js';
import { loadLookup, openCatalog, type CatalogStream, type ProductFileOptions } from '../../kroll/products/files.js';
import type { LocalFile } from '../../kroll/files/fetch.js';
import type { CatalogItem, StockStatus } from '../../kroll/products/layout.js';
import type { InventoryValues } from '../../kroll/products/lookup.js';

export interface ProductFiles {
  catalog: LocalFile;
  inventory: LocalFile;
  status: LocalFile;
}

export interface JoinInput {
  files: ProductFiles;
  options: ProductFileOptions;
  /** Catalog lines up to this one were sent by an interrupted read. */
  startAfter: number;
  feedModifiedAt: string;
}

export interface JoinSink {
  /** The lookup tables are loaded from this many data rows of each file; may throw to stop. */
  loaded(rows: { inventory: number; status: number }): Promise<void>;
  record(record: ProductsRecord, line: number): void;
  /** After each batch of catalog rows: back-pressure, and the place to stop. */
  batchDone(): Promise<void>;
}

export interface JoinCounts {
  catalog: CatalogStream['counts'];
  sent: number;
  noInventory: number;
  noStatus: number;
  duplicates: number;
  /** SKUs the lookup tables hold from the inventory export, and with a status. */
  inventorySkus: number;
  statusSkus: number;
  extraColumns: string[];
}

export function toRecord(
  item: CatalogItem & { sku: string; productId: string },
  inventory: InventoryValues | undefined,
  status: StockStatus | null,
  feedModifiedAt: string,
): ProductsRecord {
  return {
    sku: item.sku,
    product_id: item.productId,
    name: item.name,
    short_description: item.shortDescription,
    long_description: item.longDescription,
    manufacturer: item.manufacturer,
    manufacturer_code: item.manufacturerCode,
    mpn: item.mpn,
    upc: item.upc,
    category_1: item.category1,
    category_2: item.category2,
    category_3: item.category3,
    image_path: item.imageFile,
    hazardous: item.hazardous,
    country_of_origin: item.countryOfOrigin,
    // The inventory export is the fresher source; a blank there falls back to the catalog.
    weight: inventory?.weight ?? item.weight,
    length: inventory?.length ?? item.length,
    width: inventory?.width ?? item.width,
    height: inventory?.height ?? item.height,
    msrp: inventory?.msrp ?? item.msrp,
    map_price: inventory?.mapPrice ?? item.mapPrice,
    dealer_cost: inventory?.dealerCost ?? null,
    quantity_available: inventory?.quantityAvailable ?? null,
    status,
    is_active: status === null ? null : status !== 'Disco',
    last_updated: inventory?.lastUpdated ?? null,
    feed_modified_at: feedModifiedAt,
    extra_columns: item.extra,
  };
}

export async function joinProducts(input: JoinInput, sink: JoinSink): Promise<JoinCounts> {
  const { files, options, startAfter, feedModifiedAt } = input;
  const lookup = await loadLookup(files.inventory, files.status, options);
  await sink.loaded({ inventory: lookup.inventoryRows, status: lookup.statusRows });
  const catalog = await openCatalog(files.catalog, options);
  const path = files.catalog.remote.path;
  let sent = 0;
  let noInventory = 0;
  let noStatus = 0;
  let duplicates = 0;
  for await (const batch of catalog.items) {
    for (const item of batch) {
      if (item.line <= startAfter) continue;
      const slot = lookup.slotOf(item.sku);
      if (!lookup.claim(slot, item.sku)) {
        duplicates++;
        options.onIssue({ kind: 'duplicate_sku', file: path, message: `${path} line ${item.line} repeats SKU ${item.sku}; only its first row is sent.` });
        continue;
      }
      const inventory = lookup.inventory(slot);
      const status = lookup.status(slot);
      if (inventory === undefined) noInventory++;
      if (status === null) noStatus++;
      sink.record(toRecord(item, inventory, status, feedModifiedAt), item.line);
      sent++;
    }
    await sink.batchDone();
  }
  return {
    catalog: catalog.counts,
    sent,
    noInventory,
    noStatus,
    duplicates,
    inventorySkus: lookup.inventoryCount,
    statusSkus: lookup.statusCount,
    extraColumns: catalog.extraColumns,
  };
}
