/**
 * The FTP side of the diagnosis: the session (connect, TLS, login), the folders with their files,
 * then each product file: its age, whether its size holds still across two looks, and what the
 * connector makes of it (files.ts). The inventory export and the status file are downloaded whole
 * (they are small, and the catalog's first record is joined with them as a sync would); of the
 * catalog, only its first 256 KiB. Nothing is written on the server.
 */
import { join, posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceConfig } from '../../generated/configs.js';
import type { ProductsRecord } from '../../generated/records.js';
import { fetchFileHead, type LocalFile } from '../../kroll/files/fetch.js';
import { KrollFtp, type RemoteFile, type SessionStep } from '../../kroll/ftp/client.js';
import { FtpFileNotFoundError } from '../../kroll/ftp/errors.js';
import { loadLookup, type CatalogProduct } from '../../kroll/products/files.js';
import { IMAGE_FOLDER, type InventoryItem, type ProductFileKind, type StatusItem } from '../../kroll/products/layout.js';
import { ConnectorError } from '../../protocol/errors.js';
import { FILE_TITLES, PATH_SETTINGS, PRODUCT_FILE_KINDS } from '../columns.js';
import { HEAD_BYTES, withHeadFolder } from '../file-headers.js';
import { ftpSettings, productFileOptions } from '../settings.js';
import { toRecord as inventoryRecord } from '../streams/inventory.js';
import { toRecord as productsRecord } from '../streams/products-join.js';
import { count } from '../../protocol/wording.js';
import { readProductFile, type FileReading } from './files.js';
import { SectionBuilder, errorMessage, type Section } from './report.js';
import { bytes, duration, recordLines, seconds, table, utc } from './words.js';

export interface FtpOptions {
  /** Between the two looks at each file's size. */
  recheckMs: number;
  signal: AbortSignal;
}

export interface FtpFindings {
  sections: Section[];
  /** The SKU of the catalog's first record, for the API's read-only call. */
  sku: string | undefined;
}

const LISTED = 12;

function sessionLines(config: SourceConfig, section: SectionBuilder, done: SessionStep[], ftp: KrollFtp | undefined, error?: unknown): void {
  const where = `${config.ftp_host}:${config.ftp_port}`;
  const steps: SessionStep[] = config.ftp_tls === 'none' ? ['connect', 'login'] : config.ftp_tls === 'implicit' ? ['tls', 'login'] : ['connect', 'tls', 'login'];
  for (const step of steps) {
    if (!done.includes(step)) {
      section.fail('ftp', step === 'tls' ? 'TLS' : step, errorMessage(error), { fix: 'Correct the FTP settings as the message says.' });
      return;
    }
    if (step === 'connect') section.ok('ftp', 'connect', `connected to ${where}`);
    if (step === 'connect' && config.ftp_tls === 'none') section.ok('ftp', 'TLS', 'none: plain FTP, as Kroll offers by default (ftp_tls)');
    if (step === 'tls') section.ok('ftp', 'TLS', `${config.ftp_tls} FTPS${ftp?.tlsProtocol ? ` (${ftp.tlsProtocol})` : ''}, certificate trusted`);
    if (step === 'login') section.ok('ftp', 'login', `logged in as ${config.ftp_username}`);
  }
}

/** `products`: the folder of the product files (else the image folder, which no stream needs). */
async function listFolder(ftp: KrollFtp, folder: string, section: SectionBuilder, products: boolean): Promise<void> {
  const subject = products ? 'ftp' : 'images';
  try {
    const entries = (await ftp.list(folder)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const rows = entries.slice(0, LISTED).map((e) => [
      `${e.name}${e.isDirectory ? '/' : ''}`,
      e.isDirectory ? '' : bytes(e.size),
      e.modifiedAt ? utc(e.modifiedAt) : e.rawModifiedAt,
    ]);
    const more = entries.length > LISTED ? [`… and ${entries.length - LISTED} more`] : [];
    const data = entries.map((e) => ({ name: e.name, directory: e.isDirectory, size: e.size, modified: e.modifiedAt?.toISOString() ?? e.rawModifiedAt }));
    section.ok(subject, 'listing', `${folder}: ${count(entries.length, 'entry', 'entries')}`, { detail: [...table(rows), ...more], data });
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    const message = (await exists(ftp, folder)) ? `could not list ${folder}: ${errorMessage(error)}` : `${folder} does not exist`;
    // The product files' own lines below say whether they can be read; a listing only shows them.
    if (products) section.warn(subject, 'listing', message);
    else section.warn(subject, 'listing', `${message}; the catalog's image_path values point to no file there (the connector does not download images)`);
  }
}

/**
 * Whether a folder is there, from its parent's listing: servers answer LIST of a missing folder
 * with 450, 451 or 550, or an empty listing, so the error itself does not say.
 */
async function exists(ftp: KrollFtp, folder: string): Promise<boolean> {
  const path = folder.replace(/\/+$/, '');
  try {
    return (await ftp.list(posix.dirname(path) || '/')).some((e) => e.isDirectory && e.name === posix.basename(path));
  } catch (error) {
    if (error instanceof ConnectorError) return !(error instanceof FtpFileNotFoundError);
    throw error;
  }
}

/** Two looks at each file, `recheckMs` apart; files that cannot be used are left out, with a fail. */
async function lookTwice(ftp: KrollFtp, config: SourceConfig, sections: Record<ProductFileKind, SectionBuilder>, options: FtpOptions): Promise<Partial<Record<ProductFileKind, RemoteFile>>> {
  const first: Partial<Record<ProductFileKind, RemoteFile>> = {};
  for (const kind of PRODUCT_FILE_KINDS) {
    const path = config[PATH_SETTINGS[kind]];
    try {
      first[kind] = await ftp.stat(path);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const missing = error instanceof FtpFileNotFoundError;
      sections[kind].fail(`file:${kind}`, 'file', missing ? `${path} does not exist on the FTP server` : errorMessage(error), {
        fix: missing ? `Set ${PATH_SETTINGS[kind]} to the ${FILE_TITLES[kind]}'s path (see the listing), or ask Kroll to enable the product files for your account.` : undefined,
      });
    }
  }
  await sleep(options.recheckMs, undefined, { signal: options.signal });
  const stable: Partial<Record<ProductFileKind, RemoteFile>> = {};
  for (const kind of PRODUCT_FILE_KINDS) {
    const before = first[kind];
    if (before === undefined) continue;
    const section = sections[kind];
    const subject = `file:${kind}` as const;
    let after: RemoteFile;
    try {
      after = await ftp.stat(before.path);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      section.fail(subject, 'file', `${before.path} was there, then not: ${errorMessage(error)}`, { fix: 'Try again later: Kroll may be replacing it.' });
      continue;
    }
    const age = Date.now() - after.modifiedAt.getTime();
    const limit = config.file_stale_after_hours;
    const modified = `modified ${utc(after.modifiedAt)}, ${age < 0 ? `${duration(-age)} in the future` : `${duration(age)} ago`}`;
    if (age > limit * 3_600_000) {
      section.warn(subject, 'age', `${modified}: older than ${limit} hours (file_stale_after_hours); Kroll may have stopped regenerating it`, {
        fix: `Ask Kroll whether it still regenerates ${after.path}.`,
      });
    } else if (age < -3_600_000) {
      section.warn(subject, 'age', `${modified}: the FTP server's clock may be wrong`);
    } else {
      section.ok(subject, 'age', `${modified} (warns after ${limit} hours: file_stale_after_hours)`);
    }
    if (after.size === 0) {
      section.fail(subject, 'size', `${after.path} is empty (0 bytes): Kroll may be regenerating it`, { fix: 'Try again later.' });
      continue;
    }
    if (before.size !== after.size || before.modifiedAt.getTime() !== after.modifiedAt.getTime()) {
      section.warn(
        subject,
        'stable',
        `changed between two looks ${seconds(options.recheckMs)} apart (${bytes(before.size)} at ${utc(before.modifiedAt)}, then ${bytes(after.size)} at ${utc(after.modifiedAt)}): ` +
          `Kroll is still writing it. A sync now reads it again until it holds still (file_change_retries), or fails and tries next time`,
        { fix: `Sync once Kroll has finished writing ${after.path}.` },
      );
    } else {
      section.ok(subject, 'stable', `${bytes(after.size)}, the same size and time on two looks ${seconds(options.recheckMs)} apart`);
    }
    stable[kind] = after;
  }
  return stable;
}

interface Downloaded {
  local: LocalFile;
  complete: boolean;
}

async function download(ftp: KrollFtp, kind: ProductFileKind, remote: RemoteFile, directory: string, section: SectionBuilder): Promise<Downloaded | undefined> {
  try {
    if (kind === 'catalog') {
      const head = await fetchFileHead(ftp, remote, directory, HEAD_BYTES);
      return { local: head, complete: head.complete };
    }
    const localPath = join(directory, `${kind}.txt`);
    await ftp.downloadToFile(remote.path, localPath);
    return { local: { remote, localPath }, complete: true };
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    section.fail(`file:${kind}`, 'download', errorMessage(error));
    return undefined;
  }
}

/** The first record of the catalog as `read` would emit it: joined with the whole inventory export and status file. */
async function catalogRecord(
  config: SourceConfig,
  first: CatalogProduct,
  files: Partial<Record<ProductFileKind, Downloaded>>,
  readings: Partial<Record<ProductFileKind, FileReading>>,
  feedModifiedAt: string,
): Promise<{ record: ProductsRecord; joined: boolean }> {
  if (!files.inventory || !files.status || !readings.inventory?.usable || !readings.status?.usable) {
    return { record: productsRecord(first, undefined, null, feedModifiedAt), joined: false };
  }
  // The files may be first bytes, or caught mid-upload: a last line cut short is left out of the sample's join.
  const lookup = await loadLookup(files.inventory.local, files.status.local, { ...productFileOptions(config, () => undefined), cutShort: 'ragged' });
  const slot = lookup.slotOf(first.sku);
  return { record: productsRecord(first, lookup.inventory(slot), lookup.status(slot), feedModifiedAt), joined: true };
}

function firstRecordLines(
  kind: ProductFileKind,
  reading: FileReading | undefined,
  section: SectionBuilder,
  record: object | undefined,
  note: string,
): void {
  if (!reading?.usable || record === undefined) return;
  section.ok(`file:${kind}`, 'first record', note, { detail: recordLines(record), data: record });
}

async function checkImage(ftp: KrollFtp, path: string | null | undefined, section: SectionBuilder): Promise<void> {
  if (!path) return;
  try {
    const image = await ftp.stat(path);
    section.ok('images', 'image', `the first record's image ${path} is there (${bytes(image.size)})`);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    section.warn('images', 'image', `the first record's image ${path} is not on the FTP server (${errorMessage(error)}); image_path is kept as Kroll wrote it`);
  }
}

export async function diagnoseFtp(config: SourceConfig, options: FtpOptions): Promise<FtpFindings> {
  const session = new SectionBuilder('ftp', `FTP ${config.ftp_host}:${config.ftp_port}`);
  const sections = Object.fromEntries(
    PRODUCT_FILE_KINDS.map((kind) => [kind, new SectionBuilder(kind, `${FILE_TITLES[kind][0]!.toUpperCase()}${FILE_TITLES[kind].slice(1)} ${config[PATH_SETTINGS[kind]]}`)]),
  ) as Record<ProductFileKind, SectionBuilder>;
  const all = () => [session, ...PRODUCT_FILE_KINDS.map((kind) => sections[kind])].map((s) => s.build());

  const done: SessionStep[] = [];
  let ftp: KrollFtp;
  try {
    ftp = await KrollFtp.connect(ftpSettings(config), (step) => done.push(step));
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    sessionLines(config, session, done, undefined, error);
    return { sections: all(), sku: undefined };
  }
  const abort = () => ftp.close();
  options.signal.addEventListener('abort', abort, { once: true });
  try {
    sessionLines(config, session, done, ftp);
    const folders = [...new Set(PRODUCT_FILE_KINDS.map((kind) => `${posix.dirname(config[PATH_SETTINGS[kind]])}/`.replace('//', '/')))];
    for (const folder of folders) await listFolder(ftp, folder, session, true);
    await listFolder(ftp, IMAGE_FOLDER, session, false);

    const remote = await lookTwice(ftp, config, sections, options);
    return await withHeadFolder(async (directory) => {
      const files: Partial<Record<ProductFileKind, Downloaded>> = {};
      const readings: Partial<Record<ProductFileKind, FileReading>> = {};
      // The catalog last: its head ends the FTP session it came over (see KrollFtp.downloadHead).
      for (const kind of ['inventory', 'status', 'catalog'] as const) {
        const file = remote[kind];
        if (file === undefined) continue;
        files[kind] = await download(ftp, kind, file, directory, sections[kind]);
        const got = files[kind];
        if (got) readings[kind] = await readProductFile(kind, got.local, got.complete, config, sections[kind]);
      }

      const inventoryFirst = readings.inventory?.first as (InventoryItem & { sku: string }) | undefined;
      firstRecordLines('inventory', readings.inventory, sections.inventory, inventoryFirst && inventoryRecord(inventoryFirst), `line ${inventoryFirst?.line}, as the inventory record`);
      const statusFirst = readings.status?.first as (StatusItem & { sku: string }) | undefined;
      firstRecordLines(
        'status',
        readings.status,
        sections.status,
        statusFirst && { sku: statusFirst.sku, status: statusFirst.status, is_active: statusFirst.status === null ? null : statusFirst.status !== 'Disco' },
        `line ${statusFirst?.line}, as the fields of the products record it feeds`,
      );

      const catalogFirst = readings.catalog?.first as CatalogProduct | undefined;
      let sku: string | undefined;
      if (catalogFirst) {
        const times = PRODUCT_FILE_KINDS.flatMap((kind) => (remote[kind] ? [remote[kind]!.modifiedAt.getTime()] : []));
        const feedModifiedAt = new Date(Math.max(...times)).toISOString();
        const { record, joined } = await catalogRecord(config, catalogFirst, files, readings, feedModifiedAt);
        firstRecordLines(
          'catalog',
          readings.catalog,
          sections.catalog,
          record,
          `line ${catalogFirst.line}, as the products record${joined ? ', joined with the inventory export and status file' : ' (without the inventory export and status file, which could not be read)'}`,
        );
        sku = record.sku;
        await checkImage(ftp, record.image_path, sections.catalog);
      }
      return { sections: all(), sku };
    });
  } catch (error) {
    if (options.signal.aborted || !(error instanceof ConnectorError)) throw error;
    session.fail('ftp', 'session', errorMessage(error));
    return { sections: all(), sku: undefined };
  } finally {
    options.signal.removeEventListener('abort', abort);
    ftp.close();
  }
}
