/** CAT's connection checks (TestConnection) against the sandbox: succeed, failed (exit 0). */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
beforeAll(async () => {
  under = await sourceUnderTest(62);
});
afterAll(async () => {
  await under?.close();
});

function statusOf(run: ConnectorRun) {
  expect(run.code).toBe(0);
  const statuses = run.messages.filter((m) => m.type === 'CONNECTION_STATUS');
  expect(statuses).toHaveLength(1);
  return statuses[0]!.connectionStatus!;
}

/** A port on 127.0.0.1 that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('source-kroll check', () => {
  it('succeeds with the sandbox config', async () => {
    expect(statusOf(await under.source.run('check', { config: under.config })).status).toBe('SUCCEEDED');
  });

  it('fails with wrong credentials, and exits 0', async () => {
    const status = statusOf(await under.source.run('check', { config: { ...under.config, ftp_password: 'Not-the-Password-42' } }));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/rejected the username or password/);
  });

  it('fails when the host cannot be reached, and exits 0', async () => {
    const status = statusOf(await under.source.run('check', { config: { ...under.config, ftp_host: '127.0.0.1', ftp_port: await closedPort() } }));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/nothing listens there/);
  });
});
