import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileDecoder } from '../../../src/kroll/files/decode.js';

describe('Windows-1252 decoding', () => {
  it('gives the same text as iconv-lite for every byte value', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // After a first chunk of text: NUL in the first bytes is refused (see below), later it is a character.
    const decoder = new FileDecoder('windows-1252', 'T.txt');
    expect(decoder.write(Buffer.from('Sku\r\n')) + decoder.write(bytes)).toBe(`Sku\r\n${iconv.decode(bytes, 'windows-1252')}`);
  });

  it('maps the bytes of 0x80-0x9F to their Windows-1252 characters, not to Latin-1 control characters', () => {
    const decoded = new FileDecoder('windows-1252', 'T.txt').write(Buffer.from([0x80, 0x20, 0x99, 0x20, 0x93, 0x71, 0x94, 0x20, 0xae, 0xb0]));
    expect(decoded).toBe('\u20ac \u2122 \u201cq\u201d \u00ae\u00b0');
  });
});

describe('files that are no text', () => {
  it('refuses a NUL byte in the first bytes, telling UTF-16 without a byte-order mark apart', () => {
    for (const encoding of ['auto', 'windows-1252', 'utf-8'] as const) {
      expect(() => new FileDecoder(encoding, 'T.txt').write(Buffer.from('PK\x03\x04\x14\x00', 'latin1'))).toThrow(/^T\.txt is not a text file: it has a NUL byte at byte 6,/);
      expect(() => new FileDecoder(encoding, 'T.txt').write(Buffer.from('Sku', 'utf16le'))).toThrow(/^T\.txt looks UTF-16 encoded \(without a byte-order mark/);
      expect(() => new FileDecoder(encoding, 'T.txt').write(Buffer.from('Sku', 'utf16le').swap16())).toThrow(/^T\.txt looks UTF-16 encoded \(without a byte-order mark/);
    }
  });
});
