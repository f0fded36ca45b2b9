/**
 * Downloads a product file to local disk and proves it complete: its size and modification time
 * are the same before and after the transfer and equal to the bytes received. Kroll regenerates
 * the files on its own schedule; a file caught mid-upload is read again after a pause, and
 * reported as a transient error if it never settles. Nothing is parsed before that proof, so a
 * truncated catalog is never read as "these are all the products".
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransientError } from '../../protocol/errors.js';
import type { KrollFtp, RemoteFile } from '../ftp/client.js';

export interface FetchOptions {
  /** Local folder for the copy; the caller owns it and removes it. */
  directory: string;
  retries: number;
  retryDelayMs: number;
  signal?: AbortSignal;
  onRetry(message: string): void;
}

export interface LocalFile {
  remote: RemoteFile;
  localPath: string;
}

function describeChange(before: RemoteFile, received: number, after: RemoteFile): string {
  if (before.size === 0 && after.size === 0) return 'it is empty (0 bytes)';
  const sizes = new Set([before.size, received, after.size]);
  if (sizes.size > 1) return `its size changed while it was read (${before.size} bytes listed, ${received} received, ${after.size} listed after)`;
  return `its modification time changed while it was read (${before.modifiedAt.toISOString()} -> ${after.modifiedAt.toISOString()})`;
}

/** The file never settled: Kroll is still writing it (or wrote nothing). */
export class FileNotCompleteError extends TransientError {}

function localPathFor(directory: string, path: string): string {
  return join(directory, path.replace(/[^A-Za-z0-9._-]+/g, '_'));
}

/** The first bytes of a product file, enough for its header and first rows (see fetchFileHead). */
export interface FileHead extends LocalFile {
  /** The local copy is the whole file. */
  complete: boolean;
  /** Bytes in the local copy: whole lines only, when the file was cut. */
  bytes: number;
}

/**
 * Downloads the first `maxBytes` of a file, for a look at its header and first rows (check,
 * diagnose) without the whole transfer. A cut copy keeps whole lines only, so its last row is
 * never a row cut in half.
 */
export async function fetchFileHead(ftp: KrollFtp, remote: RemoteFile, directory: string, maxBytes: number): Promise<FileHead> {
  const localPath = localPathFor(directory, `${remote.path}.head`);
  const { data, complete } = await ftp.downloadHead(remote.path, maxBytes);
  let kept = data;
  if (!complete) {
    const end = Math.max(data.lastIndexOf(0x0a), data.lastIndexOf(0x0d));
    kept = data.subarray(0, end + 1);
  }
  await writeFile(localPath, kept);
  return { remote, localPath, complete, bytes: kept.length };
}

export async function fetchStableFile(ftp: KrollFtp, path: string, options: FetchOptions): Promise<LocalFile> {
  const localPath = localPathFor(options.directory, path);
  for (let attempt = 0; ; attempt++) {
    const before = await ftp.stat(path);
    const received = before.size === 0 ? 0 : await ftp.downloadToFile(path, localPath);
    const after = before.size === 0 ? before : await ftp.stat(path);
    const stable = before.size > 0 && before.size === received && after.size === received && before.modifiedAt.getTime() === after.modifiedAt.getTime();
    if (stable) return { remote: after, localPath };

    const change = describeChange(before, received, after);
    if (attempt >= options.retries) {
      throw new FileNotCompleteError(
        `${path} on Kroll's FTP server is not complete: ${change}, on each of ${attempt + 1} reads. ` +
          `Kroll is probably still writing it; the next sync will try again.`,
      );
    }
    const delay = options.retryDelayMs * 2 ** attempt;
    options.onRetry(`${path}: ${change}; Kroll is probably still writing it. Reading it again in ${Math.round(delay / 100) / 10} s (retry ${attempt + 1} of ${options.retries}).`);
    await sleep(delay, undefined, { signal: options.signal });
  }
}
