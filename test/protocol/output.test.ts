import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageWriter, RecordEncoder } from '../../src/protocol/output.js';
import { Redactor } from '../../src/protocol/redact.js';
import { parseMessages } from '../helpers/protocol.js';

/** A sink that takes one chunk at a time and releases it only when told. */
function slowSink() {
  const chunks: string[] = [];
  const waiting: (() => void)[] = [];
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk, _encoding, callback) {
      chunks.push(chunk.toString());
      waiting.push(callback);
    },
  });
  return { sink, chunks, release: () => waiting.splice(0).forEach((cb) => cb()) };
}

describe('message writer', () => {
  it('writes one valid message per line and makes producers wait while stdout is full', async () => {
    const { sink, chunks, release } = slowSink();
    const out = new MessageWriter(sink);
    const record = { sku: 'A-1', name: 'x'.repeat(1000) };
    for (let i = 0; i < 400; i++) out.record('products', record, 1_700_000_000_000 + i);
    let ready = false;
    const wait = out.ready().then(() => (ready = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(ready).toBe(false); // 400 KB written into a 1 KB pipe that has not drained
    release();
    await wait;
    expect(ready).toBe(true);
    const releasing = setInterval(release, 2);
    await out.end();
    clearInterval(releasing);
    const messages = parseMessages(chunks.join(''));
    expect(messages).toHaveLength(400);
    expect(messages[399]).toEqual({ type: 'RECORD', record: { stream: 'products', data: record, emitted_at: 1_700_000_000_399 } });
  });

  it('masks secrets in every message but records', async () => {
    let text = '';
    const out = new MessageWriter(new Writable({ write: (c, _e, cb) => ((text += c), cb()) }));
    out.useRedactor(new Redactor(['s3cr3t-value']));
    out.log('ERROR', 'login with s3cr3t-value failed');
    await out.end();
    expect(text).toBe('{"type":"LOG","log":{"level":"ERROR","message":"login with ********** failed"}}\n');
  });

  it('keeps messages valid JSON even when a secret is a single letter', async () => {
    let text = '';
    const out = new MessageWriter(new Writable({ write: (c, _e, cb) => ((text += c), cb()) }));
    out.useRedactor(new Redactor(['e']));
    out.log('WARN', 'the secret is e');
    await out.end();
    expect(parseMessages(text)).toEqual([{ type: 'LOG', log: { level: 'WARN', message: 'th********** s**********cr**********t is **********' } }]);
  });
});

describe('records encoded elsewhere', () => {
  /** Everything a writer wrote, once it has ended. */
  async function written(write: (out: MessageWriter) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    });
    const out = new MessageWriter(sink);
    write(out);
    await out.end();
    return Buffer.concat(chunks);
  }

  const records = Array.from({ length: 700 }, (_, i) => ({ sku: `A-${i}`, name: `L\u00e4mp \u2122 ${'x'.repeat(200 + (i % 50))}`, n: i / 7, none: null }));

  it('are the very bytes MessageWriter.record writes, through buffers given back and used again', async () => {
    const direct = await written((out) => records.forEach((r, i) => out.record('products', r, 1_700_000_000_000 + i)));
    const encoder = new RecordEncoder('products');
    const given: Buffer[] = [];
    let reused = 0;
    const viaEncoder = await written((out) => {
      records.forEach((r, i) => {
        encoder.record(r, 1_700_000_000_000 + i);
        if (i % 100 === 99) {
          for (const chunk of encoder.take()) {
            // What a worker thread's chunk becomes: written, then its buffer goes back for more records.
            out.encoded(Buffer.from(chunk), () => undefined);
            if (RecordEncoder.reusable(chunk)) given.push(chunk);
          }
          for (const chunk of given.splice(0)) {
            encoder.reuse(chunk.buffer as ArrayBuffer);
            reused++;
          }
        }
      });
      for (const chunk of encoder.take()) out.encoded(chunk);
    });
    expect(reused).toBeGreaterThan(3);
    expect(viaEncoder.equals(direct)).toBe(true);
    expect(parseMessages(viaEncoder.toString('utf8'))).toHaveLength(700);
  });

  it('are written after the lines before them, and say when the sink is done with them', async () => {
    const encoder = new RecordEncoder('products');
    encoder.record({ sku: 'B' }, 2);
    let done = 0;
    const bytes = await written((out) => {
      out.record('products', { sku: 'A' }, 1);
      for (const chunk of encoder.take()) out.encoded(chunk, () => done++);
      out.record('products', { sku: 'C' }, 3);
    });
    expect(parseMessages(bytes.toString('utf8')).map((m) => m.record!.data.sku)).toEqual(['A', 'B', 'C']);
    expect(done).toBe(1);
  });
});
