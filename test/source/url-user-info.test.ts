/**
 * An api_base_url with a user name and password in it (http://user:password@host/...): refused by
 * every command with a config error that shows the URL without them, and the password is in no
 * output of source-kroll, destination-kroll or kroll sync, nor in kroll's database.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, statusesOf } from '../helpers/protocol.js';
import { jsonFiles, runBinary, runBinaryText } from '../helpers/run.js';
import { readFiles, sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { query, tempDb } from '../runner/helpers.js';
import { configFile, kroll } from '../runner/kroll.js';

const USER = 'url-user-Qx7';
const PASSWORD = 'S3cr3t-Pa55-XYZ';
const REFUSED = 'has a user name or password written into it (user:password@), which the connector does not send';

let box: Sandbox;
let withUserInfo: string;
beforeAll(async () => {
  box = await sandbox({ products: 30, orders: 10, seed: 8 });
  const url = new URL(box.api.url);
  withUserInfo = `${url.protocol}//${USER}:${PASSWORD}@${url.host}${url.pathname}${url.search}`;
});
afterAll(async () => {
  await box?.close();
});

/** The password is nowhere, nor the user name; the URL shown is the sandbox's own, without them. */
function expectRefusedWithout(text: string): void {
  expect(text).toContain(`api_base_url ${box.api.url} ${REFUSED}`);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(USER);
}

describe('an api_base_url with user-info', () => {
  it('fails source-kroll check, naming the URL without it', async () => {
    const config = jsonFiles({ config: sourceConfig(box, { api_base_url: withUserInfo }) }).config!;
    const run = await runBinary('source-kroll', ['check', '--config', config]);
    expect(run.code).toBe(0);
    const status = run.messages.find((m) => m.type === 'CONNECTION_STATUS')!.connectionStatus!;
    expect(status.status).toBe('FAILED');
    expectRefusedWithout(status.message!);
    expectRefusedWithout(run.stdout + run.stderr);
  });

  it("fails source-kroll read's API streams with a config_error TRACE", async () => {
    const run = await runBinary('source-kroll', readFiles(box, [{ name: 'shipments' }], { config: { api_base_url: withUserInfo } }));
    expect(run.code).toBe(1);
    const [error] = errorsOf(run.messages);
    expect(error!.failure_type).toBe('config_error');
    expectRefusedWithout(error!.message);
    expect(statusesOf(run.messages, 'shipments')).not.toContain('COMPLETE');
    expectRefusedWithout(run.stdout + run.stderr);
  });

  it("fails diagnose's base URL check, as text and as JSON", async () => {
    const config = jsonFiles({ config: sourceConfig(box, { api_base_url: withUserInfo }) }).config!;
    for (const json of [false, true]) {
      const run = await runBinaryText('source-kroll', ['diagnose', '--config', config, ...(json ? ['--json'] : [])]);
      expect(run.code).toBe(1);
      expectRefusedWithout(run.stdout + run.stderr);
      if (!json) expect(run.stdout).toMatch(new RegExp(`FAIL +base URL +api_base_url ${box.api.url.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')} `));
      expect(run.stdout).toContain(`Dealer API ${box.api.url}`);
    }
  });

  it("is in neither kroll sync's output nor its database", async () => {
    const db = tempDb();
    const run = await kroll(['sync', '--config', configFile(box, db, { api_base_url: withUserInfo }), '--db', db]);
    expect(run.code).toBe(1);
    expectRefusedWithout(run.stderr);
    expect(run.stdout).not.toContain(PASSWORD);
    const [sync] = await query(db, 'SELECT status, streams::VARCHAR AS streams FROM _kroll_syncs');
    expect(sync!.status).toBe('failed');
    expectRefusedWithout(String(sync!.streams));
    expect(readFileSync(db).toString('latin1')).not.toContain(PASSWORD);
  });

  it('fails destination-kroll check, naming the URL without it', async () => {
    const config = jsonFiles({ config: { ...box.info.destination_config, api_base_url: withUserInfo } }).config!;
    const run = await runBinary('destination-kroll', ['check', '--config', config]);
    expect(run.code).toBe(0);
    const status = run.messages.find((m) => m.type === 'CONNECTION_STATUS')!.connectionStatus!;
    expect(status.status).toBe('FAILED');
    expectRefusedWithout(status.message!);
    expectRefusedWithout(run.stdout + run.stderr);
  });
});
