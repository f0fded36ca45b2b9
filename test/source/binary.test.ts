/**
 * bin/source-kroll as the platform runs it: a child process with file arguments. Also the proof
 * that no secret of the config reaches stdout or stderr, on success and on failure.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSpec } from '../../src/source/spec.js';
import { errorsOf, recordsOf, statusesOf } from '../helpers/protocol.js';
import { BIN, configuredCatalog, jsonFiles, runBinary, type RunResult } from '../helpers/run.js';
import { sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: 300, seed: 11 });
});
afterAll(async () => {
  await box?.close();
});

describe('bin/source-kroll', () => {
  it('runs spec, check, discover and read end to end', async () => {
    const spec = await runBinary('source-kroll', ['spec']);
    expect(spec.code).toBe(0);
    expect(spec.messages).toEqual([{ type: 'SPEC', spec: sourceSpec }]);

    const files = jsonFiles({ config: sourceConfig(box), catalog: configuredCatalog([{ name: 'products', syncMode: 'incremental' }, { name: 'inventory' }]) });
    const check = await runBinary('source-kroll', ['check', '--config', files.config!]);
    expect(check.messages.map((m) => m.connectionStatus?.status)).toEqual(['SUCCEEDED']);

    const discover = await runBinary('source-kroll', ['discover', '--config', files.config!]);
    const streams = discover.messages[0]!.catalog!.streams;
    expect(streams.map((s) => [s.name, s.supported_sync_modes, s.source_defined_primary_key, s.default_cursor_field]).slice(0, 2)).toEqual([
      ['products', ['full_refresh', 'incremental'], [['sku']], ['feed_modified_at']],
      ['inventory', ['full_refresh'], [['sku']], undefined],
    ]);
    // The sandbox's config has API credentials: the order-side streams follow (test/source/api-streams.test.ts).
    expect(streams.map((s) => s.name).slice(2)).toEqual(['purchase_orders', 'purchase_order_lines', 'shipments', 'shipment_lines', 'invoices', 'invoice_lines']);

    const read = await runBinary('source-kroll', ['read', '--config', files.config!, '--catalog', files.catalog!]);
    expect(read.code).toBe(0);
    expect(read.stderr).toBe('');
    expect(statusesOf(read.messages, 'products')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(recordsOf(read.messages, 'products').length).toBeGreaterThan(290);
    expect(recordsOf(read.messages, 'inventory').length).toBeGreaterThan(290);
  });

  it('exits non-zero with a TRACE and usage on stderr for an unknown command', async () => {
    const result = await runBinary('source-kroll', ['sync']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: source-kroll spec');
    expect(errorsOf(result.messages)[0]).toMatchObject({ failure_type: 'config_error' });
  });
});

describe('a cancelled sync', () => {
  // The platform cancels with SIGTERM. In a container the connector is PID 1, which only a handler
  // lets a signal reach: exiting with 128 + 15 (not dying of the signal) shows the handler is there.
  it('stops at once on SIGTERM, with exit code 143', async () => {
    const slow = await sandbox({ products: 50, seed: 12, uploadingReads: 100 });
    try {
      const files = jsonFiles({
        config: sourceConfig(slow, { file_change_retries: 5, file_change_retry_delay_seconds: 60 }),
        catalog: configuredCatalog([{ name: 'products' }]),
      });
      const child = spawn(process.execPath, [BIN('source-kroll'), 'read', '--config', files.config!, '--catalog', files.catalog!]);
      // The first retry's warning: the read is now waiting a minute before reading the file again.
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('Reading it again')) resolve();
        });
      });
      const started = Date.now();
      child.kill('SIGTERM');
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
      expect({ code, signal }).toEqual({ code: 143, signal: null });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await slow.close();
    }
  });
});

describe('secrets', () => {
  it('never appear in stdout or stderr, whatever the command and outcome', async () => {
    const good = sourceConfig(box);
    const secrets = [good.ftp_password, good.api_password].map(String);
    const wrong = { ...good, ftp_password: 'Wr0ng-but-real-S3cret!' };
    secrets.push(wrong.ftp_password);
    expect(secrets.every((s) => s.length >= 8)).toBe(true);

    const runs: RunResult[] = [];
    for (const config of [good, wrong]) {
      const files = jsonFiles({ config, catalog: configuredCatalog([{ name: 'products' }, { name: 'inventory' }]) });
      runs.push(await runBinary('source-kroll', ['check', '--config', files.config!]));
      runs.push(await runBinary('source-kroll', ['discover', '--config', files.config!]));
      runs.push(await runBinary('source-kroll', ['read', '--config', files.config!, '--catalog', files.catalog!]));
    }
    // A config that fails validation, and one that is not JSON, each holding a secret.
    const invalid = jsonFiles({ config: { ...good, ftp_port: 'x' }, broken: `{"ftp_password": "${secrets[0]}" "ftp_host": 1}` });
    runs.push(await runBinary('source-kroll', ['check', '--config', invalid.config!]));
    runs.push(await runBinary('source-kroll', ['read', '--config', invalid.broken!, '--catalog', invalid.config!]));

    expect(runs[5]!.code).toBe(1); // the read with the wrong password did fail
    expect(errorsOf(runs[5]!.messages).length).toBeGreaterThan(0);
    for (const run of runs) {
      for (const secret of secrets) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
    }
  });
});
