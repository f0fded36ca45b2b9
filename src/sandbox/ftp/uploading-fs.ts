/**
 * The FTP server's file system: ftp-srv's own (a folder served read-only), plus the faults "the
 * file is still being uploaded" (in downloads, or in time: GrowingSimulation) and "the connection
 * drops".
 *
 * With `uploadingReads` N > 0, each watched file (the three product files) looks mid-upload for
 * its first N downloads: SIZE, MDTM and LIST report only the part "uploaded so far" and a fresh
 * modification time, and a download (RETR) returns just that prefix. Every download moves the
 * upload on: after k downloads the visible size is (k+1)/(N+1) of the file, with a newer time.
 * When the N-th download starts the upload completes: the real file is shown from then on, and
 * its modification time on disk is set to that moment (as a real upload would leave it), so it
 * is newer than every mid-upload time and stable afterwards. The state is per server, shared by
 * all connections, as it would be for a real file.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { FileSystem, type FtpConnection } from 'ftp-srv';

interface UploadState {
  /** Downloads started so far. */
  downloads: number;
  /** Modification time reported for the current stage (whole seconds). */
  mtime: Date;
}

export interface UploadView {
  size: number;
  mtime: Date;
}

export interface DownloadStep {
  /** Bytes this download may read. */
  visible: number;
  /** Set when this download completes the upload: the file's new modification time. */
  completedAt: Date | null;
}

export class UploadSimulation {
  private readonly states = new Map<string, UploadState>();
  private readonly now: () => number;

  /**
   * @param reads downloads of each file that see it mid-upload (0 = never)
   * @param paths FTP paths of the watched files, e.g. "/ProductData/Kroll_Complete_Catalog.txt"
   */
  constructor(
    readonly reads: number,
    paths: readonly string[],
    now: () => number = Date.now,
  ) {
    this.now = now;
    if (reads > 0) {
      const started = new Date(Math.floor(now() / 1000) * 1000);
      for (const p of paths) this.states.set(p, { downloads: 0, mtime: started });
    }
  }

  /** What SIZE/MDTM/LIST show for `clientPath` now, or null when the real file is shown. */
  view(clientPath: string, realSize: number): UploadView | null {
    const state = this.states.get(clientPath);
    if (!state || state.downloads >= this.reads) return null;
    return { size: this.visibleSize(state, realSize), mtime: state.mtime };
  }

  /**
   * Starts a download of `clientPath` and moves the upload on by one step; null when the file
   * is not (or no longer) mid-upload.
   */
  beginDownload(clientPath: string, realSize: number): DownloadStep | null {
    const state = this.states.get(clientPath);
    if (!state || state.downloads >= this.reads) return null;
    const visible = this.visibleSize(state, realSize);
    state.downloads++;
    // At least a second later, so that second-resolution listings also see the change.
    state.mtime = new Date(Math.max(Math.floor(this.now() / 1000) * 1000, state.mtime.getTime() + 1000));
    return { visible, completedAt: state.downloads >= this.reads ? state.mtime : null };
  }

  /** Downloads of `clientPath` so far. */
  downloads(clientPath: string): number {
    return this.states.get(clientPath)?.downloads ?? 0;
  }

  private visibleSize(state: UploadState, realSize: number): number {
    return Math.floor((realSize * (state.downloads + 1)) / (this.reads + 1));
  }
}

/**
 * The fault "the connection drops": the first N downloads of each watched file stop half-way and
 * the server closes the session (421), as a dropped link or a restarting server would.
 */
export class DropSimulation {
  private readonly counts = new Map<string, number>();

  constructor(
    readonly reads: number,
    private readonly paths: readonly string[],
  ) {}

  /** Counts a download of `clientPath`; true when this one must be cut off. */
  shouldDrop(clientPath: string): boolean {
    if (this.reads === 0 || !this.paths.includes(clientPath)) return false;
    const n = (this.counts.get(clientPath) ?? 0) + 1;
    this.counts.set(clientPath, n);
    return n <= this.reads;
  }
}

/**
 * The fault "the file is being written right now", in time rather than in downloads: for `seconds`
 * after the server starts, each watched file shows (SIZE, MDTM, LIST) and serves (RETR) only the
 * part written so far, with the current second as its modification time. The upload is caught
 * half-way: the part grows steadily from half the file to all of it, so its header and first rows
 * are there. Two looks at its size a moment apart see it grow, as they would on Kroll's server
 * mid-upload. Afterwards the whole file is shown, modified when the upload ended.
 */
export class GrowingSimulation {
  readonly startedMs: number;
  private readonly paths: Set<string>;

  constructor(
    readonly seconds: number,
    paths: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.startedMs = now();
    this.paths = new Set(seconds > 0 ? paths : []);
  }

  /** When the upload ends (the watched files' modification time from then on). */
  get endsAt(): Date {
    return new Date(Math.ceil((this.startedMs + this.seconds * 1000) / 1000) * 1000);
  }

  /** What SIZE/MDTM/LIST show and RETR serves of `clientPath` now, or null when the real file is shown. */
  view(clientPath: string, realSize: number): UploadView | null {
    if (!this.paths.has(clientPath)) return null;
    const elapsed = this.now() - this.startedMs;
    if (elapsed >= this.seconds * 1000) return null;
    const written = 0.5 + elapsed / (this.seconds * 2000);
    return { size: Math.floor(realSize * written), mtime: new Date(Math.floor(this.now() / 1000) * 1000) };
  }
}

interface ResolvedPath {
  clientPath: string;
  fsPath: string;
}

type FileStat = Stats & { name: string };

export class SandboxFileSystem extends FileSystem {
  constructor(
    connection: FtpConnection,
    options: { root: string; cwd: string },
    private readonly upload: UploadSimulation,
    private readonly drops: DropSimulation = new DropSimulation(0, []),
    private readonly growing: GrowingSimulation = new GrowingSimulation(0, []),
  ) {
    super(connection, options);
    this.session = connection;
  }

  private readonly session: FtpConnection;

  private resolve(path: string): ResolvedPath {
    // ftp-srv's own path resolution (kept inside the root); not part of its typings.
    return (this as unknown as { _resolvePath(p: string): ResolvedPath })._resolvePath(path);
  }

  private patch(stat: FileStat, clientPath: string): FileStat {
    if (stat.isFile()) {
      const view = this.upload.view(clientPath, stat.size) ?? this.growing.view(clientPath, stat.size);
      if (view) {
        stat.size = view.size;
        stat.mtime = view.mtime;
        stat.mtimeMs = view.mtime.getTime();
      }
    }
    return stat;
  }

  override async get(fileName: string): Promise<FileStat> {
    const stat = (await super.get(fileName)) as FileStat;
    return this.patch(stat, this.resolve(fileName).clientPath);
  }

  override async list(path = '.'): Promise<FileStat[]> {
    const dir = this.resolve(path).clientPath;
    const stats = (await super.list(path)) as FileStat[];
    return stats.map((s) => this.patch(s, posix.join(dir, s.name)));
  }

  override async read(fileName: string, { start }: { start?: number } = {}): Promise<{ stream: Readable; clientPath: string }> {
    const { fsPath, clientPath } = this.resolve(fileName);
    const st = await stat(fsPath);
    if (st.isDirectory()) throw new Error('Cannot read a directory');
    if (st.isFile() && this.drops.shouldDrop(clientPath)) return { stream: this.halfThenHangUp(fsPath, st.size), clientPath };
    const growing = st.isFile() ? this.growing.view(clientPath, st.size) : null;
    if (growing) return { stream: this.prefix(fsPath, start ?? 0, growing.size), clientPath };
    const step = st.isFile() ? this.upload.beginDownload(clientPath, st.size) : null;
    if (step === null) return (await super.read(fileName, { start })) as { stream: Readable; clientPath: string };
    if (step.completedAt) await utimes(fsPath, step.completedAt, step.completedAt);
    return { stream: this.prefix(fsPath, start ?? 0, step.visible), clientPath };
  }

  /** The bytes from `from` up to the first `visible` of a file. */
  private prefix(fsPath: string, from: number, visible: number): Readable {
    return from >= visible ? Readable.from([]) : createReadStream(fsPath, { start: from, end: visible - 1 });
  }

  /** Half of the file, then the server hangs up: the stream never ends, the session closes. */
  private halfThenHangUp(fsPath: string, size: number): Readable {
    const out = new PassThrough();
    const half = createReadStream(fsPath, { start: 0, end: Math.max(0, Math.floor(size / 2) - 1) });
    half.on('data', (chunk) => out.write(chunk));
    half.on('end', () => {
      void (this.session as unknown as { close(code?: number, message?: string): Promise<unknown> }).close(421, 'Connection lost');
    });
    return out;
  }
}
