/** No secret of the config in anything bin/source-kroll diagnose prints, as text or as JSON. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK } from '../../../src/protocol/redact.js';
import { jsonFiles, runBinaryText } from '../../helpers/run.js';
import { sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';
import { RECHECK } from './helpers.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: 100 });
});
afterAll(async () => {
  await box?.close();
});

async function diagnoseBoth(config: Record<string, unknown>) {
  const path = jsonFiles({ config }).config!;
  return Promise.all([runBinaryText('source-kroll', ['diagnose', '--config', path, ...RECHECK]), runBinaryText('source-kroll', ['diagnose', '--config', path, '--json', ...RECHECK])]);
}

describe('diagnose and secrets', () => {
  it('prints neither password of a working config', async () => {
    const secrets = [box.info.ftp.password, String(box.info.source_config.api_password)];
    const [text, json] = await diagnoseBoth(sourceConfig(box));
    expect([text.code, json.code]).toEqual([0, 0]);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'ok' });
    for (const run of [text, json]) for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('masks a secret wherever the config put it, and a wrong key too', async () => {
    const apiKey = String(box.info.source_config.api_password);
    const wrongFtp = 'Wr0ng&"ftp<pass>';
    // An API key pasted into the URL as well: the URL is shown, the key never is.
    const config = sourceConfig(box, { api_base_url: `${box.api.url}?apikey=${apiKey}`, ftp_password: wrongFtp });
    const wrongKey = 'f'.repeat(31) + '0';
    const [[text, json], [wrongText, wrongJson]] = await Promise.all([diagnoseBoth(config), diagnoseBoth(sourceConfig(box, { api_password: wrongKey }))]);
    expect([text.code, json.code]).toEqual([1, 1]);
    const report = JSON.parse(json.stdout) as { sections: { name: string; title: string }[] };
    expect(report.sections.find((s) => s.name === 'api')!.title).toBe(`Dealer API ${box.api.url}?apikey=${MASK}`);
    expect(text.stdout).toContain(`Dealer API ${box.api.url}?apikey=${MASK}`);
    for (const run of [text, json]) {
      for (const secret of [apiKey, wrongFtp, JSON.stringify(wrongFtp).slice(1, -1), box.info.ftp.password]) expect(run.stdout + run.stderr).not.toContain(secret);
    }
    expect([wrongText.code, wrongJson.code]).toEqual([1, 1]);
    for (const run of [wrongText, wrongJson]) for (const secret of [wrongKey, box.info.ftp.password]) expect(run.stdout + run.stderr).not.toContain(secret);
  });
});
