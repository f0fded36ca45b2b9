/**
 * The product files' headers, read from the first bytes of each file: `check` confirms that every
 * required column is there under the config's column names, without downloading whole files; and,
 * of a file those bytes hold whole, that it has the rows `read` requires.
 */
import type { SourceConfig } from '../generated/configs.js';
import { fetchFileHead, type FileHead } from '../kroll/files/fetch.js';
import type { KrollFtp, RemoteFile } from '../kroll/ftp/client.js';
import { missingColumnsError } from '../kroll/products/columns.js';
import { inspectHeader, openCatalog, openInventory, openStatus, type HeaderInspection } from '../kroll/products/files.js';
import type { ProductFileKind } from '../kroll/products/layout.js';
import { TransientError } from '../protocol/errors.js';
import { makeTempFolder } from '../protocol/temp-folders.js';
import { PRODUCT_FILE_KINDS, columnNamings, mappingsSet } from './columns.js';
import { productFileOptions } from './settings.js';
import { noRowsError, noUsableRowError } from './streams/product-files.js';

/** Enough for a header and the first rows of any of Kroll's files (a catalog row is ~600 bytes). */
export const HEAD_BYTES = 256 * 1024;

/** A folder for file heads, removed when `work` ends. */
export async function withHeadFolder<T>(work: (directory: string) => Promise<T>): Promise<T> {
  const folder = await makeTempFolder('kroll-head-');
  try {
    return await work(folder.path);
  } finally {
    await folder.remove();
  }
}

/** A file's header under the config's names; a TransientError when the head holds no header line. */
export async function headerOf<K extends ProductFileKind>(kind: K, head: FileHead, config: SourceConfig): Promise<HeaderInspection<K>> {
  const inspection = await inspectHeader(kind, head, productFileOptions(config, () => undefined));
  if (inspection.header.length === 0) {
    const where = head.complete ? `${head.remote.path} holds no header line` : `${head.remote.path} holds no whole line in its first ${HEAD_BYTES / 1024} KiB`;
    throw new TransientError(`${where} (${head.remote.size} bytes); Kroll may be regenerating it. Try again later.`);
  }
  return inspection;
}

/**
 * Of a head that is the whole file, what `read` would refuse, with read's own reason: no data row
 * (a header-only file), or, in the catalog, no row it can use (every ProductId blank, say). The
 * head of a larger file is not enough to tell: `read` and `diagnose` tell those.
 */
async function requireRows(kind: ProductFileKind, head: FileHead, config: SourceConfig): Promise<void> {
  if (!head.complete) return;
  const options = productFileOptions(config, () => undefined);
  if (kind === 'catalog') {
    const catalog = await openCatalog(head, options);
    let usable = 0;
    for await (const batch of catalog.items) usable += batch.length;
    if (catalog.counts.rows === 0) throw noRowsError(kind, head.remote);
    if (usable === 0) throw noUsableRowError(head.remote.path, catalog.counts);
    return;
  }
  const items = await (kind === 'inventory' ? openInventory(head, options) : openStatus(head, options));
  for await (const _batch of items.items);
  if (items.counts.rows === 0) throw noRowsError(kind, head.remote);
}

/**
 * Throws a ConfigError naming the file and column when a file lacks a required column, and read's
 * error when a file held whole in its head lacks the rows read needs; resolves with a note on the
 * column names the config set, for check's message.
 */
export async function confirmColumns(ftp: KrollFtp, config: SourceConfig, files: Record<ProductFileKind, RemoteFile>): Promise<string> {
  await withHeadFolder(async (directory) => {
    for (const kind of PRODUCT_FILE_KINDS) {
      const head = await fetchFileHead(ftp, files[kind], directory, HEAD_BYTES);
      const { header, match } = await headerOf(kind, head, config);
      if (match.missingRequired.length > 0) throw missingColumnsError(match, header, head.remote.path, columnNamings(config)[kind]);
      await requireRows(kind, head, config);
    }
  });
  const mapped = mappingsSet(config);
  return `every file has its required columns${mapped.length > 0 ? ` (with ${mapped.join(', ')})` : ''}`;
}
