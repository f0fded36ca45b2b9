/**
 * What `destination-kroll write` says back to `kroll push`, read from its messages alone.
 *
 * Push follows each record with a STATE of its own (`{"push_id": N, "record": K}`), and the
 * destination echoes a state only once every record before it has Kroll's final answer, with
 * `destinationStats.rejectedRecordCount` saying whether the record was written. So each echo is
 * the protocol's acknowledgement of one record: answered, and accepted or rejected.
 *
 * Which kind of acceptance (placed, partially placed, already with Kroll) and a rejection's reason
 * are in the destination's LOG line about the record, which names it by its stdin line; push knows
 * which record it wrote on each line, so it shows the line in the input instead.
 */
import type { AirbyteLogMessage, AirbyteMessage, AirbyteTraceMessage } from '../../generated/protocol.js';
import type { PushOutcome } from '../duckdb/pushes.js';

export interface SentRecord {
  /** 1 for the first record sent in this push: its state carries this number. */
  record: number;
  /** The line of the destination's stdin the record was written on. */
  stdinLine: number;
  where: string;
  orderId: string | null;
  fingerprint: string;
  /** What the destination's last log line about the record said, in the input's terms. */
  message?: string;
  /** That line's level: an INFO line is shown (with --verbose) once the answer is recorded. */
  level?: AirbyteLogMessage['level'];
  kind?: PushOutcome;
}

export interface AnswerSink {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

const FAILURE_HINTS: Record<string, string> = {
  config_error: 'check the config',
  transient_error: 'a temporary problem: push again later, and only the records without an answer are sent',
  system_error: 'an unexpected error in the destination',
};

/** How destination-kroll's line about an order that was not sent, or answered as a duplicate, says it counts it. */
const COUNTED: Record<string, PushOutcome> = {
  placed: 'placed',
  'partially placed': 'partially_placed',
  'a repeat': 'repeat',
  'already with Kroll': 'already_with_kroll',
};

/** The kind of answer a per-order log line of destination-kroll tells (README, "destination-kroll"). */
function kindOf(level: AirbyteLogMessage['level'], text: string): PushOutcome | undefined {
  const counted = /counted as (placed|partially placed|a repeat|already with Kroll)\b/.exec(text)?.[1];
  if (counted !== undefined) return COUNTED[counted];
  if (/partially accepted by Kroll/.test(text)) return 'partially_placed';
  if (/accepted by Kroll/.test(text)) return 'placed';
  if (level === 'ERROR') return 'rejected';
  return undefined;
}

const STDIN_LINE = /stdin line (\d+)/g;

export class Answers {
  private readonly byLine = new Map<number, SentRecord>();
  private readonly byNumber = new Map<number, SentRecord>();
  private readonly warned = new Set<string>();
  /** Lines about no record already shown (the check's warnings come again from the write). */
  private readonly shown = new Set<string>();
  /** Error traces of the destination: why the write stopped. */
  readonly failures: string[] = [];

  constructor(
    private readonly pushId: number,
    private readonly sink: AnswerSink,
    private readonly verbose: boolean,
    /** Called once per record, with its final answer, before the next message is handled. */
    private readonly onAnswer: (record: SentRecord, outcome: PushOutcome) => Promise<void>,
    /** Lines about no record shown already (by the check before the write): not shown again. */
    shownBefore: Iterable<string> = [],
  ) {
    for (const line of shownBefore) this.shown.add(line);
  }

  /** A record about to be written on the destination's stdin. */
  sent(record: SentRecord): void {
    this.byLine.set(record.stdinLine, record);
    this.byNumber.set(record.record, record);
  }

  /** Records sent that have no answer (yet). */
  get unanswered(): SentRecord[] {
    return [...this.byNumber.values()];
  }

  /** A message of destination-kroll: of its write, or of the check before it. */
  async handle(message: AirbyteMessage): Promise<void> {
    if (message.type === 'STATE') return this.echo(message);
    if (message.type === 'LOG' && message.log) return this.log(message.log);
    if (message.type === 'TRACE' && message.trace) this.trace(message.trace);
  }

  private async echo(message: AirbyteMessage): Promise<void> {
    const state = message.state!;
    const own = state.stream?.stream_state as { push_id?: unknown; record?: unknown } | undefined;
    const sent = own?.push_id === this.pushId && typeof own.record === 'number' ? this.byNumber.get(own.record) : undefined;
    if (!sent) {
      this.warnOnce('state', 'destination-kroll echoed a state kroll push did not send; ignored');
      return;
    }
    this.byNumber.delete(sent.record);
    const rejected = (state.destinationStats?.rejectedRecordCount ?? 0) > 0;
    const outcome: PushOutcome = rejected ? 'rejected' : sent.kind && sent.kind !== 'rejected' ? sent.kind : 'accepted';
    await this.onAnswer(sent, outcome);
    if (this.verbose && sent.level === 'INFO' && sent.message) this.sink.info(sent.message);
  }

  private log({ level, message }: AirbyteLogMessage): void {
    const text = this.inInputTerms(message);
    const first = /stdin line (\d+)/.exec(message);
    const about = first ? this.byLine.get(Number(first[1])) : undefined;
    if (about && this.byNumber.has(about.record)) {
      about.message = text;
      about.level = level;
      about.kind = kindOf(level, message) ?? about.kind;
      if (level === 'INFO') return; // shown with its answer, in echo()
    }
    const shown = about ? text : `destination-kroll: ${text}`;
    if (!about) {
      if (this.shown.has(shown)) return;
      this.shown.add(shown);
    }
    if (level === 'ERROR' || level === 'FATAL') this.sink.error(shown);
    else if (level === 'WARN') this.sink.warn(shown);
    else if (this.verbose) this.sink.info(shown);
  }

  private trace(trace: AirbyteTraceMessage): void {
    if (trace.type !== 'ERROR' || !trace.error) return;
    const { message, failure_type } = trace.error;
    const hint = failure_type ? ` (${failure_type}: ${FAILURE_HINTS[failure_type] ?? failure_type})` : '';
    this.failures.push(message);
    this.sink.error(`destination-kroll: ${this.inInputTerms(message)}${hint}`);
  }

  /** The destination names records by their stdin line; the user knows them by their place in the input. */
  private inInputTerms(text: string): string {
    return text.replace(STDIN_LINE, (whole, line: string) => this.byLine.get(Number(line))?.where ?? whole);
  }

  private warnOnce(key: string, text: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.sink.warn(text);
  }
}
