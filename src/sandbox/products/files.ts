/**
 * Writes the three product files (and a few product images) for a seed.
 *
 * Lines are batched into large strings, encoded to Windows-1252 once per batch and streamed to
 * disk with back-pressure, so a million products take seconds and little memory. The catalog
 * lists products in index order; the inventory export is sorted by maker code then part number;
 * the status file uses a scrambled order of its own: the connector has to join on SKU.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkLayoutDrift, fileDrift, type LayoutDrift, type ProductFileKey } from './drift.js';
import { CATALOG_HEADER, INVENTORY_HEADER, STATUS_HEADER, catalogLine, inventoryLine, statusLine } from './format.js';
import { solidJpeg } from './image.js';
import { MAKER_CODE_RANK } from './makers.js';
import { MAX_PRODUCTS, identityAt, inventoryAt, pricingAt, productAt, statusAt } from './product.js';
import { fmix32, seedHash } from './random.js';

export const PRODUCT_DATA_DIR = 'ProductData';
export const PRODUCT_IMAGES_DIR = 'ProductImages';
export const CATALOG_FILE_NAME = 'Kroll_Complete_Catalog.txt';
export const INVENTORY_FILE_NAME = 'KrollDealerInventoryExportRev2.txt';
export const STATUS_FILE_NAME = 'Kroll_Stock_Disco_CLSO.txt';

/** The files' paths on the FTP server (the connector's defaults). */
export const PRODUCT_FILE_PATHS = {
  catalog: `/${PRODUCT_DATA_DIR}/${CATALOG_FILE_NAME}`,
  inventory: `/${PRODUCT_DATA_DIR}/${INVENTORY_FILE_NAME}`,
  status: `/${PRODUCT_DATA_DIR}/${STATUS_FILE_NAME}`,
} as const;

/** Encoding of the files. */
export const PRODUCT_FILE_ENCODING = 'windows-1252';

/** Images are written for this many products from the start of the catalog. */
export const DEFAULT_IMAGE_COUNT = 20;

export interface ProductFileInfo {
  /** Absolute local path. */
  path: string;
  /** Path on the FTP server. */
  remotePath: string;
  bytes: number;
  /** Data rows (the header not counted). */
  rows: number;
}

export interface ProductFilesInfo {
  dir: string;
  seed: number;
  products: number;
  catalog: ProductFileInfo;
  inventory: ProductFileInfo;
  status: ProductFileInfo;
  /** FTP paths of the images written. */
  images: string[];
}

export interface WriteProductFilesOptions {
  seed: number;
  products: number;
  /** How many products (from index 0) get an image file; default 20. */
  images?: number;
  /** Another layout than Kroll's usual one (see drift.ts); default none. */
  layout?: LayoutDrift;
  /** Progress messages (for a terminal). */
  onProgress?: (message: string) => void;
  /** Stops the writing (the call then rejects with the signal's reason). */
  signal?: AbortSignal;
}

// Measured: batches of ~128K characters keep garbage collection cheap (bigger ones are slower).
const BATCH_CHARS = 1 << 17;

/** Collects lines, encodes them in large batches and writes with back-pressure. */
class Windows1252FileWriter {
  private readonly stream;
  private parts: string[] = [];
  private chars = 0;
  bytes = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 22 });
  }

  /** Adds a line; resolves at once unless a batch had to be written and the disk is behind. */
  add(line: string): Promise<void> | undefined {
    this.parts.push(line);
    this.chars += line.length;
    return this.chars >= BATCH_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buffer = iconv.encode(this.parts.join(''), 'win1252');
    this.parts = [];
    this.chars = 0;
    this.bytes += buffer.length;
    if (!this.stream.write(buffer)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    await once(this.stream, 'close').catch(() => undefined);
  }

  destroy(): void {
    this.stream.destroy();
  }
}

async function writeLines(
  path: string,
  header: string,
  count: number,
  lineAt: (j: number) => string | null,
  signal: AbortSignal | undefined,
  drift: { file: ProductFileKey; layout: LayoutDrift | undefined },
): Promise<{ bytes: number; rows: number }> {
  const drifted = fileDrift(drift.file, drift.layout);
  if (drifted) {
    const plain = lineAt;
    header = drifted.header;
    lineAt = (j) => {
      const line = plain(j);
      return line === null ? null : drifted.line(line);
    };
  }
  const writer = new Windows1252FileWriter(path);
  let rows = 0;
  try {
    await writer.add(header);
    for (let j = 0; j < count; j++) {
      const line = lineAt(j);
      if (line === null) continue;
      rows++;
      const pending = writer.add(line);
      if (pending) {
        await pending;
        signal?.throwIfAborted();
      }
    }
    await writer.close();
  } catch (error) {
    writer.destroy();
    throw error;
  }
  return { bytes: writer.bytes, rows };
}

/** Indices in the inventory export's order: by maker code, then part number. */
export function inventoryOrder(seed: number, products: number): Uint32Array {
  const keys = new Float64Array(products);
  const order = new Uint32Array(products);
  for (let i = 0; i < products; i++) {
    const id = identityAt(seed, i);
    keys[i] = (MAKER_CODE_RANK[id.makerIndex] as number) * 1e7 + id.partNumber;
    order[i] = i;
  }
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number));
  return order;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The status file's order: a seed-dependent affine permutation of 0..products-1. */
export function statusOrder(seed: number, products: number): (j: number) => number {
  if (products <= 1) return (j) => j;
  let multiplier = Math.max(1, Math.floor(products * 0.6180339887)) % products || 1;
  while (gcd(multiplier, products) !== 1) multiplier = (multiplier + 1) % products || 1;
  const offset = fmix32(seedHash(seed) ^ 0x1f83d9ab) % products;
  return (j) => (j * multiplier + offset) % products;
}

/**
 * Writes <dir>/ProductData/{Kroll_Complete_Catalog.txt, KrollDealerInventoryExportRev2.txt,
 * Kroll_Stock_Disco_CLSO.txt} and images under <dir>/ProductImages/<ManufacturerCode>/ for the
 * first products.
 */
export async function writeProductFiles(dir: string, options: WriteProductFilesOptions): Promise<ProductFilesInfo> {
  const { seed, products } = options;
  seedHash(seed);
  if (!Number.isInteger(products) || products < 0 || products > MAX_PRODUCTS) {
    throw new RangeError(`products must be an integer in [0, ${MAX_PRODUCTS}], got ${String(products)}`);
  }
  if (options.layout) checkLayoutDrift(options.layout);
  const progress = options.onProgress ?? (() => undefined);
  options.signal?.throwIfAborted();
  const dataDir = join(dir, PRODUCT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const catalogPath = join(dataDir, CATALOG_FILE_NAME);
  const inventoryPath = join(dataDir, INVENTORY_FILE_NAME);
  const statusPath = join(dataDir, STATUS_FILE_NAME);

  let started = Date.now();
  const catalog = await writeLines(catalogPath, CATALOG_HEADER, products, (i) => catalogLine(productAt(seed, i)), options.signal, { file: 'catalog', layout: options.layout });
  progress(`wrote ${CATALOG_FILE_NAME}: ${catalog.rows} rows, ${catalog.bytes} bytes in ${Date.now() - started} ms`);

  started = Date.now();
  const invOrder = inventoryOrder(seed, products);
  const inventory = await writeLines(inventoryPath, INVENTORY_HEADER, products, (j) => {
    const identity = identityAt(seed, invOrder[j] as number);
    const inv = inventoryAt(seed, identity, pricingAt(seed, identity), statusAt(seed, identity.index));
    return inv === null ? null : inventoryLine(identity.sku, inv);
  }, options.signal, { file: 'inventory', layout: options.layout });
  progress(`wrote ${INVENTORY_FILE_NAME}: ${inventory.rows} rows, ${inventory.bytes} bytes in ${Date.now() - started} ms`);

  started = Date.now();
  const stOrder = statusOrder(seed, products);
  const status = await writeLines(statusPath, STATUS_HEADER, products, (j) => {
    const i = stOrder(j);
    const s = statusAt(seed, i);
    return s === null ? null : statusLine(identityAt(seed, i).sku, s);
  }, options.signal, { file: 'status', layout: options.layout });
  progress(`wrote ${STATUS_FILE_NAME}: ${status.rows} rows, ${status.bytes} bytes in ${Date.now() - started} ms`);

  const images: string[] = [];
  const imageCount = Math.min(products, options.images ?? DEFAULT_IMAGE_COUNT);
  for (let i = 0; i < imageCount; i++) {
    const { maker, sku } = identityAt(seed, i);
    const folder = join(dir, PRODUCT_IMAGES_DIR, maker.code);
    await mkdir(folder, { recursive: true });
    const h = fmix32(seedHash(seed) ^ i);
    await writeFile(join(folder, `${sku}.jpg`), solidJpeg(h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff));
    images.push(`/${PRODUCT_IMAGES_DIR}/${maker.code}/${sku}.jpg`);
  }

  return {
    dir,
    seed,
    products,
    catalog: { path: catalogPath, remotePath: PRODUCT_FILE_PATHS.catalog, ...catalog },
    inventory: { path: inventoryPath, remotePath: PRODUCT_FILE_PATHS.inventory, ...inventory },
    status: { path: statusPath, remotePath: PRODUCT_FILE_PATHS.status, ...status },
    images,
  };
}
