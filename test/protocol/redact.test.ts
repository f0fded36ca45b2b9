import { describe, expect, it } from 'vitest';
import { MASK, Redactor, secretValues } from '../../src/protocol/redact.js';
import { sourceSpec } from '../../src/source/spec.js';

describe('redaction', () => {
  const secret = 'p"a&s<s>\\w/ord';
  const redactor = new Redactor([secret, 'short']);

  it('masks secrets raw, JSON-escaped, XML-escaped and URL-encoded', () => {
    const spellings = [secret, JSON.stringify(secret).slice(1, -1), 'p&quot;a&amp;s&lt;s&gt;\\w/ord', encodeURIComponent(secret)];
    for (const spelling of spellings) expect(redactor.redact(`before ${spelling} after`)).toBe(`before ${MASK} after`);
    expect(redactor.redact(JSON.stringify({ message: `bad ${secret}` }))).not.toContain('s<s>');
  });

  it('finds the secret fields of a spec in a config', () => {
    expect(secretValues(sourceSpec.connectionSpecification, { ftp_password: 'a', api_password: 'b', ftp_username: 'c' }).sort()).toEqual(['a', 'b']);
  });
});
