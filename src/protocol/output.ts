/**
 * Writes protocol messages to stdout, one JSON object per line, with back-pressure: lines are
 * gathered into large writes, and producers await `ready()` so a slow reader of our stdout slows
 * us down instead of filling memory.
 *
 * Lines are encoded into a buffer as they come rather than joined into one large string per write:
 * measured on a 1M-SKU products read (bench/README.md), joining and then encoding the joined
 * string cost about three times as much, and each joined string (over 128 KiB, so a "large
 * object" to V8) that was still queued for stdout when the young generation was collected was
 * promoted at once, which made the old generation grow with the catalog.
 */
import type { Writable } from 'node:stream';
import type { AirbyteMessage } from '../generated/protocol.js';
import { logMessage, type LogLevel } from './messages.js';
import { Redactor } from './redact.js';

const FLUSH_BYTES = 256 * 1024;
/** Below this, a flush copies its lines out rather than giving its buffer away. */
const SMALL_WRITE = 16 * 1024;
/** The most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_BYTES_PER_UNIT = 3;

/** The RECORD line of `data` after its stream's prefix (recordPrefix): the bytes every record is sent as. */
export function recordPrefix(stream: string): string {
  return `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
}

function recordLine(prefix: string, data: object, emittedAt: number): string {
  return `${prefix}${JSON.stringify(data)},"emitted_at":${emittedAt}}}\n`;
}

/** Lines encoded into 256 KiB buffers as they come, each buffer handed to `out` when full or flushed. */
class LineEncoder {
  private buffer: Buffer;
  private used = 0;

  constructor(
    private readonly out: (chunk: Buffer) => void,
    private readonly allocate: () => Buffer = () => Buffer.allocUnsafeSlow(FLUSH_BYTES),
  ) {
    this.buffer = allocate();
  }

  push(line: string): void {
    const most = line.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) {
        this.out(Buffer.from(line, 'utf8')); // a line larger than a buffer goes on its own
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
  }

  flush(): void {
    if (this.used === 0) return;
    // The sink may hold on to the chunk until it drains: a full buffer is handed over and the next
    // lines go into a new one; a few lines (a log, a state, written at once) are copied out.
    let chunk: Buffer;
    if (this.used >= SMALL_WRITE) {
      chunk = this.buffer.subarray(0, this.used);
      this.buffer = this.allocate();
    } else {
      chunk = Buffer.from(this.buffer.subarray(0, this.used));
    }
    this.used = 0;
    this.out(chunk);
  }
}

/**
 * RECORD lines of one stream encoded exactly as MessageWriter.record writes them, into buffers the
 * caller takes: a worker thread of the products join (source/streams/products-threads.ts) encodes
 * its own records and hands the bytes to the thread that owns stdout (MessageWriter.encoded).
 */
export class RecordEncoder {
  private readonly prefix: string;
  private chunks: Buffer[] = [];
  private readonly spare: ArrayBuffer[] = [];
  private readonly lines = new LineEncoder(
    (chunk) => this.chunks.push(chunk),
    () => {
      const reused = this.spare.pop();
      return reused === undefined ? Buffer.allocUnsafeSlow(FLUSH_BYTES) : Buffer.from(reused);
    },
  );

  constructor(stream: string) {
    this.prefix = recordPrefix(stream);
  }

  /** Whether a chunk taken is on a buffer of its own that reuse() can take back once written. */
  static reusable(chunk: Uint8Array): boolean {
    return chunk.byteOffset === 0 && chunk.buffer.byteLength === FLUSH_BYTES;
  }

  /**
   * A buffer of a chunk taken before, back once written: the next records are encoded into it.
   * Without this, every buffer handed over would wait for the garbage collector of the thread
   * that wrote it (tens of MB at a time, measured).
   */
  reuse(buffer: ArrayBuffer): void {
    if (buffer.byteLength === FLUSH_BYTES) this.spare.push(buffer);
  }

  record(data: object, emittedAt: number): void {
    this.lines.push(recordLine(this.prefix, data, emittedAt));
  }

  /** The bytes of the records since the last take, in order. */
  take(): Buffer[] {
    this.lines.flush();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }
}

export class MessageWriter {
  private readonly lines = new LineEncoder((chunk) => this.write(chunk));
  private drain: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly recordPrefixes = new Map<string, string>();
  private redactor = new Redactor([]);

  constructor(private readonly sink: Writable = process.stdout) {
    sink.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  /** Masks these secrets in every message but records (which carry Kroll's data, never the config). */
  useRedactor(redactor: Redactor): void {
    this.redactor = redactor;
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** The hot path: one RECORD line, serialized without building a message object around the data. */
  record(stream: string, data: object, emittedAt: number): void {
    let prefix = this.recordPrefixes.get(stream);
    if (prefix === undefined) {
      prefix = recordPrefix(stream);
      this.recordPrefixes.set(stream, prefix);
    }
    this.lines.push(recordLine(prefix, data, emittedAt));
  }

  /**
   * RECORD lines encoded elsewhere (a RecordEncoder), written after the lines before them;
   * `written` is called once the sink is done with the chunk (it may then be reused).
   */
  encoded(chunk: Buffer, written?: () => void): void {
    this.lines.flush();
    this.write(chunk, written);
  }

  /**
   * Any other message; written at once, so logs and states are not held back behind records.
   * Secrets are masked in string values, never in the JSON text itself, so that even a one-letter
   * password cannot break the line's structure.
   */
  message(message: AirbyteMessage): void {
    const text = this.redactor.active
      ? JSON.stringify(message, (_key, value: unknown) => (typeof value === 'string' ? this.redactor.redact(value) : value))
      : JSON.stringify(message);
    this.push(`${text}\n`);
    this.flush();
  }

  /**
   * A message the caller serialized itself, as one JSON object without a line break: a STATE
   * echoed with its numbers exactly as they came. The caller masks secrets in it with redact().
   */
  serialized(json: string): void {
    if (json.includes('\n')) throw new Error('a serialized message must be one line');
    this.push(`${json}\n`);
    this.flush();
  }

  /**
   * Text for people, written as is: only for a command that is not part of the protocol
   * (source-kroll diagnose), whose stdout is a report. The caller masks secrets.
   */
  text(text: string): void {
    this.push(text);
    this.flush();
  }

  log(level: LogLevel, text: string): void {
    this.message(logMessage(level, text));
  }

  /** Resolves once the sink can take more; rejects if stdout is gone. */
  ready(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return this.drain ?? Promise.resolve();
  }

  /** Flushes everything and waits until the sink has taken it. */
  async end(): Promise<void> {
    this.flush();
    await this.drain;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve) => this.sink.write('', () => resolve()));
  }

  private push(line: string): void {
    this.lines.push(line);
  }

  private flush(): void {
    this.lines.flush();
  }

  private write(chunk: Buffer, written?: () => void): void {
    if (this.failure) return;
    if (!this.sink.write(chunk, written) && this.drain === undefined) {
      this.drain = new Promise<void>((resolve) => {
        const done = (): void => {
          this.sink.off('drain', done);
          this.sink.off('close', done);
          this.drain = undefined;
          resolve();
        };
        this.sink.on('drain', done);
        this.sink.on('close', done);
      });
    }
  }
}
