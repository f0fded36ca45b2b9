/**
 * What the two FTP streams share: opening Kroll's FTP server, bringing product files to a local
 * folder (proved complete, see kroll/files/fetch.ts), reporting file problems without flooding the
 * log, and the resume position that lets an interrupted read continue where it stopped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceConfig } from '../../generated/configs.js';
import { KrollFtp, type RemoteFile } from '../../kroll/ftp/client.js';
import { FileNotCompleteError, fetchStableFile, type LocalFile } from '../../kroll/files/fetch.js';
import { lineCount } from '../../kroll/files/line-count.js';
import { KrollDataError, TransientError } from '../../protocol/errors.js';
import type { CatalogStream } from '../../kroll/products/files.js';
import type { ProductFileKind } from '../../kroll/products/layout.js';
import type { LogLevel } from '../../protocol/messages.js';
import { makeTempFolder } from '../../protocol/temp-folders.js';
import { fileRetry, ftpSettings } from '../settings.js';
import { count } from '../../protocol/wording.js';
import { isObject } from '../../protocol/files.js';

type Log = (level: LogLevel, message: string) => void;

/** Runs `work` over one FTP session, closed at the end or as soon as `signal` aborts. */
export async function withFtp<T>(config: SourceConfig, signal: AbortSignal, work: (ftp: KrollFtp) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const ftp = await KrollFtp.connect(ftpSettings(config));
  const abort = () => ftp.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    return await work(ftp);
  } finally {
    signal.removeEventListener('abort', abort);
    ftp.close();
  }
}

export async function statFiles<K extends string>(config: SourceConfig, paths: Record<K, string>, signal: AbortSignal): Promise<Record<K, RemoteFile>> {
  return withFtp(config, signal, async (ftp) => {
    const out = {} as Record<K, RemoteFile>;
    for (const [key, path] of Object.entries(paths) as [K, string][]) out[key] = await ftp.stat(path);
    return out;
  });
}

export interface LocalFiles<K extends string> {
  files: Record<K, LocalFile>;
  /** Removes the local copies. */
  dispose(): Promise<void>;
}

/** A first connection that failed is tried once more after this (or the file retry delay, if shorter). */
const CONNECT_RETRY_MS = 2000;

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Downloads the files in the order given, each proved complete. A lost connection is not a
 * verdict on the files: the session is opened again and the file it was reading fetched again,
 * with the waits and as many times as a changing file would be (file_change_retries, counted for
 * each file on its own), before the stream fails. A server that cannot be reached at all (refused,
 * timed out, not found) is no dropped session: it is tried once more, after a short wait, and then
 * fails the stream, so that a wrong ftp_host or ftp_port is told within seconds.
 */
export async function downloadFiles<K extends string>(config: SourceConfig, paths: Record<K, string>, log: Log, signal: AbortSignal): Promise<LocalFiles<K>> {
  const folder = await makeTempFolder('kroll-feed-');
  const directory = folder.path;
  const dispose = folder.remove;
  const { retries, retryDelayMs } = fileRetry(config);
  const entries = Object.entries(paths) as [K, string][];
  const files = {} as Record<K, LocalFile>;
  const reconnects = new Map<K, number>();
  let sessionOpened = false;
  let connectRetried = false;
  try {
    for (;;) {
      try {
        await withFtp(config, signal, async (ftp) => {
          sessionOpened = true;
          for (const [key, path] of entries) {
            if (files[key] !== undefined) continue;
            files[key] = await fetchStableFile(ftp, path, { directory, retries, retryDelayMs, signal, onRetry: (message) => log('WARN', message) });
            signal.throwIfAborted();
          }
        });
        return { files, dispose };
      } catch (error) {
        if (signal.aborted || !(error instanceof TransientError) || error instanceof FileNotCompleteError) throw error;
        if (!sessionOpened) {
          if (connectRetried) throw error;
          connectRetried = true;
          const delay = Math.min(CONNECT_RETRY_MS, retryDelayMs);
          log('WARN', `${error.message} Trying once more in ${seconds(delay)}.`);
          await sleep(delay, undefined, { signal });
          continue;
        }
        // The session broke while it read the first file not yet fetched.
        const [key] = entries.find(([k]) => files[k] === undefined)!;
        const used = reconnects.get(key) ?? 0;
        if (used >= retries) throw error;
        reconnects.set(key, used + 1);
        const delay = retryDelayMs * 2 ** used;
        log('WARN', `${error.message} Connecting again in ${seconds(delay)} (retry ${used + 1} of ${retries} for ${paths[key]}).`);
        await sleep(delay, undefined, { signal });
      }
    }
  } catch (error) {
    await dispose();
    throw error;
  }
}

const EMPTIED: Record<ProductFileKind, string> = {
  catalog: 'every product would be gone',
  inventory: "every product's quantity, cost and prices would be gone",
  status: "every product's status would be gone",
};

/**
 * A product file with a header and no data row: Kroll regenerating it, most likely; never read as
 * "every product is gone".
 */
export function noRowsError(kind: ProductFileKind, file: RemoteFile): TransientError {
  return new TransientError(
    `${file.path} has a header but no ${kind === 'catalog' ? 'product ' : ''}rows (${file.size} bytes): read as it is, ${EMPTIED[kind]}. ` +
      'Kroll may be regenerating it; the next sync will try again.',
  );
}

/** A catalog with rows, none of which can be used: what was wrong with them. */
export function noUsableRowError(path: string, counts: CatalogStream['counts']): KrollDataError {
  const reasons = (
    [
      [counts.withoutProductId, 'a blank ProductId'],
      [counts.withoutSku, 'no Sku'],
      [counts.ragged, 'the wrong number of fields'],
    ] as const
  ).filter(([n]) => n > 0);
  const verb = (n: number) => (n === 1 ? 'has' : 'have');
  const why =
    reasons.length === 1
      ? `${counts.rows === 1 ? 'its one row' : `all ${count(counts.rows, 'row')}`} ${verb(counts.rows)} ${reasons[0]![1]}`
      : `of its ${count(counts.rows, 'row')}, ${reasons.map(([n, what]) => `${n.toLocaleString('en-US')} ${verb(n)} ${what}`).join(', ').replace(/, ([^,]+)$/, ' and $1')}`;
  return new KrollDataError(`No row of ${path} can be used: ${why}.`);
}

/** Identifies exact files (path, size and time of each), whatever order they are given in. */
export function filesSignature(files: RemoteFile[]): string {
  return files
    .map((f) => `${f.path}|${f.size}|${f.modifiedAt.toISOString()}`)
    .sort()
    .join(';');
}

export interface ResumePosition {
  /** filesSignature() of the files being read. */
  files: string;
  /** Last line of the streamed file whose record was emitted. */
  line: number;
}

/** Whether the state is a checkpoint of an interrupted read: it has a resume position, good or not. */
export function hasResume(state: unknown): boolean {
  return isObject(state) && state.resume !== undefined;
}

export function resumePositionOf(state: unknown): ResumePosition | undefined {
  const resume = isObject(state) ? state.resume : undefined;
  if (isObject(resume) && typeof resume.files === 'string' && Number.isSafeInteger(resume.line) && (resume.line as number) > 0) {
    return { files: resume.files, line: resume.line as number };
  }
  return undefined;
}

/**
 * The line of `file` (the one streamed) to resume after, 0 for from the start, with a note for the
 * log. A resume position that is not one this connector writes, or that lies past the end of the
 * file, is warned about and ignored: the files are read from the start, so nothing is skipped.
 */
export async function resumeLine(state: unknown, file: LocalFile, signature: string, stream: string, log: Log): Promise<number> {
  if (!hasResume(state)) return 0;
  const position = resumePositionOf(state);
  if (!position) {
    const resume = (state as { resume: unknown }).resume;
    const shown = isObject(resume) ? `(line ${JSON.stringify(resume.line) ?? 'missing'}${typeof resume.files === 'string' ? '' : ', no files'})` : JSON.stringify(resume).slice(0, 200);
    log('WARN', `${stream}: the state's resume position ${shown} is not one this connector writes (the files read and a line number); it is ignored and the files are read from the start.`);
    return 0;
  }
  if (position.files !== signature) {
    log('INFO', `${stream}: the product files changed since the interrupted read; reading them from the start.`);
    return 0;
  }
  const lines = await lineCount(file.localPath);
  if (position.line > lines) {
    log(
      'WARN',
      `${stream}: the state resumes after line ${position.line} of ${file.remote.path}, which has ${count(lines, 'line')}; ` +
        'the position is ignored and the files are read from the start.',
    );
    return 0;
  }
  log('INFO', `${stream}: resuming the interrupted read after line ${position.line}.`);
  return position.line;
}
