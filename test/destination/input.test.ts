/** stdin as the destination reads it: messages with their line numbers, a clear stop at a line that is none, states echoed exactly. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMessages, stateEcho, type InputMessage } from '../../src/destination/input.js';
import { InputError } from '../../src/protocol/errors.js';

async function readAll(text: string | Buffer): Promise<InputMessage[]> {
  const { messages } = readMessages(Readable.from([typeof text === 'string' ? Buffer.from(text) : text]));
  const out: InputMessage[] = [];
  for (;;) {
    const next = await messages.next();
    if (next.done) return out;
    out.push(next.value);
  }
}

const record = '{"type":"RECORD","record":{"stream":"s","data":{"order_id":"A"},"emitted_at":1}}';

describe('stdin', () => {
  it('gives each message with its line number, skipping blank lines, with CRLF or LF', async () => {
    const read = await readAll(`${record}\r\n\n{"type":"STATE","state":{"type":"STREAM"}}\n  \n{"type":"TRACE","trace":{}}`);
    expect(read.map((m) => [m.line, m.message.type])).toEqual([[1, 'RECORD'], [3, 'STATE'], [5, 'TRACE']]);
  });

  it.each([
    ['{"type":"RECORD",', 'stdin line 2 is not valid JSON at column 18: the platform must send one Airbyte message per line. The write stopped there.'],
    ['{"type":"RECORD" "record"}', 'stdin line 2 is not valid JSON at column 18: the platform must send one Airbyte message per line. The write stopped there.'],
    ['[1, 2]', 'stdin line 2 is not a JSON object. The write stopped there.'],
    ['{"record":{}}', 'stdin line 2 has no "type": it is not an Airbyte message. The write stopped there.'],
    ['{"type":"RECORD"}', 'stdin line 2 is a RECORD without its "record". The write stopped there.'],
    ['{"type":"RECORD","record":{"data":{}}}', 'stdin line 2 is a RECORD without "record.stream". The write stopped there.'],
    ['{"type":"RECORD","record":{"stream":"s","data":[1]}}', 'stdin line 2 is a RECORD whose "record.data" is not an object. The write stopped there.'],
    ['{"type":"STATE"}', 'stdin line 2 is a STATE without its "state". The write stopped there.'],
  ])('%s stops the write naming its line', async (line, message) => {
    const error = await readAll(`${record}\n${line}\n${record}\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).failureType).toBe('system_error');
    expect((error as Error).message).toBe(message);
  });

  it('stops at a line that is not UTF-8, naming it, rather than reading it with U+FFFD', async () => {
    const latin1 = Buffer.from('{"type":"RECORD","record":{"stream":"s","data":{"order_id":"Ren\u00e9e"},"emitted_at":1}}', 'latin1');
    const error = await readAll(Buffer.concat([Buffer.from(`${record}\n`), latin1, Buffer.from(`\n${record}\n`)])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('stdin line 2 is not UTF-8: the platform must send UTF-8 text. The write stopped there.');
  });

  it('reads a first line that starts with a byte-order mark', async () => {
    const read = await readAll(`\ufeff${record}\n${record}\n`);
    expect(read.map((m) => [m.line, m.message.type, m.message.record?.data])).toEqual([
      [1, 'RECORD', { order_id: 'A' }],
      [2, 'RECORD', { order_id: 'A' }],
    ]);
  });

  it('echoes a state exactly as it came, numbers included, with only destinationStats set', () => {
    const text = '{"type":"STATE","id":17,"state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":{"big":12345678901234567890123,"price":1.50,"e":1e3}},"sourceStats":{"recordCount":2.0},"destinationStats":{"recordCount":99}}}';
    expect(stateEcho(text, { recordCount: 2, rejectedRecordCount: 1 }, (t) => t)).toBe(
      '{"type":"STATE","id":17,"state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":{"big":12345678901234567890123,"price":1.50,"e":1e3}},"sourceStats":{"recordCount":2.0},"destinationStats":{"recordCount":2,"rejectedRecordCount":1}}}',
    );
  });

  it('masks secrets in the strings of an echoed state', () => {
    const text = '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":{"note":"key s3cr3t-key here"}}}}';
    expect(stateEcho(text, { recordCount: 0, rejectedRecordCount: 0 }, (t) => t.replace('s3cr3t-key', '***'))).toContain('"note":"key *** here"');
  });
});
