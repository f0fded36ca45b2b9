/** The JSON files a connector is given, as editors save them: a UTF-8 byte-order mark is fine. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/protocol/catalog.js';
import { loadConfigFile } from '../../src/protocol/config.js';
import { loadStateFile } from '../../src/protocol/state.js';
import { sourceSpec } from '../../src/source/spec.js';
import type { SourceConfig } from '../../src/generated/configs.js';
import { configuredCatalog } from '../helpers/run.js';
import { testFolder } from '../helpers/temp.js';

const dir = testFolder('kroll-bom-');
const BOM = '\uFEFF';

function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, `${BOM}${JSON.stringify(value, null, 2)}\r\n`, 'utf8');
  return path;
}

describe('a JSON file with a byte-order mark', () => {
  it('is read as the config it holds', () => {
    const path = file('config.json', { ftp_host: 'ftp.example.com', ftp_username: '104233', ftp_password: 'pw-Secret-1', start_date: '2026-01-01' });
    expect(loadConfigFile<SourceConfig>(path, sourceSpec).config).toMatchObject({ ftp_host: 'ftp.example.com', start_date: '2026-01-01' });
  });

  it('is read as the catalog it holds', () => {
    const path = file('catalog.json', configuredCatalog([{ name: 'products', syncMode: 'incremental' }]));
    expect(loadCatalogFile(path)).toEqual([expect.objectContaining({ name: 'products', syncMode: 'incremental' })]);
  });

  it('is read as the state it holds', () => {
    const path = file('state.json', [{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: 'x' } } }]);
    expect(loadStateFile(path).get('products')).toEqual({ feed_modified_at: 'x' });
  });
});
