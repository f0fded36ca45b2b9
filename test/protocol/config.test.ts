import { describe, expect, it } from 'vitest';
import { createConfigValidator } from '../../src/protocol/config.js';
import { parseJson } from '../../src/protocol/files.js';
import { destinationSpec } from '../../src/destination/spec.js';
import { sourceSpec } from '../../src/source/spec.js';
import type { SourceConfig } from '../../src/generated/configs.js';

const validate = createConfigValidator(sourceSpec);
const minimal = { ftp_host: 'ftp.example.com', ftp_username: '104233', ftp_password: 'pw-Secret-1', start_date: '2026-01-01' };

describe('source config', () => {
  it('fills the defaults of the spec', () => {
    const { config } = validate<SourceConfig>({ ...minimal }, 'c.json');
    expect(config).toMatchObject({
      ftp_port: 21,
      ftp_tls: 'none',
      api_base_url: 'https://api.krollcorp.com/EBusiness/Kroll.Dealer.EBusiness.svc/Basic',
      catalog_file_path: '/ProductData/Kroll_Complete_Catalog.txt',
      inventory_file_path: '/ProductData/KrollDealerInventoryExportRev2.txt',
      status_file_path: '/ProductData/Kroll_Stock_Disco_CLSO.txt',
      file_delimiter: '\\t',
      file_quoting: 'none',
      file_encoding: 'auto',
    });
  });

  it('names every bad field, without quoting values', () => {
    const attempt = () => validate({ ftp_username: 'u', ftp_password: 'hunter2-secret', ftp_port: 'twenty-one', ftp_tls: 'ssl', start_date: '01/02/2026' }, 'c.json');
    expect(attempt).toThrow(
      "Invalid config (c.json): 'ftp_host' is required; 'ftp_port' must be integer; 'ftp_tls' must be one of \"none\", \"explicit\", \"implicit\"; 'start_date' must look like YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ (or an offset: +02:00).",
    );
  });

  it('ignores keys starting with an underscore and keeps unknown keys (additionalProperties)', () => {
    const { config } = validate<SourceConfig & { extra?: number }>({ ...minimal, _note: 'x', extra: 1 }, 'c.json');
    expect('_note' in config).toBe(false);
    expect(config.extra).toBe(1);
  });

  it('lists keys the spec does not know, with the nearest known key', () => {
    const { unknown } = validate({ ...minimal, ftp_pasword: 'x', colour: 'blue' }, 'c.json');
    expect(unknown).toEqual([{ key: 'ftp_pasword', suggestion: 'ftp_password' }, { key: 'colour' }]);
  });

  it('says which key of the config may be a misspelt one when validation fails', () => {
    const { ftp_password: password, ...rest } = minimal;
    const attempt = () => validate({ ...rest, ftp_pasword: password, ftp_prot: 21, ftp_tls: 'ssl' }, 'c.json');
    expect(attempt).toThrow(
      "Invalid config (c.json): 'ftp_password' is required (the config has 'ftp_pasword': did you mean 'ftp_password'?); " +
        "'ftp_tls' must be one of \"none\", \"explicit\", \"implicit\". The config also has 'ftp_prot': did you mean 'ftp_port'?",
    );
  });

  it("does so for the destination's spec too", () => {
    const attempt = () => createConfigValidator(destinationSpec)({ account_number: '104233', api_username: 'buyer@example.com', api_pasword: 'k-Secret-9' }, 'd.json');
    expect(attempt).toThrow("Invalid config (d.json): 'api_password' is required (the config has 'api_pasword': did you mean 'api_password'?).");
  });

  it('knows the secrets of the config', () => {
    const { redactor } = validate({ ...minimal, api_password: '0f3c9a' }, 'c.json');
    expect(redactor.redact('login pw-Secret-1 key 0f3c9a user 104233')).toBe('login ********** key ********** user 104233');
  });

  it('reports JSON errors by position without quoting the text', () => {
    const text = '{\n  "ftp_password": "pw-Secret-1"\n  "x": 1}';
    let message = '';
    try {
      parseJson(text, 'config', '/c.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('The config file /c.json is not valid JSON at line 3, column 3.');
    expect(message).not.toContain('pw-Secret');
  });
});
