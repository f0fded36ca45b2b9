import { describe, expect, it } from 'vitest';
import { delimiterSetting, firstLine, likelyDelimiter, lineEnds } from '../../../src/kroll/files/sniff.js';

describe('sniffing a file head', () => {
  it('counts line ends, most frequent first', () => {
    expect(lineEnds('a\r\nb\r\nc\nd')).toEqual(['CRLF', 'LF']);
    expect(lineEnds('a\rb\rc')).toEqual(['CR']);
    expect(lineEnds('one line')).toEqual([]);
  });

  it('finds the first line that is not blank', () => {
    expect(firstLine('\r\n  \r\nSku\tStatus\r\nA\tStock')).toBe('Sku\tStatus');
  });

  it('proposes the delimiter that splits a header best, when it is not the configured one', () => {
    expect(likelyDelimiter('Sku,ProductId,ProductName', '\t')).toEqual({ delimiter: ',', fields: 3 });
    expect(likelyDelimiter('Sku|Status', '\t')).toEqual({ delimiter: '|', fields: 2 });
    expect(likelyDelimiter('Sku\tProductId\tName, short', '\t')).toBeNull();
    expect(likelyDelimiter('Sku', '\t')).toBeNull();
    expect(delimiterSetting('\t')).toBe('\\t');
  });
});
