import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileDecoder } from '../../../src/kroll/files/decode.js';

describe('Windows-1252 decoding', () => {
  it('gives the same text as iconv-lite for every byte value', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(new FileDecoder('windows-1252', 'T.txt').write(bytes)).toBe(iconv.decode(bytes, 'windows-1252'));
  });

  it('maps the bytes of 0x80-0x9F to their Windows-1252 characters, not to Latin-1 control characters', () => {
    const decoded = new FileDecoder('windows-1252', 'T.txt').write(Buffer.from([0x80, 0x20, 0x99, 0x20, 0x93, 0x71, 0x94, 0x20, 0xae, 0xb0]));
    expect(decoded).toBe('\u20ac \u2122 \u201cq\u201d \u00ae\u00b0');
  });
});
