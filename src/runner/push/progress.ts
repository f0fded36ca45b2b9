/**
 * What a push shows on stderr: on a terminal, one live line (answered, by kind, records/s);
 * otherwise a plain line every ten seconds. Both end with the same summary.
 *
 * What is known of a record is what the protocol says: answered, when the destination echoed its
 * state; written to the destination's stdin, which is not "sent to Kroll" (the destination may not
 * have read it yet, or refused to start). So the counts are of answers, and of records without one.
 */
import type { PushOutcome } from '../duckdb/pushes.js';
import { PlainLines, TerminalLines, formatNumber as n } from '../progress.js';

export interface PushView {
  /** The input, as given. */
  input: string;
  /** Records in the input. */
  records: number;
  /** Records an earlier push had Kroll's answer for: not sent. */
  skipped: number;
  /** Records written to the destination's stdin (not all of them read, nor sent to Kroll). */
  written: number;
  /** Records written that have their final answer (their state was echoed). */
  answered: number;
  counts: Record<PushOutcome, number>;
  status: 'waiting' | 'sending' | 'done' | 'stopped';
  startedAt?: number;
  finishedAt?: number;
}

export interface PushReporter {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  track(view: PushView): void;
  /** Something changed in the view. */
  update(view: PushView): void;
  close(): void;
}

export function newPushView(input: string): PushView {
  return {
    input,
    records: 0,
    skipped: 0,
    written: 0,
    answered: 0,
    counts: { placed: 0, partially_placed: 0, repeat: 0, already_with_kroll: 0, accepted: 0, rejected: 0 },
    status: 'waiting',
  };
}

export const toSend = (view: PushView): number => view.records - view.skipped;

function seconds(view: PushView, now = Date.now()): number {
  return view.startedAt === undefined ? 0 : ((view.finishedAt ?? now) - view.startedAt) / 1000;
}

/** "4 placed, 1 already with Kroll, 2 rejected": the answers so far, the kinds that occurred. */
function answersText(view: PushView): string {
  const c = view.counts;
  const parts = [
    `${n(c.placed + c.partially_placed + c.accepted)} placed${c.partially_placed > 0 ? ` (${n(c.partially_placed)} partially)` : ''}`,
    ...(c.repeat > 0 ? [`${n(c.repeat)} repeated`] : []),
    `${n(c.already_with_kroll)} already with Kroll`,
    `${n(c.rejected)} rejected`,
  ];
  return parts.join(', ');
}

export function pushLine(view: PushView, width: number, now = Date.now(), frame = 0): string {
  const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
  const icon = { waiting: '·', sending: spinner[frame % spinner.length], done: '✓', stopped: '✗' }[view.status];
  const elapsed = seconds(view, now);
  const parts = [
    `${icon} push ${view.input}`,
    `${n(view.answered)} / ${n(toSend(view))} answered: ${answersText(view)}`,
    view.status === 'sending' ? (elapsed > 0.2 ? `${n(Math.round(view.answered / elapsed))}/s` : '') : `in ${elapsed.toFixed(1)} s`,
  ].filter(Boolean);
  const line = parts.join('  ');
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** The closing table: where every record of the input went; the indented rows add up to "to send". */
export function pushSummary(view: PushView): string {
  const c = view.counts;
  const rows: [string, number][] = [
    ['records in the input', view.records],
    ['answered by an earlier push', view.skipped],
    ['to send', toSend(view)],
    ['  placed', c.placed],
    ...(c.partially_placed > 0 ? ([['  partially placed', c.partially_placed]] as [string, number][]) : []),
    ...(c.accepted > 0 ? ([['  accepted', c.accepted]] as [string, number][]) : []),
    ...(c.repeat > 0 ? ([['  repeated in the input', c.repeat]] as [string, number][]) : []),
    ['  already with Kroll', c.already_with_kroll],
    ['  rejected', c.rejected],
    ['  without an answer', view.written - view.answered],
    ...(view.written < toSend(view) ? ([['  not given to destination-kroll', toSend(view) - view.written]] as [string, number][]) : []),
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => n(value).length));
  return rows.map(([label, value]) => `${label.padEnd(labelWidth)}  ${n(value).padStart(valueWidth)}`).join('\n');
}

export class PlainPushReporter extends PlainLines implements PushReporter {
  private lastLine = 0;

  constructor(
    write: (text: string) => void,
    private readonly everyMs = 10_000,
  ) {
    super(write);
  }

  track(): void {}

  update(view: PushView): void {
    const now = Date.now();
    if (view.status === 'sending' && now - this.lastLine < this.everyMs) return;
    if (view.status === 'waiting') return;
    this.lastLine = now;
    this.info(`push: ${n(view.answered)} of ${n(toSend(view))} answered: ${answersText(view)}`);
  }
}

export class TerminalPushReporter extends TerminalLines implements PushReporter {
  private view: PushView | undefined;

  protected render(width: number, now: number, frame: number): string[] {
    return this.view ? [pushLine(this.view, width, now, frame)] : [];
  }

  track(view: PushView): void {
    this.view = view;
    this.redraw();
  }

  update(): void {}
}
