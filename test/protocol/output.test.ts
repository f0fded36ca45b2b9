import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageWriter } from '../../src/protocol/output.js';
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
