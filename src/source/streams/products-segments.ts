/**
 * A partition's records on their way to the thread that owns stdout (products-threads.ts): encoded
 * as RECORD lines (RecordEncoder) and cut into segments of catalog lines ((k-1)·S, k·S], each sent
 * once the partition has moved past it and it holds a credit; a credit comes back for each segment
 * written, and the buffers with it, so the records in flight are bounded.
 */
import type { ProductsRecord } from '../../generated/records.js';
import { RecordEncoder } from '../../protocol/output.js';

export interface Segment {
  /** The last catalog line the segment covers; Infinity for the rest of the file. */
  through: number;
  records: number;
  chunks: Buffer[];
}

export class SegmentWriter {
  private readonly encoder = new RecordEncoder('products');
  private through = 0;
  private records = 0;
  private readonly closed: Segment[] = [];
  private credits: number;
  private wake: () => void = () => {};

  constructor(
    private readonly lines: number,
    credits: number,
    private readonly send: (segment: Segment) => void,
  ) {
    this.credits = credits;
  }

  record(record: ProductsRecord, line: number): void {
    if (line > this.through) {
      this.close(this.through);
      this.through = Math.ceil(line / this.lines) * this.lines;
    }
    this.encoder.record(record, Date.now());
    this.records++;
  }

  /** Sends the segments closed so far, waiting for credits; between batches of catalog rows. */
  async flush(): Promise<void> {
    for (const segment of this.closed.splice(0)) {
      while (this.credits === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      this.credits--;
      this.send(segment);
    }
  }

  /** The last segment, to the end of the file. */
  async end(): Promise<void> {
    this.close(Number.POSITIVE_INFINITY);
    await this.flush();
  }

  credit(): void {
    this.credits++;
    this.wake();
  }

  /** No more waiting for credits: the read is stopping, and whatever is sent will not be written. */
  release(): void {
    this.credits = Number.POSITIVE_INFINITY;
    this.wake();
  }

  reuse(buffer: ArrayBuffer): void {
    this.encoder.reuse(buffer);
  }

  private close(through: number): void {
    if (this.records > 0) this.closed.push({ through, records: this.records, chunks: this.encoder.take() });
    this.records = 0;
  }
}
