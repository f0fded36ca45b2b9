/**
 * `products`: Kroll's catalog joined on SKU with the inventory export and the status file (Get
 * Inventory [Primary]). The two smaller files are held as lookup tables; the catalog is streamed.
 * Incremental syncs use the files' modification time as cursor: an unchanged feed yields no records.
 */
import type { ProductsRecord } from '../../generated/records.js';
import { KrollDataError, TransientError } from '../../protocol/errors.js';
import { loadLookup, openCatalog } from '../../kroll/products/files.js';
import type { CatalogItem, StockStatus } from '../../kroll/products/layout.js';
import type { InventoryValues } from '../../kroll/products/lookup.js';
import type { ReadContext, SelectedStream, StreamReader } from '../stream.js';
import { fileFormat } from '../settings.js';
import { IssueLog, filesSignature, resumeLine, resumePositionOf, startDownloads, statFiles } from './product-files.js';

const NAME = 'products';
const CURSOR = 'feed_modified_at';

function cursorOf(state: unknown): string | undefined {
  const value = (state as Record<string, unknown> | null | undefined)?.[CURSOR];
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function latest(dates: Date[]): string {
  return new Date(Math.max(...dates.map((d) => d.getTime()))).toISOString();
}

function toRecord(
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

async function readProducts(context: ReadContext, stream: SelectedStream): Promise<void> {
  const { config } = context;
  const paths = { status: config.status_file_path, inventory: config.inventory_file_path, catalog: config.catalog_file_path };
  const previous = cursorOf(stream.state);

  // An unchanged feed needs no download at all; a read interrupted mid-way still has to finish.
  if (stream.syncMode === 'incremental' && previous !== undefined && resumePositionOf(stream.state) === undefined) {
    const listed = await statFiles(config, paths);
    const modified = latest(Object.values(listed).map((f) => f.modifiedAt));
    if (Date.parse(modified) <= Date.parse(previous)) {
      context.log('INFO', `${NAME}: the product files have not changed since ${previous}; no records to send.`);
      stream.checkpoint({ [CURSOR]: previous });
      return;
    }
  }

  // The lookup tables are built from the two smaller files while the catalog downloads (the
  // catalog is still read only once it is proved complete). Their problems are logged once every
  // download has succeeded, as if the steps had run one after the other.
  const issues = new IssueLog(context.log);
  const options = { format: fileFormat(config), onIssue: issues.report };
  const downloads = startDownloads(config, paths, context.log);
  issues.hold();
  const building = Promise.all([downloads.file('inventory'), downloads.file('status')]).then(([inventory, status]) => loadLookup(inventory, status, options));
  building.catch(() => undefined); // awaited below, once the downloads are done
  try {
    const files = await downloads.all;
    const feedModifiedAt = latest(Object.values(files).map((f) => f.remote.modifiedAt));
    const signature = filesSignature([files.catalog.remote, files.inventory.remote, files.status.remote]);
    const startAfter = resumeLine(stream.state, signature, NAME, context.log);
    const cursorPart = stream.syncMode === 'incremental' && previous !== undefined ? { [CURSOR]: previous } : {};

    issues.release();
    const lookup = await building;
    const catalog = await openCatalog(files.catalog, options);
    const every = config.checkpoint_interval_records;
    let sinceCheckpoint = 0;
    let notInInventory = 0;
    let lastLine = startAfter;

    for await (const batch of catalog.items) {
      for (const item of batch) {
        if (item.line <= startAfter) continue;
        const slot = lookup.slotOf(item.sku);
        const inventory = lookup.inventory(slot);
        if (inventory === undefined) notInInventory++;
        stream.emit(toRecord(item, inventory, lookup.status(slot), feedModifiedAt));
        lastLine = item.line;
        if (++sinceCheckpoint >= every) {
          stream.checkpoint({ ...cursorPart, resume: { files: signature, line: lastLine } });
          sinceCheckpoint = 0;
        }
      }
      await context.ready();
    }

    if (catalog.rows === 0) {
      throw new TransientError(
        `${files.catalog.remote.path} has a header but no product rows (${files.catalog.remote.size} bytes); ` +
          `the connector does not report every product as gone. Kroll may be regenerating it; the next sync will try again.`,
      );
    }
    if (stream.emitted === 0 && startAfter === 0) {
      throw new KrollDataError(`No row of ${files.catalog.remote.path} has a ProductId (${catalog.rows} rows); no products to send.`);
    }
    issues.close();
    stream.checkpoint({ [CURSOR]: feedModifiedAt });
    context.log(
      'INFO',
      `${NAME}: ${stream.emitted} records from ${catalog.rows} catalog rows` +
        `${catalog.skippedWithoutProductId ? `; ${catalog.skippedWithoutProductId} rows without a ProductId skipped` : ''}` +
        `${notInInventory ? `; ${notInInventory} SKUs not in the inventory export (inventory fields left empty)` : ''}` +
        `; catalog columns kept in extra_columns: ${catalog.extraColumns.join(', ') || 'none'}.`,
    );
  } finally {
    await building.catch(() => undefined);
    await downloads.dispose();
  }
}

export const productsReader: StreamReader = {
  streams: [{ name: NAME, syncModes: ['full_refresh', 'incremental'], primaryKey: [['sku']], cursorField: [CURSOR] }],
  async read(context) {
    const stream = context.selected(NAME);
    if (stream) await readProducts(context, stream);
  },
};
