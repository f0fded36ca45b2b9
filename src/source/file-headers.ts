/**
 * The product files' headers, read from the first bytes of each file: `check` confirms that every
 * required column is there under the config's column names, without downloading whole files.
 */
import type { SourceConfig } from '../generated/configs.js';
import { fetchFileHead, type FileHead } from '../kroll/files/fetch.js';
import type { KrollFtp, RemoteFile } from '../kroll/ftp/client.js';
import { missingColumnsError } from '../kroll/products/columns.js';
import { inspectHeader, type HeaderInspection } from '../kroll/products/files.js';
import type { ProductFileKind } from '../kroll/products/layout.js';
import { TransientError } from '../protocol/errors.js';
import { makeTempFolder } from '../protocol/temp-folders.js';
import { PRODUCT_FILE_KINDS, columnNamings, mappingsSet } from './columns.js';
import { productFileOptions } from './settings.js';

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
 * Throws a ConfigError naming the file and column when a file lacks a required column; resolves
 * with a note on the column names the config set, for check's message.
 */
export async function confirmColumns(ftp: KrollFtp, config: SourceConfig, files: Record<ProductFileKind, RemoteFile>): Promise<string> {
  await withHeadFolder(async (directory) => {
    for (const kind of PRODUCT_FILE_KINDS) {
      const head = await fetchFileHead(ftp, files[kind], directory, HEAD_BYTES);
      const { header, match } = await headerOf(kind, head, config);
      if (match.missingRequired.length > 0) throw missingColumnsError(match, header, head.remote.path, columnNamings(config)[kind]);
    }
  });
  const mapped = mappingsSet(config);
  return `every file has its required columns${mapped.length > 0 ? ` (with ${mapped.join(', ')})` : ''}`;
}
