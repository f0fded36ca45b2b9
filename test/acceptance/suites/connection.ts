/**
 * CAT's connection checks (TestConnection) for any connector: `check` answers exactly one
 * CONNECTION_STATUS and exits 0, SUCCEEDED with a working config, FAILED with each broken one.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ConnectorRun } from '../harness/connector.js';

export interface ConnectionSuiteSetup {
  connector: Connector;
  config: Record<string, unknown>;
  close(): Promise<void>;
}

export interface BrokenConfig {
  /** What is wrong, for the test's name: "wrong credentials". */
  what: string;
  /** The working config made broken; `closedPort` is a port on 127.0.0.1 nothing listens on. */
  config(config: Record<string, unknown>, closedPort: number): Record<string, unknown>;
  /** What the FAILED message must say. */
  message: RegExp;
}

/** A port on 127.0.0.1 that nothing listens on: taken, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function statusOf(run: ConnectorRun) {
  expect(run.code).toBe(0);
  const statuses = run.messages.filter((m) => m.type === 'CONNECTION_STATUS');
  expect(statuses).toHaveLength(1);
  return statuses[0]!.connectionStatus!;
}

export function connectionSuite(name: string, setup: () => Promise<ConnectionSuiteSetup>, broken: BrokenConfig[]): void {
  let under: ConnectionSuiteSetup;
  beforeAll(async () => {
    under = await setup();
  });
  afterAll(async () => {
    await under?.close();
  });

  describe(`${name} check`, () => {
    it('succeeds with the sandbox config', async () => {
      expect(statusOf(await under.connector.run('check', { config: under.config })).status).toBe('SUCCEEDED');
    });

    it.each(broken)('fails with $what, and exits 0', async ({ config, message }) => {
      const status = statusOf(await under.connector.run('check', { config: config(under.config, await closedPort()) }));
      expect(status.status).toBe('FAILED');
      expect(status.message).toMatch(message);
    });
  });
}
