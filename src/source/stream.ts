/** What a stream is to the source, and what a reader gets while it reads. */
import type { SyncMode } from '../generated/protocol.js';
import type { SourceConfig } from '../generated/configs.js';
import type { LogLevel } from '../protocol/messages.js';

export interface StreamDefinition {
  name: string;
  /** Full refresh first: the platform's tests configure a stream with its first mode. */
  syncModes: [SyncMode, ...SyncMode[]];
  primaryKey: string[][];
  /** Source-defined cursor of incremental streams. */
  cursorField?: string[];
  /**
   * The keys its states hold, and what a read does without a state ("it is read from start_date"):
   * a state with none of these keys is some other stream's, and is ignored with a warning.
   */
  state: { keys: string[]; without: string };
}

/** A configured stream while it is read. */
export interface SelectedStream {
  readonly name: string;
  readonly syncMode: SyncMode;
  /** The stream's state from the state file, if any. */
  readonly state: unknown;
  /** Records emitted so far in this read. */
  readonly emitted: number;
  emit(record: object): void;
  /**
   * Records already encoded as RECORD lines of this stream (RecordEncoder), in these chunks;
   * `written(chunk)` once stdout is done with each.
   */
  emitEncoded(chunks: Buffer[], records: number, written?: (chunk: Buffer) => void): void;
  /** A STATE message: everything emitted so far is covered by this state. */
  checkpoint(state: Record<string, unknown>): void;
  /** Tells the platform the stream is waiting for Kroll's rate limit until `resetAt`. */
  rateLimited(resetAt: Date): void;
}

export interface ReadContext {
  config: SourceConfig;
  /** The configured stream of that name, or undefined when the catalog did not select it. */
  selected(name: string): SelectedStream | undefined;
  log(level: LogLevel, message: string): void;
  /** Resolves when stdout can take more; await it between batches. */
  ready(): Promise<void>;
  /** Aborted when the connector is told to stop (SIGTERM, SIGINT): stop, clean up, throw its reason. */
  signal: AbortSignal;
}

/**
 * Reads one or more streams in one pass over Kroll's data: a parent and its line streams are
 * filled together, never by a second walk over the API.
 */
export interface StreamReader {
  streams: StreamDefinition[];
  /** Reads the dealer API alone: discover lists its streams only for a config with API credentials. */
  api?: boolean;
  read(context: ReadContext): Promise<void>;
}
