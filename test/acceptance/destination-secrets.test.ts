/**
 * No secret of the config in stdout or stderr of any destination command, succeeding or failing,
 * with real secret values. (Every run of the suite is held to this by the harness; this test makes
 * sure the failing paths are among them.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import { CATALOG, destinationUnderTest, type DestinationUnderTest } from './destination-setup.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  under = await destinationUnderTest(74);
});
afterAll(async () => {
  await under?.close();
});


describe('secrets', () => {
  it('never appear in the output of spec, check or write, whatever the outcome', async () => {
    const good: Record<string, unknown> = under.config;
    const wrong: Record<string, unknown> = { ...good, api_password: 'Wr0ng-but-Real-API-key-7f3a9c!' };
    const invalid: Record<string, unknown> = { ...good, concurrency: 'four' };
    const secrets = [good.api_password, wrong.api_password].map(String);
    expect(secrets.every((s) => s.length >= 16)).toBe(true);
    // A record that quotes the config's key, and a state that carries it: neither comes back with it.
    let orders = 0;
    const stdin = (key: string): string => {
      const leaky = {
        type: 'RECORD',
        record: { stream: 'fulfillment_requests', emitted_at: Date.now(), data: { order_id: `SEC-${key}`, ship_to: { name: key }, lines: [] } },
      };
      // And a valid order, so that a wrong key meets Kroll.
      const valid = {
        type: 'RECORD',
        record: {
          stream: 'fulfillment_requests',
          emitted_at: Date.now(),
          data: { order_id: `SEC-${++orders}`, ship_to: { name: 'N', address1: '1 Main St', city: 'Portland', state: 'ME', postal_code: '04101', country_code: 'US' }, lines: [{ sku: under.skus[0], quantity: 1 }] },
        },
      };
      const state = { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'fulfillment_requests' }, stream_state: { note: key } } } };
      return [leaky, valid, state].map((m) => `${JSON.stringify(m)}\n`).join('');
    };

    const runs: ConnectorRun[] = [await under.destination.run('spec')];
    for (const config of [good, wrong, invalid]) {
      runs.push(await under.destination.run('check', { config }));
      runs.push(await under.destination.run('write', { config, catalog: CATALOG, stdin: stdin(String(config.api_password)) }));
    }

    // The failing paths really failed: a wrong key and a config that does not validate.
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(runs[3]!.messages.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus?.status).toBe('FAILED');
    expect(runs[5]!.messages.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus?.status).toBe('FAILED');
    // The good write answered the record (rejected: no lines) and echoed the state.
    expect(runs[2]!.messages.filter((m) => m.type === 'STATE')).toHaveLength(1);
    for (const run of runs) {
      for (const secret of secrets) {
        expect(run.stdout.includes(secret), `${run.command} stdout`).toBe(false);
        expect(run.stderr.includes(secret), `${run.command} stderr`).toBe(false);
      }
    }
  });
});
