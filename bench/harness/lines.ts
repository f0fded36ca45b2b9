/**
 * Consumes a connector's stdout as a pipeline would, without becoming the bottleneck: RECORD
 * lines are recognised by their first bytes and counted, never parsed (parsing a million records
 * here would cost more CPU than producing them); the few other messages (states, logs, traces)
 * are parsed so a run can be checked.
 */
const RECORD_PREFIX = Buffer.from('{"type":"RECORD"');
const NEWLINE = 0x0a;

export class LineCounter {
  recordLines = 0;
  bytes = 0;
  readonly messages: Record<string, unknown>[] = [];
  /** Bytes of the current line so far while it is not known to be a RECORD. */
  private head: Buffer[] = [];
  private headLength = 0;
  /** The current line is a RECORD: skip to its end. */
  private inRecord = false;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let pos = 0;
    while (pos < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, pos);
      const end = newline === -1 ? chunk.length : newline;
      if (!this.inRecord) {
        if (this.headLength === 0 && end - pos >= RECORD_PREFIX.length) {
          // Fast path: the line starts inside this chunk.
          if (chunk.compare(RECORD_PREFIX, 0, RECORD_PREFIX.length, pos, pos + RECORD_PREFIX.length) === 0) this.inRecord = true;
          else this.keep(chunk.subarray(pos, end));
        } else {
          this.keep(chunk.subarray(pos, end));
          if (this.headLength >= RECORD_PREFIX.length && Buffer.concat(this.head).subarray(0, RECORD_PREFIX.length).equals(RECORD_PREFIX)) {
            this.inRecord = true;
            this.head = [];
            this.headLength = 0;
          }
        }
      }
      if (newline === -1) break;
      this.endLine();
      pos = newline + 1;
    }
  }

  /** Call at the end of the stream: a last line without a newline still counts. */
  end(): void {
    if (this.inRecord || this.headLength > 0) this.endLine();
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.head.push(Buffer.from(part)); // a copy: the chunk is not ours to keep
    this.headLength += part.length;
  }

  private endLine(): void {
    if (this.inRecord) {
      this.recordLines++;
    } else if (this.headLength > 0) {
      const text = Buffer.concat(this.head).toString('utf8');
      try {
        this.messages.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        throw new Error(`stdout holds a line that is not JSON: ${text.slice(0, 200)}`);
      }
    }
    this.inRecord = false;
    this.head = [];
    this.headLength = 0;
  }
}
