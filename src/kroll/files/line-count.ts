/**
 * How many lines a local copy of a product file has, as the row reader numbers them (CRLF, CR and
 * LF each end a line; a last line without a line end counts). Streamed, so a catalog of any size
 * is counted in flat memory.
 */
import { createReadStream } from 'node:fs';

const CR = 0x0d;
const LF = 0x0a;

export async function lineCount(path: string): Promise<number> {
  let lines = 0;
  let afterCr = false;
  let last = -1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === LF) {
        if (!afterCr) lines++;
        afterCr = false;
      } else {
        afterCr = byte === CR;
        if (afterCr) lines++;
      }
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === -1 || last === CR || last === LF ? lines : lines + 1;
}
