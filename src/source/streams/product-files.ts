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

/** Downloads the files in the order given, each proved complete, over one FTP session. */
export async function downloadFiles<K extends string>(config: SourceConfig, paths: Record<K, string>, log: Log): Promise<LocalFiles<K>> {
  const directory = await mkdtemp(join(tmpdir(), 'kroll-feed-'));
  const dispose = () => rm(directory, { recursive: true, force: true });
  try {
    const files = await withFtp(config, async (ftp) => {
      const out = {} as Record<K, LocalFile>;
      for (const [key, path] of Object.entries(paths) as [K, string][]) {
        out[key] = await fetchStableFile(ftp, path, { directory, ...fileRetry(config), onRetry: (message) => log('WARN', message) });
      }
      return out;
    });
    return { files, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Logs the first problems of each kind in full, and how many more there were at the end. */
export class IssueLog {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly log: Log,
    private readonly shownPerKind = 10,
  ) {}

  report = (issue: FileIssue): void => {
    const key = `${issue.file}\u0000${'kind' in issue ? issue.kind : 'value'}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.shownPerKind) this.log('WARN', issue.message);
  };

  /** Writes the totals of kinds that had more problems than were shown. */
  close(): void {
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
