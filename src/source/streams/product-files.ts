/**
 * What the two FTP streams share: opening Kroll's FTP server, bringing product files to a local
 * folder (proved complete, see kroll/files/fetch.ts), reporting file problems without flooding the
 * log, and the resume position that lets an interrupted read continue where it stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceConfig } from '../../generated/configs.js';
import { KrollFtp, type RemoteFile } from '../../kroll/ftp/client.js';
import { fetchStableFile, type LocalFile } from '../../kroll/files/fetch.js';
import type { FileIssue } from '../../kroll/products/files.js';
import type { LogLevel } from '../../protocol/messages.js';
import { fileRetry, ftpSettings } from '../settings.js';

type Log = (level: LogLevel, message: string) => void;

export async function withFtp<T>(config: SourceConfig, work: (ftp: KrollFtp) => Promise<T>): Promise<T> {
  const ftp = await KrollFtp.connect(ftpSettings(config));
  try {
    return await work(ftp);
  } finally {
    ftp.close();
  }
}

export async function statFiles<K extends string>(config: SourceConfig, paths: Record<K, string>): Promise<Record<K, RemoteFile>> {
  return withFtp(config, async (ftp) => {
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

export interface Downloads<K extends string> {
  /** Resolves as soon as this file is local and proved complete; rejects if its download (or an earlier one) failed. */
  file(key: K): Promise<LocalFile>;
  /** Every file, local and proved complete; rejects with the first failure. */
  all: Promise<Record<K, LocalFile>>;
  /** Waits for the downloads to stop, then removes the local copies. */
  dispose(): Promise<void>;
}

/**
 * Downloads the files in the order given, each proved complete, over one FTP session, and lets
 * the caller start on a file as soon as it is complete (the products stream builds its lookup
 * tables from the two small files while the catalog downloads).
 */
export function startDownloads<K extends string>(config: SourceConfig, paths: Record<K, string>, log: Log): Downloads<K> {
  const keys = Object.keys(paths) as K[];
  const settle = new Map<K, { resolve(file: LocalFile): void; reject(error: unknown): void }>();
  const promises = new Map<K, Promise<LocalFile>>();
  for (const key of keys) {
    const promise = new Promise<LocalFile>((resolve, reject) => settle.set(key, { resolve, reject }));
    promise.catch(() => undefined); // a file nobody waits for must not be an unhandled rejection
    promises.set(key, promise);
  }
  const directory = mkdtemp(join(tmpdir(), 'kroll-feed-'));
  const all = directory.then((dir) =>
    withFtp(config, async (ftp) => {
      const out = {} as Record<K, LocalFile>;
      for (const key of keys) {
        out[key] = await fetchStableFile(ftp, paths[key], { directory: dir, ...fileRetry(config), onRetry: (message) => log('WARN', message) });
        settle.get(key)!.resolve(out[key]);
      }
      return out;
    }),
  );
  all.catch((error: unknown) => {
    for (const key of keys) settle.get(key)!.reject(error);
  });
  return {
    file: (key) => promises.get(key)!,
    all,
    async dispose() {
      await all.catch(() => undefined);
      const dir = await directory.catch(() => undefined);
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Downloads the files in the order given, each proved complete, over one FTP session. */
export async function downloadFiles<K extends string>(config: SourceConfig, paths: Record<K, string>, log: Log): Promise<LocalFiles<K>> {
  const downloads = startDownloads(config, paths, log);
  try {
    return { files: await downloads.all, dispose: () => downloads.dispose() };
  } catch (error) {
    await downloads.dispose();
    throw error;
  }
}

/**
 * Logs the first problems of each kind in full, and how many more there were at the end. While
 * held, the lines it would log wait (at most `shownPerKind` of each kind) until `release()`.
 */
export class IssueLog {
  private readonly counts = new Map<string, number>();
  private held: string[] | undefined;

  constructor(
    private readonly log: Log,
    private readonly shownPerKind = 10,
  ) {}

  report = (issue: FileIssue): void => {
    const key = `${issue.file}\u0000${'kind' in issue ? issue.kind : 'value'}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > this.shownPerKind) return;
    if (this.held) this.held.push(issue.message);
    else this.log('WARN', issue.message);
  };

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const message of held) this.log('WARN', message);
  }

  /** Writes the totals of kinds that had more problems than were shown. */
  close(): void {
    this.release();
    for (const [key, count] of this.counts) {
      if (count <= this.shownPerKind) continue;
      const [file, kind] = key.split('\u0000');
      const what = kind === 'ragged' ? 'ragged rows skipped' : kind === 'repeated_header' ? 'repeated header lines skipped' : 'values left empty';
      this.log('WARN', `${file}: ${count} ${what} in all (the first ${this.shownPerKind} are listed above).`);
    }
  }
}

/** Identifies the exact files a resume position belongs to. */
export function filesSignature(files: RemoteFile[]): string {
  return files.map((f) => `${f.path}|${f.size}|${f.modifiedAt.toISOString()}`).join(';');
}

export interface ResumePosition {
  /** filesSignature() of the files being read. */
  files: string;
  /** Last line of the streamed file whose record was emitted. */
  line: number;
}

export function resumePositionOf(state: unknown): ResumePosition | undefined {
  const resume = (state as { resume?: unknown } | null | undefined)?.resume as Partial<ResumePosition> | undefined;
  if (resume && typeof resume.files === 'string' && typeof resume.line === 'number' && resume.line > 0) {
    return { files: resume.files, line: resume.line };
  }
  return undefined;
}

/** The line to resume after (0 = from the start) and a note for the log. */
export function resumeLine(state: unknown, signature: string, stream: string, log: Log): number {
  const position = resumePositionOf(state);
  if (!position) return 0;
  if (position.files !== signature) {
    log('INFO', `${stream}: the product files changed since the interrupted read; reading them from the start.`);
    return 0;
  }
  log('INFO', `${stream}: resuming the interrupted read after line ${position.line}.`);
  return position.line;
}
