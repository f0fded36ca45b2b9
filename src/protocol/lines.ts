/**
 * The lines of a UTF-8 byte stream (a destination's stdin, a JSONL file), each decoded strictly.
 *
 * Written here rather than taken from readline: readline decodes as it splits and turns bytes that
 * are not UTF-8 into U+FFFD without a word, so a Latin-1 "é" would reach Kroll as "�". Splitting
 * the bytes first and decoding each line with a fatal decoder tells such a line apart, by number.
 */

export interface TextLine {
  /** 1 for the first line. */
  number: number;
  /** The line without its line end (LF or CRLF), a byte-order mark at the start of the stream removed; null when it is not UTF-8. */
  text: string | null;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\uFEFF';

/** Every line of `chunks`, the last one too when it has no line end. */
export async function* textLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<TextLine> {
  // ignoreBOM keeps a BOM in the text, so that only one at the very start of the stream is removed.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let number = 0;
  const line = (bytes: Buffer): TextLine => {
    number++;
    let text: string | null;
    try {
      text = decoder.decode(bytes.at(-1) === CR ? bytes.subarray(0, -1) : bytes);
    } catch {
      text = null;
    }
    return { number, text: number === 1 && text?.startsWith(BOM) ? text.slice(1) : text };
  };

  // The start of a line that goes on in the next chunk.
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(LF); end !== -1; end = bytes.indexOf(LF, start)) {
      const piece = bytes.subarray(start, end);
      yield line(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      start = end + 1;
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) yield line(Buffer.concat(pending));
}
