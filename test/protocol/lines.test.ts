/** Lines of a byte stream, decoded strictly: what readline would turn into U+FFFD is told apart. */
import { describe, expect, it } from 'vitest';
import { textLines, type TextLine } from '../../src/protocol/lines.js';

async function linesOf(...chunks: (Buffer | string)[]): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const line of textLines((async function* () { yield* chunks; })())) out.push(line);
  return out;
}

describe('textLines', () => {
  it('splits on LF and CRLF, keeps the last line without a line end, and blank lines too', async () => {
    expect(await linesOf('a\r\nb\n\nc')).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
      { number: 3, text: '' },
      { number: 4, text: 'c' },
    ]);
  });

  it('joins a line, a character and a CRLF cut between chunks', async () => {
    const bytes = Buffer.from('caf\u00e9 \u20ac\r\nx\n', 'utf8');
    // Cut inside "é" (2 bytes), inside "€" (3 bytes) and between CR and LF.
    const cuts = [4, 7, 9, 10, bytes.length];
    const chunks = cuts.map((end, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1], end));
    expect(await linesOf(...chunks)).toEqual([
      { number: 1, text: 'caf\u00e9 \u20ac' },
      { number: 2, text: 'x' },
    ]);
  });

  it('gives null for a line that is not UTF-8, and goes on', async () => {
    const latin1 = Buffer.from('{"name": "Ren\u00e9e"}', 'latin1'); // é is the single byte 0xE9
    const surrogate = Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]); // an encoded lone surrogate (CESU-8), not UTF-8
    expect(await linesOf(Buffer.concat([Buffer.from('ok\n'), latin1, Buffer.from('\n'), surrogate, Buffer.from('\nend\n')]))).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, text: null },
      { number: 3, text: null },
      { number: 4, text: 'end' },
    ]);
  });

  it('keeps U+FFFD that the bytes really hold', async () => {
    expect(await linesOf(Buffer.from('a\ufffdb\n', 'utf8'))).toEqual([{ number: 1, text: 'a\ufffdb' }]);
  });

  it('removes a byte-order mark at the start of the stream only', async () => {
    expect(await linesOf(Buffer.from('\ufeffa\n\ufeffb\n', 'utf8'))).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: '\ufeffb' },
    ]);
  });
});
