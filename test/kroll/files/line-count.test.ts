import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineCount } from '../../../src/kroll/files/line-count.js';
import { testFolder } from '../../helpers/temp.js';

const dir = testFolder('kroll-line-count-');

describe('lineCount', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['a\r\n', 1],
    ['a\r\nb\r\n', 2],
    ['a\nb', 2],
    ['a\rb\r', 2],
    ['a\r\n\r\nb', 3],
    ['a\r\rb\n\n', 4],
  ])('%j has %i lines', async (text, lines) => {
    const path = join(dir, 'file.txt');
    writeFileSync(path, text);
    expect(await lineCount(path)).toBe(lines);
  });

  it('counts a CRLF split across two reads once', async () => {
    // createReadStream reads 64 KiB at a time: the CR ends the first chunk, the LF starts the next.
    const path = join(dir, 'split.txt');
    writeFileSync(path, `${'x'.repeat(65_535)}\r\ny\r\n`);
    expect(await lineCount(path)).toBe(2);
  });
});
