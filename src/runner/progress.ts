/**
 * What a sync shows on stderr. On a terminal: one live line per stream (records, records/s,
 * committed state), redrawn in place, with messages printed above them. Otherwise: plain log
 * lines, one per event worth a line. Both end with the same summary table.
 *
 * Everything shown is the runner's own text or a message the connector sent (LOG and TRACE), which
 * the connector has already cleared of secrets; nothing from the config is ever printed. The
 * line classes (PlainLines, TerminalLines) serve `kroll push` too (push/progress.ts).
 */

/** `waiting` until the source starts the stream; one that never started is "not started". */
export type StreamStatus = 'waiting' | 'running' | 'complete' | 'failed' | 'interrupted';

export interface StreamView {
  name: string;
  mode: 'incremental' | 'full refresh';
  status: StreamStatus;
  /** A full refresh continuing the staging table of an interrupted sync. */
  resumed: boolean;
  /** Records received in this sync. */
  records: number;
  /** Records committed to DuckDB in this sync. */
  committed: number;
  /** States committed in this sync. */
  states: number;
  /** The source's row estimate (TRACE ESTIMATE), if it sent one. */
  estimate?: number;
  startedAt?: number;
  finishedAt?: number;
  rateLimitedUntil?: number;
  rowsInTable?: number;
  errors: string[];
}

export type StreamEvent = 'started' | 'records' | 'committed' | 'complete' | 'failed' | 'interrupted' | 'rate_limited' | 'estimate';

export interface Reporter {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  /** Starts showing these streams. */
  track(views: StreamView[]): void;
  update(view: StreamView, event: StreamEvent): void;
  /** Stops the live display (the lines stay as they were last drawn). */
  close(): void;
}

/** 12,345: counts as the runner shows them. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

const n = formatNumber;

function seconds(view: StreamView, now = Date.now()): number {
  return view.startedAt === undefined ? 0 : ((view.finishedAt ?? now) - view.startedAt) / 1000;
}

function rate(view: StreamView, now = Date.now()): string {
  const elapsed = seconds(view, now);
  return elapsed > 0.2 ? `${n(Math.round(view.records / elapsed))}/s` : '';
}

function recordsText(view: StreamView): string {
  return view.estimate ? `${n(view.records)} / ${n(view.estimate)} records` : `${n(view.records)} records`;
}

function committedText(view: StreamView): string {
  return view.states > 0 ? `committed ${n(view.committed)} (state ${view.states})` : view.committed > 0 ? `committed ${n(view.committed)}` : '';
}

/** A stream's live line on a terminal. */
export function streamLine(view: StreamView, width: number, now = Date.now(), frame = 0): string {
  const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
  const icon = { waiting: '·', running: spinner[frame % spinner.length], complete: '✓', failed: '✗', interrupted: '■' }[view.status];
  const parts = [`${icon} ${view.name.padEnd(18)} ${view.mode.padEnd(12)}`];
  if (view.status === 'waiting') parts.push('waiting');
  else {
    parts.push(recordsText(view).padStart(16));
    if (view.status === 'running') parts.push(rate(view, now).padStart(9));
    else parts.push(`in ${seconds(view, now).toFixed(1)} s`.padStart(9));
    const committed = committedText(view);
    if (committed) parts.push(committed);
    if (view.status === 'running' && view.rateLimitedUntil && view.rateLimitedUntil > now) {
      parts.push(`rate limited until ${new Date(view.rateLimitedUntil).toLocaleTimeString()}`);
    }
    if (view.resumed) parts.push('(resumed)');
    if (view.status === 'failed') parts.push('FAILED');
    if (view.status === 'interrupted') parts.push('interrupted');
  }
  const line = parts.join('  ');
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** How a stream ended, as the summary and `_kroll_syncs` tell it. */
export function finalStatus(view: StreamView): 'complete' | 'failed' | 'interrupted' | 'not started' {
  return view.status === 'waiting' ? 'not started' : view.status === 'running' ? 'failed' : view.status;
}

export function summaryTable(views: StreamView[]): string {
  const header = ['stream', 'mode', 'status', 'rows loaded', 'rows in table', 'seconds'];
  const rows = views.map((v) => [
    v.name,
    v.mode,
    finalStatus(v) === 'failed' ? 'FAILED' : finalStatus(v),
    n(v.committed),
    v.rowsInTable === undefined ? '-' : n(v.rowsInTable),
    seconds(v).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([3, 4, 5]);
  const format = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n');
}

/** Messages as plain lines, for logs and pipes: what `kroll sync` and `kroll push` both print. */
export class PlainLines {
  constructor(protected readonly write: (text: string) => void) {}

  info(text: string): void {
    this.write(`kroll: ${text}\n`);
  }

  warn(text: string): void {
    this.write(`kroll: warning: ${text}\n`);
  }

  error(text: string): void {
    this.write(`kroll: error: ${text}\n`);
  }

  close(): void {}
}

/** Plain lines for logs and pipes. */
export class PlainReporter extends PlainLines implements Reporter {
  private readonly lastCommitLine = new Map<string, number>();

  constructor(
    write: (text: string) => void,
    /** Every commit gets a line, not only one every `commitEveryMs`. */
    private readonly verbose = false,
    private readonly commitEveryMs = 10_000,
  ) {
    super(write);
  }

  track(): void {}

  update(view: StreamView, event: StreamEvent): void {
    const now = Date.now();
    switch (event) {
      case 'started':
        this.info(`${view.name}: started (${view.mode}${view.resumed ? ', resuming an interrupted full refresh' : ''})`);
        break;
      case 'committed': {
        const last = this.lastCommitLine.get(view.name);
        if (this.verbose || last === undefined || now - last >= this.commitEveryMs) {
          this.lastCommitLine.set(view.name, now);
          this.info(`${view.name}: ${recordsText(view)}, ${committedText(view)}`);
        }
        break;
      }
      case 'complete':
        this.info(`${view.name}: complete, ${n(view.committed)} records loaded in ${seconds(view).toFixed(1)} s`);
        break;
      case 'failed':
        this.info(`${view.name}: FAILED after ${n(view.committed)} records committed${view.states > 0 ? ` (state ${view.states})` : ''}`);
        break;
      case 'interrupted':
        this.info(`${view.name}: interrupted after ${n(view.committed)} records committed${view.states > 0 ? ` (state ${view.states})` : ''}`);
        break;
      case 'rate_limited':
        if (view.rateLimitedUntil) this.info(`${view.name}: rate limited by Kroll until ${new Date(view.rateLimitedUntil).toISOString()}`);
        break;
      case 'estimate':
        if (view.estimate !== undefined) this.info(`${view.name}: about ${n(view.estimate)} records expected`);
        break;
      case 'records':
        break;
    }
  }
}

/**
 * Live lines redrawn in place on a terminal, with messages printed above them: what `render`
 * returns, ten times a second and after each message.
 */
export abstract class TerminalLines {
  private drawn = 0;
  private frame = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.timer = setInterval(() => this.redraw(), 100);
    this.timer.unref();
  }

  /** The live lines, each at most `width` characters. */
  protected abstract render(width: number, now: number, frame: number): string[];

  private get width(): number {
    return Math.max(40, (this.stream.columns ?? 100) - 1);
  }

  /** Clears the live lines, so that a message can take their place. */
  private clear(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}F\x1b[0J`);
    this.drawn = 0;
  }

  protected redraw(): void {
    this.frame++;
    const lines = this.render(this.width, Date.now(), this.frame);
    this.clear();
    if (lines.length > 0) this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  private print(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.redraw();
  }

  info(text: string): void {
    this.print(text);
  }

  warn(text: string): void {
    this.print(`\x1b[33mwarning:\x1b[0m ${text}`);
  }

  error(text: string): void {
    this.print(`\x1b[31merror:\x1b[0m ${text}`);
  }

  /** Stops redrawing; the lines stay as last drawn. */
  close(): void {
    clearInterval(this.timer);
    this.redraw();
  }
}

/** The live display of a sync on a terminal. */
export class TerminalReporter extends TerminalLines implements Reporter {
  private views: StreamView[] = [];

  protected render(width: number, now: number, frame: number): string[] {
    return this.views.map((v) => streamLine(v, width, now, frame));
  }

  track(views: StreamView[]): void {
    this.views = views;
    this.redraw();
  }

  update(_view: StreamView, event: StreamEvent): void {
    if (event !== 'records') this.redraw();
  }
}
