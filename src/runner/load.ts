/**
 * Turns the source's messages into table loads: RECORDs into the stream's batch, each STREAM
 * STATE into a commit of that stream's rows with the state, COMPLETE into the end of the stream
 * (the swap of a full refresh), INCOMPLETE and a source that stops early into a failure that keeps
 * only what was committed. LOG and TRACE messages are shown. Knows no stream by name.
 */
import type { AirbyteMessage, AirbyteTraceMessage } from '../generated/protocol.js';
import type { Reporter, StreamView } from './progress.js';
import type { StreamTable } from './duckdb/table.js';
import { RepeatedWarnings } from './repeats.js';

export interface LoadedStream {
  table: StreamTable;
  view: StreamView;
}

const FAILURE_HINTS: Record<string, string> = {
  config_error: 'check the config',
  transient_error: 'a temporary problem: the next sync will try again',
  system_error: 'an unexpected error in the source',
};

export class Loader {
  private readonly streams: Map<string, LoadedStream>;
  private readonly warnedAbout = new Set<string>();
  private readonly sourceWarnings = new RepeatedWarnings();
  /** Error traces without a stream: the source failed as a whole. */
  readonly globalErrors: string[] = [];

  private readonly verbose: boolean;
  /** Aborted when the sync is being stopped: a stream that ends then was interrupted, not failed. */
  private readonly stopping: AbortSignal | undefined;
  /** Warnings already shown (by discover, of the same config): not shown again. */
  private readonly shown: Set<string>;

  constructor(
    streams: LoadedStream[],
    private readonly reporter: Reporter,
    options: { verbose: boolean; stopping?: AbortSignal | undefined; shown?: Set<string> },
  ) {
    this.streams = new Map(streams.map((s) => [s.table.spec.name, s]));
    this.verbose = options.verbose;
    this.stopping = options.stopping;
    this.shown = new Set(options.shown);
  }

  private warnOnce(key: string, text: string): void {
    if (this.warnedAbout.has(key)) return;
    this.warnedAbout.add(key);
    this.reporter.warn(text);
  }

  /** The stream, unless it is unknown or already finished (messages for it are then ignored). */
  private active(name: string | undefined, what: string): LoadedStream | undefined {
    if (name === undefined) return undefined;
    const stream = this.streams.get(name);
    if (!stream) {
      this.warnOnce(`unknown:${name}`, `the source sent ${what} for stream '${name}', which this sync did not select; ignored`);
      return undefined;
    }
    if (stream.view.status === 'complete' || stream.view.status === 'failed' || stream.view.status === 'interrupted') return undefined;
    if (stream.view.status === 'waiting') this.start(stream);
    return stream;
  }

  private start(stream: LoadedStream): void {
    stream.view.status = 'running';
    stream.view.startedAt = Date.now();
    this.reporter.update(stream.view, 'started');
  }

  async handle(message: AirbyteMessage): Promise<void> {
    switch (message.type) {
      case 'RECORD': {
        const record = message.record!;
        const stream = this.active(record.stream, 'records');
        if (!stream) return;
        const changes = (record.meta as { changes?: { field: string; change: string; reason: string }[] } | undefined)?.changes;
        if (!stream.table.add(record.data as Record<string, unknown>, record.emitted_at, changes)) {
          this.warnOnce(`rejected:${record.stream}`, `${record.stream}: a record without a usable primary key value cannot be loaded; such records are skipped and counted`);
        }
        stream.view.records++;
        return;
      }
      case 'STATE': {
        const state = message.state!;
        if (state.type !== 'STREAM' || !state.stream) {
          this.warnOnce(`state:${state.type}`, `the source sent a ${state.type ?? 'LEGACY'} state; kroll keeps per-stream (STREAM) states only, so this one is not kept`);
          return;
        }
        const stream = this.active(state.stream.stream_descriptor.name, 'a state');
        if (!stream) return;
        await this.guard(stream, () => stream.table.commit({ value: state.stream!.stream_state ?? null }));
        this.sync(stream);
        this.reporter.update(stream.view, 'committed');
        return;
      }
      case 'TRACE':
        return this.trace(message.trace!);
      case 'LOG': {
        const { level, message: text } = message.log!;
        if (level === 'ERROR' || level === 'FATAL') this.reporter.error(`source: ${text}`);
        else if (level === 'WARN') {
          if (this.shown.delete(text)) return;
          if (this.verbose || this.sourceWarnings.admit(text)) this.reporter.warn(`source: ${text}`);
        }
        else if (this.verbose) this.reporter.info(`source: ${text}`);
        return;
      }
      case 'CONTROL':
        this.warnOnce('control', 'the source sent an updated config (CONTROL message); kroll does not store configs, so it is not kept');
        return;
      default:
        return;
    }
  }

  private async trace(trace: AirbyteTraceMessage): Promise<void> {
    if (trace.type === 'STREAM_STATUS' && trace.stream_status) {
      const { stream_descriptor, status, reasons } = trace.stream_status;
      const stream = this.active(stream_descriptor.name, 'a status');
      if (!stream) return;
      if (status === 'COMPLETE') {
        await this.guard(stream, () => stream.table.complete());
        if (stream.view.status === 'failed') return;
        this.sync(stream);
        stream.view.status = 'complete';
        stream.view.finishedAt = Date.now();
        this.reporter.update(stream.view, 'complete');
      } else if (status === 'INCOMPLETE') {
        await this.failStream(stream);
      } else if (reasons?.some((r) => r.type === 'RATE_LIMITED')) {
        const reset = reasons.find((r) => r.type === 'RATE_LIMITED')?.rate_limited?.quota_reset;
        stream.view.rateLimitedUntil = typeof reset === 'number' ? reset : undefined;
        this.reporter.update(stream.view, 'rate_limited');
      }
    } else if (trace.type === 'ERROR' && trace.error) {
      const { message, failure_type, stream_descriptor } = trace.error;
      const hint = failure_type ? ` (${failure_type}: ${FAILURE_HINTS[failure_type] ?? failure_type})` : '';
      const name = stream_descriptor?.name;
      const stream = name === undefined ? undefined : this.streams.get(name);
      if (stream?.view.status === 'interrupted') {
        // The source's word on why the stream stopped ("Stopped by SIGTERM"): no error of its.
        stream.view.errors.push(message);
        this.reporter.info(`${name}: ${message}`);
      } else if (stream) {
        stream.view.errors.push(message);
        this.reporter.error(`${name}: ${message}${hint}`);
      } else {
        this.globalErrors.push(message);
        this.reporter.error(`${name ? `${name}: ` : ''}${message}${hint}`);
      }
    } else if (trace.type === 'ESTIMATE' && trace.estimate?.type === 'STREAM') {
      const stream = this.active(trace.estimate.name, 'an estimate');
      if (!stream || typeof trace.estimate.row_estimate !== 'number') return;
      stream.view.estimate = trace.estimate.row_estimate;
      this.reporter.update(stream.view, 'estimate');
    }
  }

  /** Runs a load step; a failure of DuckDB fails the stream (the others go on). */
  private async guard(stream: LoadedStream, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      const text = `loading into DuckDB failed: ${(error as Error).message}`;
      stream.view.errors.push(text);
      this.reporter.error(`${stream.table.spec.name}: ${text}`);
      await this.failStream(stream, false);
    }
  }

  private sync(stream: LoadedStream): void {
    stream.view.committed = stream.table.committed;
    stream.view.states = stream.table.states;
  }

  /**
   * The stream ended unfinished: failed, or interrupted when the sync is being stopped. Only what
   * was committed stays. A stream that never started is not told as started.
   */
  private async failStream(stream: LoadedStream, interrupted = this.stopping?.aborted === true): Promise<void> {
    const { view } = stream;
    if (view.status === 'failed' || view.status === 'interrupted') return;
    view.status = interrupted ? 'interrupted' : 'failed';
    view.finishedAt = Date.now();
    try {
      await stream.table.fail({ interrupted: view.status === 'interrupted' });
    } catch (error) {
      view.errors.push(`cleaning up failed: ${(error as Error).message}`);
    }
    this.sync(stream);
    this.reporter.update(view, view.status);
  }

  /**
   * After the source exited (`exit`: "exited with code 1", "was stopped by SIGKILL"): every stream
   * it started and did not finish has failed, for that reason; or, when the sync was stopped, was
   * interrupted. One it never started is left as not started, told so when the source failed.
   */
  async finish(exit: string): Promise<void> {
    for (const stream of this.streams.values()) {
      const { status } = stream.view;
      if (status === 'complete' || status === 'failed' || status === 'interrupted') continue;
      if (status === 'waiting') {
        if (!this.stopping?.aborted) stream.view.errors.push(`source-kroll ${exit} before it started the stream`);
        continue;
      }
      if (!this.stopping?.aborted) {
        const reason = `source-kroll ${exit} before the stream finished`;
        stream.view.errors.push(reason);
        this.reporter.error(`${stream.table.spec.name}: ${reason}`);
      }
      await this.failStream(stream);
    }
    for (const line of this.sourceWarnings.summary()) this.reporter.warn(`source: ${line}`);
    for (const stream of this.streams.values()) {
      if (stream.table.rejected > 0) this.reporter.warn(`${stream.table.spec.name}: ${stream.table.rejected} records without a usable primary key were skipped`);
      if (stream.table.nulledValues > 0) {
        this.reporter.warn(`${stream.table.spec.name}: ${stream.table.nulledValues} values did not fit their column and were stored as NULL (see _airbyte_meta)`);
      }
    }
  }
}
