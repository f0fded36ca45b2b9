/** `kroll`'s command line: help, usage errors, bad configs, and secrets that never show. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePushArgs, parseSyncArgs } from '../../src/runner/cli.js';
import { sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { tempDb } from './helpers.js';
import { configFile, kroll, summaryRow } from './kroll.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: 40, seed: 5 });
});
afterAll(async () => {
  await box?.close();
});

describe('kroll --help and usage errors', () => {
  it('prints the whole help on --help, and a command\'s own after it, on stderr as every command does (stdout stays empty), and exits 0', async () => {
    const SYNC = 'kroll sync [--config FILE] [--db FILE] [--streams a,b,...] [--full-refresh]';
    const PUSH = 'kroll push [--config FILE] (--input FILE.jsonl | --query SQL | --table NAME) [--db FILE] [--resend] [--verbose]';
    for (const [args, shown, notShown] of [
      [['--help'], [SYNC, PUSH, '--full-refresh ', '--resend '], []],
      [['-h'], [SYNC, PUSH], []],
      [['sync', '--help'], [`Usage: ${SYNC}`, '--full-refresh ', '-h, --help'], ['push', '--resend ']],
      [['push', '-h'], [`Usage: ${PUSH}`, '--resend ', '-h, --help'], ['sync', '--full-refresh ']],
    ] as const) {
      const run = await kroll([...args]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      for (const text of shown) expect(run.stderr).toContain(text);
      for (const text of notShown) expect(run.stderr).not.toContain(text);
      expect(run.stderr).toContain('Exit codes:');
    }
  });

  it('exits 2 with the usage on stderr for a missing or unknown command, an unknown option or a bad value', async () => {
    for (const [args, message] of [
      [[], 'a command is required'],
      [['load'], "unknown command 'load'"],
      [['sync', '--fast'], "Unknown option '--fast'"],
      [['sync', '--products', 'many'], '--products must be a whole number'],
      [['sync', '--config', 'x.json', '--products', '10'], '--products is for the sandbox'],
      [['sync', '--streams', ','], '--streams must name at least one stream'],
    ] as const) {
      const run = await kroll([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: kroll sync');
      // The usage lines and where the rest is, not the whole help.
      expect(run.stderr).toContain('See kroll --help for what each option does.');
      expect(run.stderr).not.toContain('Exit codes:');
      expect(run.stderr.split('\n').length).toBeLessThan(10);
    }
  });

  it('names the streams there are when --streams names one that is not', async () => {
    const db = tempDb();
    const run = await kroll(['sync', '--config', configFile(box, db), '--db', db, '--streams', 'products,orders']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--streams: no stream named 'orders'; the source has products, inventory");
  });

  it('says why an order-side stream is not there for a config without API credentials', async () => {
    const db = tempDb();
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box);
    const config = join(dirname(db), 'ftp-only.json');
    writeFileSync(config, JSON.stringify(ftpOnly));
    const run = await kroll(['sync', '--config', config, '--db', db, '--streams', 'shipments']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--streams: no stream named 'shipments'; the source has products, inventory\n" +
        "  source-kroll discover: The streams purchase_orders, purchase_order_lines, shipments, shipment_lines, invoices and invoice_lines read Kroll's dealer API, " +
        'and need api_username and api_password in the config: they are not listed.',
    );
  });

  it('exits 2 with the usage when push is not told what to send, is told two things, or gets an unknown option', async () => {
    for (const [args, message] of [
      [['push', '--config', 'x.json'], 'push needs what to send: --input FILE.jsonl, --query SQL or --table NAME'],
      [['push', '--input', 'a.jsonl', '--query', 'SELECT 1'], 'give only one of --input, --query'],
      [['push', '--query', 'SELECT 1', '--table', 'orders'], 'give only one of --query, --table'],
      [['push', '--input', 'a.jsonl', '--streams', 'x'], "Unknown option '--streams'"],
      [['push', '--input', ''], '--input must name a file'],
      [['push', '--table', ''], '--table must name a table'],
      [['push', 'orders.jsonl'], "Unexpected argument 'orders.jsonl'"],
    ] as const) {
      const run = await kroll([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: kroll sync');
      expect(run.stdout).toBe('');
    }
  });

  it('parses the options of push, with ./kroll.duckdb as the default database', () => {
    expect(parsePushArgs(['--input', 'orders.jsonl'])).toEqual({ input: { kind: 'file', path: 'orders.jsonl' }, db: 'kroll.duckdb', resend: false, verbose: false });
    expect(parsePushArgs(['--config', 'd.json', '--query', 'SELECT * FROM o', '--db', 'w.duckdb', '--resend', '--verbose'])).toEqual({
      config: 'd.json',
      input: { kind: 'query', sql: 'SELECT * FROM o' },
      db: 'w.duckdb',
      resend: true,
      verbose: true,
    });
    expect(parsePushArgs(['--table', 'main.orders']).input).toEqual({ kind: 'table', name: 'main.orders' });
  });

  it('parses the options of sync, with ./kroll.duckdb as the default database', () => {
    expect(parseSyncArgs([])).toEqual({ db: 'kroll.duckdb', fullRefresh: false, verbose: false });
    expect(parseSyncArgs(['--config', 'c.json', '--db', 'x.duckdb', '--streams', 'products, inventory', '--full-refresh', '--verbose'])).toEqual({
      config: 'c.json',
      db: 'x.duckdb',
      streams: ['products', 'inventory'],
      fullRefresh: true,
      verbose: true,
    });
  });
});

describe('a bad --config', () => {
  it('is named clearly and exits 1, with nothing loaded', async () => {
    const db = tempDb();
    const dir = dirname(db);
    writeFileSync(join(dir, 'broken.json'), '{"ftp_host": ');
    writeFileSync(join(dir, 'incomplete.json'), JSON.stringify({ ftp_host: '127.0.0.1' }));
    for (const [file, message] of [
      ['missing.json', 'missing.json does not exist'],
      ['broken.json', 'broken.json is not valid JSON'],
      ['incomplete.json', "'ftp_username' is required"],
    ] as const) {
      const run = await kroll(['sync', '--config', join(dir, file), '--db', db]);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toContain(message);
    }
  });

  it('with a wrong FTP password fails every stream with the source error, exit 1', async () => {
    const db = tempDb();
    const run = await kroll(['sync', '--config', configFile(box, db, { ftp_password: 'not-the-password-5a1f' }), '--db', db]);
    expect(run.code).toBe(1);
    expect(summaryRow(run.stderr, 'products')).toMatchObject({ status: 'FAILED', loaded: 0 });
    expect(summaryRow(run.stderr, 'inventory')).toMatchObject({ status: 'FAILED', loaded: 0 });
    expect(run.stderr).toMatch(/products: .*(password|log ?in|530)/i);
  });
});

describe('a config with a misspelt key', () => {
  it('is warned about once, though both discover and read say it', async () => {
    const db = tempDb();
    const run = await kroll(['sync', '--config', configFile(box, db, { lookback_dayz: 5 }), '--db', db, '--streams', 'products']);
    expect(run.code).toBe(0);
    const warning = "Config key 'lookback_dayz' is not a setting of source-kroll; it is ignored. Did you mean 'lookback_days'?";
    expect(run.stderr.split(warning)).toHaveLength(2);
  });
});

describe('secrets', () => {
  it('never appear in the output or the database, whether the sync succeeds or fails', async () => {
    const secrets = [String(box.info.source_config.ftp_password), String(box.info.source_config.api_password), 'Wr0ng-Passw0rd-Secret-77'];
    const db = tempDb();
    const ok = await kroll(['sync', '--verbose', '--config', configFile(box, db), '--db', db]);
    expect(ok.code).toBe(0);
    const failed = await kroll(['sync', '--verbose', '--config', configFile(box, db, { ftp_password: secrets[2] }), '--db', db]);
    expect(failed.code).toBe(1);
    const output = [ok.stdout, ok.stderr, failed.stdout, failed.stderr].join('\n');
    const file = readFileSync(db).toString('latin1');
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      expect(file).not.toContain(secret);
    }
  });
});
