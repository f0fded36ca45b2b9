/**
 * When a STATE may be echoed: only once every record that came before it on stdin has been finally
 * answered (placed, found already with Kroll, or rejected), in the order the states came, each
 * unchanged but for destinationStats. Records are answered out of order (several orders are with
 * Kroll at once), so a state waits until the oldest unanswered record is younger than it.
 *
 * destinationStats counts what the state covers: for a STREAM state, its stream's records (a stream
 * is its namespace and name) since the stream's previous state; for a GLOBAL (or legacy) state,
 * every record since the previous one. `rejectedRecordCount` is the part of those that was not
 * written to Kroll.
 */
import type { AirbyteStateMessage, AirbyteStateStats } from '../generated/protocol.js';
import { streamKey } from '../protocol/catalog.js';

/** The records one state will cover, counted as they come and as they are answered. */
interface Window {
  records: number;
  rejected: number;
}

/** A record in the ledger: answered with `finish`. */
export interface Ticket {
  readonly sequence: number;
  readonly window: Window;
}

interface PendingState {
  /** The sequence number of the last record before the state (-1 for none). */
  after: number;
  windows: Window[];
  text: string;
}

export class Ledger {
  private sequence = 0;
  private readonly unanswered = new Set<number>();
  private readonly windows = new Map<string, Window>();
  private readonly pending: PendingState[] = [];
  /** States echoed so far. */
  echoed = 0;

  /** `echo` writes a state's line with its stats. */
  constructor(private readonly echo: (stateText: string, stats: AirbyteStateStats) => void) {}

  record(stream: { name: string; namespace?: string | null }): Ticket {
    const key = streamKey(stream);
    let window = this.windows.get(key);
    if (!window) {
      window = { records: 0, rejected: 0 };
      this.windows.set(key, window);
    }
    window.records++;
    const sequence = this.sequence++;
    this.unanswered.add(sequence);
    return { sequence, window };
  }

  /** The record has its final answer; `rejected` when it was not written to Kroll. */
  finish(ticket: Ticket, rejected: boolean): void {
    if (!this.unanswered.delete(ticket.sequence)) throw new Error(`record ${ticket.sequence} answered twice`);
    if (rejected) ticket.window.rejected++;
    this.release();
  }

  state(state: AirbyteStateMessage, text: string): void {
    let windows: Window[];
    if (state.stream) {
      const key = streamKey(state.stream.stream_descriptor);
      windows = [this.windows.get(key) ?? { records: 0, rejected: 0 }];
      this.windows.delete(key);
    } else {
      windows = [...this.windows.values()];
      this.windows.clear();
    }
    this.pending.push({ after: this.sequence - 1, windows, text });
    this.release();
  }

  /** Records not answered yet. */
  get open(): number {
    return this.unanswered.size;
  }

  private oldestUnanswered(): number {
    let oldest = Infinity;
    for (const sequence of this.unanswered) if (sequence < oldest) oldest = sequence;
    return oldest;
  }

  private release(): void {
    const oldest = this.oldestUnanswered();
    while (this.pending.length > 0 && this.pending[0]!.after < oldest) {
      const { windows, text } = this.pending.shift()!;
      const recordCount = windows.reduce((sum, w) => sum + w.records, 0);
      const rejectedRecordCount = windows.reduce((sum, w) => sum + w.rejected, 0);
      this.echo(text, { recordCount, rejectedRecordCount });
      this.echoed++;
    }
  }
}
