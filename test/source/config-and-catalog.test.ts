/** What the source says about a config or catalog that is not quite right, before reading anything. */
import { describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { discover } from '../../src/source/discover.js';
import { checkSettings, startDateMs } from '../../src/source/settings.js';
import type { SourceConfig } from '../../src/generated/configs.js';
import { errorsOf, logsOf } from '../helpers/protocol.js';
import { configuredCatalog, jsonFiles, runInProcess } from '../helpers/run.js';

const config = { ftp_host: '127.0.0.1', ftp_port: 1, ftp_username: 'u', ftp_password: 'a-Real-s3cret', start_date: '2026-01-01' };

describe('config', () => {
  it('warns about a misspelt key, suggesting the right one', async () => {
    const files = jsonFiles({ config: { ...config, ftp_pasword: 'x' } });
    const { messages } = await runInProcess(sourceProgram, ['discover', '--config', files.config!]);
    expect(logsOf(messages, 'WARN')).toEqual(["Config key 'ftp_pasword' is not a setting of source-kroll; it is ignored. Did you mean 'ftp_password'?"]);
  });

  it('rejects a start_date that matches the pattern but is no date', async () => {
    const files = jsonFiles({ config: { ...config, start_date: '2026-13-45' } });
    const { code, messages } = await runInProcess(sourceProgram, ['discover', '--config', files.config!]);
    expect(code).toBe(1);
    expect(errorsOf(messages)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: `Invalid config (${files.config}): 'start_date' "2026-13-45" is not a real date and time; it may be YYYY-MM-DD (midnight UTC), YYYY-MM-DDTHH:mm:ss[.sss] in UTC, or with Z or an offset such as +02:00.` }),
    ]);
    for (const bad of ['2026-02-29T00:00:00Z', '2026-11-01T25:00:00+02:00', '2026-11-01T10:00:00+24:00']) {
      const run = await runInProcess(sourceProgram, ['discover', '--config', jsonFiles({ config: { ...config, start_date: bad } }).config!]);
      expect(errorsOf(run.messages)[0]!.message, bad).toContain(`'start_date' "${bad}" is not a real date and time`);
    }
  });

  it('takes a start_date with an RFC 3339 offset, or none, as the UTC instant it names', () => {
    // Worked out by hand: midnight at +02:00 is 22:00 UTC the day before; at -05:30, 05:30 UTC; no zone is UTC.
    const at = (start_date: string) => startDateMs({ ...config, start_date } as SourceConfig);
    expect(new Date(at('2026-11-01T00:00:00+02:00')).toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(new Date(at('2026-11-01T00:00:00-05:30')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(new Date(at('2026-11-01T08:15:00')).toISOString()).toBe('2026-11-01T08:15:00.000Z');
    expect(new Date(at('2026-11-01')).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(() => checkSettings({ ...config, start_date: '2026-11-01T00:00:00+02:00' } as SourceConfig, 'c.json')).not.toThrow();
  });
});

describe('catalog', () => {
  async function readWith(catalog: unknown) {
    const files = jsonFiles({ config, catalog });
    const { code, messages } = await runInProcess(sourceProgram, ['read', '--config', files.config!, '--catalog', files.catalog!]);
    expect(code).toBe(1);
    return errorsOf(messages)[0]!;
  }

  it("explains that discover's output is not a configured catalog", async () => {
    expect((await readWith({ type: 'CATALOG', catalog: discover() })).message).toContain("holds discover's CATALOG message, not a configured catalog");
    expect((await readWith(discover())).message).toContain('this is a discovered stream, not a configured one: wrap each stream as {"stream": <the discovered stream>');
  });

  it('names a stream without a sync_mode', async () => {
    const catalog = configuredCatalog([{ name: 'products' }]);
    delete (catalog.streams[0] as { sync_mode?: string }).sync_mode;
    expect((await readWith(catalog)).message).toContain("stream 'products' has no sync_mode");
  });
});
