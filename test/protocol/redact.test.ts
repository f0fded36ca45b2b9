import { describe, expect, it } from 'vitest';
import { createConfigValidator } from '../../src/protocol/config.js';
import { MASK, Redactor, secretValues, userInfoSecrets, withoutUserInfo } from '../../src/protocol/redact.js';
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

  it('shows a URL without its user name and password', () => {
    expect(withoutUserInfo('https://buyer:S3cr3t-Pa55-XYZ@api.example.com:8443/EBusiness/svc?x=1')).toBe('https://api.example.com:8443/EBusiness/svc?x=1');
    expect(withoutUserInfo('https://api.example.com/svc')).toBe('https://api.example.com/svc');
    expect(withoutUserInfo('not a url')).toBe('not a url');
  });

  it("masks the password of any URL in a config, raw and percent-decoded, as the config's secrets", () => {
    const config = { api_base_url: 'http://buyer:S3cr3t%2FPa55-XYZ@127.0.0.1:1/svc', nested: [{ u: 'ftp://only-user@host/' }], other: 'a@b' };
    expect(userInfoSecrets(config)).toEqual(['S3cr3t%2FPa55-XYZ', 'S3cr3t/Pa55-XYZ']);
    // A %-escape that does not decode: the password is still masked, as written.
    expect(userInfoSecrets({ api_base_url: 'http://u:S3cr3t%zzPa55@127.0.0.1/' })).toEqual(['S3cr3t%zzPa55']);
    const { redactor } = createConfigValidator(sourceSpec)({ ftp_host: 'h', ftp_username: 'u', ftp_password: 'f-Secret-2', start_date: '2026-01-01', api_base_url: config.api_base_url }, 'c.json');
    expect(redactor.redact('at http://buyer:S3cr3t%2FPa55-XYZ@127.0.0.1:1/svc, said S3cr3t/Pa55-XYZ')).toBe(`at http://buyer:${MASK}@127.0.0.1:1/svc, said ${MASK}`);
  });
});
