/**
 * No secret of the config in stdout or stderr of any command, succeeding or failing. (Every run of
 * the suite is held to this by the harness; this test makes sure the failing paths are among them.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import { INVALID_CATALOG, configuredCatalog } from './harness/catalogs.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
beforeAll(async () => {
  under = await sourceUnderTest(67);
});
afterAll(async () => {
  await under?.close();
});

describe('secrets', () => {
  it('never appear in the output of spec, check, discover or read, whatever the outcome', async () => {
    const good = under.config;
    const wrong = { ...good, ftp_password: 'Wr0ng-but-Real-Secret!7' };
    const invalid = { ...good, ftp_port: 'twenty-one' };
    const wrongKey = { ...good, api_password: '9e107d9d372bb6826bd81d3542a419d6' };
    const catalog = configuredCatalog(under.streams);
    const secrets = [good.ftp_password, good.api_password, wrong.ftp_password, wrongKey.api_password].map(String);
    expect(secrets.every((s) => s.length >= 16)).toBe(true);

    const runs: ConnectorRun[] = [await under.source.run('spec')];
    for (const config of [good, wrong, invalid, wrongKey]) {
      runs.push(await under.source.run('check', { config }));
      runs.push(await under.source.run('discover', { config }));
      runs.push(await under.source.run('read', { config, catalog }));
    }
    runs.push(await under.source.run('read', { config: good, catalog: INVALID_CATALOG }));

    // The failing paths really failed: a wrong password and a config that does not validate.
    expect(runs.slice(4, 7).map((r) => r.code)).toEqual([0, 0, 1]);
    expect(runs[4]!.messages.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus?.status).toBe('FAILED');
    expect(runs[9]!.code).toBe(1);
    // A wrong API key: check FAILED, and the API streams' reads failed (the FTP streams' did not).
    expect(runs[10]!.messages.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus?.status).toBe('FAILED');
    expect(runs[12]!.code).toBe(1);
    expect(runs[12]!.messages.filter((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR').length).toBe(6);
    for (const run of runs) {
      for (const secret of secrets) {
        expect(run.stdout.includes(secret), `${run.command} stdout`).toBe(false);
        expect(run.stderr.includes(secret), `${run.command} stderr`).toBe(false);
      }
    }
  });
});
