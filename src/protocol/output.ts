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

export class MessageWriter {
  private buffer = Buffer.allocUnsafeSlow(FLUSH_BYTES);
  private used = 0;
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
      prefix = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
      this.recordPrefixes.set(stream, prefix);
    }
    this.push(`${prefix}${JSON.stringify(data)},"emitted_at":${emittedAt}}}\n`);
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
    const most = line.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) {
        this.write(line); // a line larger than a buffer goes on its own
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
  }

  private flush(): void {
    if (this.used === 0) return;
    // The sink may hold on to the chunk until it drains: a full buffer is handed over and the next
    // lines go into a new one; a few lines (a log, a state, written at once) are copied out.
    let chunk: Buffer;
    if (this.used >= SMALL_WRITE) {
      chunk = this.buffer.subarray(0, this.used);
      this.buffer = Buffer.allocUnsafeSlow(FLUSH_BYTES);
    } else {
      chunk = Buffer.from(this.buffer.subarray(0, this.used));
    }
    this.used = 0;
    this.write(chunk);
  }

  private write(chunk: Buffer | string): void {
    if (this.failure) return;
    if (!this.sink.write(chunk) && this.drain === undefined) {
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
