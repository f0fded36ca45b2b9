/**
 * `read`: every configured stream gets STARTED, RUNNING, its records and states, then COMPLETE;
 * or INCOMPLETE and an error trace, while the other streams go on. The exit code says whether
 * any stream failed.
 */
import type { SourceConfig } from '../generated/configs.js';
import type { ConfiguredStream } from '../protocol/catalog.js';
import { didYouMean } from '../protocol/config.js';
import { ConfigError, toErrorTrace } from '../protocol/errors.js';
import { errorTraceMessage, rateLimitedMessage, streamStateMessage, streamStatusMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/output.js';
import type { StreamStates } from '../protocol/state.js';
import type { ReadContext, SelectedStream, StreamReader } from './stream.js';
import { readers } from './streams/index.js';
import { isObject } from '../protocol/files.js';

class StreamRun implements SelectedStream {
  emitted = 0;
  checkpoints = 0;
  private sinceCheckpoint = 0;
  private running = false;

  constructor(
    readonly name: string,
    readonly syncMode: ConfiguredStream['syncMode'],
    readonly state: unknown,
    private readonly out: MessageWriter,
  ) {}

  markRunning(): void {
    if (this.running) return;
    this.running = true;
    this.out.message(streamStatusMessage(this.name, 'RUNNING'));
  }

  emit(record: object): void {
    if (!this.running) this.markRunning();
    this.out.record(this.name, record, Date.now());
    this.emitted++;
    this.sinceCheckpoint++;
  }

  emitEncoded(chunks: Buffer[], records: number, written?: (chunk: Buffer) => void): void {
    if (!this.running) this.markRunning();
    for (const chunk of chunks) this.out.encoded(chunk, written && (() => written(chunk)));
    this.emitted += records;
    this.sinceCheckpoint += records;
  }

  checkpoint(state: Record<string, unknown>): void {
    this.markRunning();
    this.out.message(streamStateMessage(this.name, state, this.sinceCheckpoint));
    this.sinceCheckpoint = 0;
    this.checkpoints++;
  }

  rateLimited(resetAt: Date): void {
    this.running = true;
    this.out.message(rateLimitedMessage(this.name, resetAt.getTime()));
  }
}

/** The protocol's destination sync modes (the generated type checks each name). */
const DESTINATION_SYNC_MODES: NonNullable<ConfiguredStream['destinationSyncMode']>[] = ['append', 'overwrite', 'append_dedup', 'update', 'soft_delete'];

/**
 * What the catalog says that the source does not use, when it looks like a mistake: a destination
 * sync mode the protocol does not know (the destination will refuse it), and a cursor_field other
 * than the stream's own (the source's cursors are defined by the source).
 */
function catalogWarnings(catalog: ConfiguredStream[]): string[] {
  const known = new Map(readers.flatMap((r) => r.streams).map((s) => [s.name, s]));
  const warnings: string[] = [];
  for (const { name, where, destinationSyncMode, cursorField } of catalog) {
    if (destinationSyncMode !== undefined && !DESTINATION_SYNC_MODES.includes(destinationSyncMode)) {
      warnings.push(
        `In the ${where}: stream '${name}' has destination_sync_mode ${JSON.stringify(destinationSyncMode)}, which is none of ${DESTINATION_SYNC_MODES.join(', ')}; ` +
          'the source does not use it, but a destination will refuse it.',
      );
    }
    const own = known.get(name)?.cursorField;
    if (cursorField !== undefined && cursorField.length > 0 && cursorField.join('.') !== own?.join('.')) {
      warnings.push(
        `In the ${where}: stream '${name}' has cursor_field ${JSON.stringify(cursorField)}, but ` +
          `${own ? `its cursor is defined by the source (${JSON.stringify(own)})` : 'it has no cursor'}; the catalog's cursor_field is ignored.`,
      );
    }
  }
  return warnings;
}

/** Fails the whole read before anything is read: unknown streams and unsupported sync modes. */
function checkCatalog(catalog: ConfiguredStream[]): void {
  if (catalog.length === 0) throw new ConfigError('The catalog selects no stream.');
  const known = new Map(readers.flatMap((r) => r.streams).map((s) => [s.name, s]));
  for (const configured of catalog) {
    const definition = known.get(configured.name);
    if (!definition) {
      const suggestion = didYouMean(configured.name, [...known.keys()]);
      throw new ConfigError(
        `In the ${configured.where}: the catalog selects stream '${configured.name}', which this source does not have` +
          `${suggestion ? `; did you mean '${suggestion}'?` : '.'} Its streams: ${[...known.keys()].join(', ')}.`,
      );
    }
    if (!definition.syncModes.includes(configured.syncMode)) {
      throw new ConfigError(
        `In the ${configured.where}: stream '${configured.name}' does not support sync mode '${configured.syncMode}'; it supports ${definition.syncModes.join(' and ')}.`,
      );
    }
  }
}

const shown = (value: unknown): string => JSON.stringify(value).slice(0, 200);

/**
 * What the state file holds that no stream of this source can use is told, and left out: a state
 * for a stream the source does not have, and a stream's state that is not an object or has none of
 * the keys its states hold (another stream's state, say). The read then goes on as without it.
 */
function usableStates(states: StreamStates, log: (message: string) => void): StreamStates {
  const definitions = new Map(readers.flatMap((r) => r.streams).map((s) => [s.name, s]));
  const usable: StreamStates = new Map();
  for (const [name, state] of states) {
    const definition = definitions.get(name);
    if (!definition) {
      const suggestion = didYouMean(name, [...definitions.keys()]);
      log(`The state file names stream '${name}', which this source does not have; its state is ignored.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`);
      continue;
    }
    if (state === undefined || state === null) continue;
    const { keys, without } = definition.state;
    if (!isObject(state)) {
      log(`${name}: the state ${shown(state)} is not an object; it is ignored and ${without}.`);
    } else if (Object.keys(state).length > 0 && !keys.some((key) => key in state)) {
      log(`${name}: the state ${shown(state)} is not a state of this stream (it has none of ${keys.join(', ')}); it is ignored and ${without}.`);
    } else {
      usable.set(name, state);
    }
  }
  return usable;
}

export async function read(
  config: SourceConfig,
  catalog: ConfiguredStream[],
  states: StreamStates,
  out: MessageWriter,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  checkCatalog(catalog);
  for (const warning of catalogWarnings(catalog)) out.log('WARN', warning);
  const usable = usableStates(states, (message) => out.log('WARN', message));
  const byName = new Map(catalog.map((c) => [c.name, c]));
  // Readers run in the order the catalog first names one of their streams.
  const position = (reader: StreamReader) => Math.min(...reader.streams.map((s) => catalog.findIndex((c) => c.name === s.name)).filter((i) => i >= 0));
  const selectedReaders = readers.filter((reader) => reader.streams.some((s) => byName.has(s.name))).sort((a, b) => position(a) - position(b));

  let failed = 0;
  for (const reader of selectedReaders) {
    if (signal.aborted) break;
    if (!(await readWith(reader, config, byName, usable, out, signal))) failed++;
  }
  return failed > 0 ? 1 : 0;
}

async function readWith(
  reader: StreamReader,
  config: SourceConfig,
  byName: Map<string, ConfiguredStream>,
  states: StreamStates,
  out: MessageWriter,
  signal: AbortSignal,
): Promise<boolean> {
  const runs = new Map<string, StreamRun>();
  for (const definition of reader.streams) {
    const configured = byName.get(definition.name);
    if (configured) runs.set(definition.name, new StreamRun(definition.name, configured.syncMode, states.get(definition.name), out));
  }
  for (const run of runs.values()) out.message(streamStatusMessage(run.name, 'STARTED'));

  const context: ReadContext = {
    config,
    selected: (name) => runs.get(name),
    log: (level, message) => out.log(level, message),
    ready: () => out.ready(),
    signal,
  };
  try {
    await reader.read(context);
    for (const run of runs.values()) {
      if (run.checkpoints === 0) throw new Error(`stream ${run.name} finished without a checkpoint`);
    }
  } catch (error) {
    // Once stopped by a signal, whatever broke on the way down (a closed connection) is not the news.
    const cause: unknown = signal.aborted ? signal.reason : error;
    for (const run of runs.values()) {
      out.message(streamStatusMessage(run.name, 'INCOMPLETE'));
      out.message(errorTraceMessage(toErrorTrace(cause, run.name)));
    }
    return false;
  }
  for (const run of runs.values()) out.message(streamStatusMessage(run.name, 'COMPLETE'));
  return true;
}
