import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Client } from 'basic-ftp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { productAt } from '../../src/sandbox/products/index.js';
import { decodeWindows1252, download, parseTsv, withTempDir } from './helpers.js';
import { testFolder } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'kroll-sandbox');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Run[] = [];

function run(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const r = { child, stdout: () => out, stderr: () => err, exit };
  running.push(r);
  return r;
}

async function waitFor(r: Run, pick: () => string, pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = pick().match(pattern);
    if (m) return m;
    if (r.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ${pattern} (exit ${r.child.exitCode}); stderr: ${r.stderr()}`);
    }
    await new Promise((res) => setTimeout(res, 25));
  }
}

async function ready(r: Run): Promise<Record<string, any>> {
  const [line] = await waitFor(r, r.stdout, /^.*\n/);
  return JSON.parse(line);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  await new Promise((res) => server.close(res));
  return port;
}

function validator() {
  return readFile(join(ROOT, 'spec', 'source.json'), 'utf8').then((text) => {
    const ajv = new Ajv({ strict: false, useDefaults: true, allErrors: true });
    return ajv.compile(JSON.parse(text).connectionSpecification);
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'sandbox', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await r.exit;
  }
});

describe('bin/kroll-sandbox', () => {
  it('prints one JSON line with a valid source config, serves the files, and exits 0 on SIGTERM', async () => {
    const r = run(['--products', '150', '--seed', '7']);
    const info = await ready(r);
    expect(Object.keys(info).sort()).toEqual(['api', 'destination_config', 'ftp', 'source_config']);

    const validate = await validator();
    const config = structuredClone(info.source_config);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.catalog_file_path).toBe('/ProductData/Kroll_Complete_Catalog.txt'); // defaults applied
    const sc = info.source_config;
    expect(sc).toMatchObject({ ftp_host: '127.0.0.1', ftp_username: '104233', ftp_tls: 'none', account_number: '104233', api_username: 'buyer@example.com' });
    expect(sc.ftp_port).toBe(info.ftp.port);
    expect(sc.ftp_password).toBe(info.ftp.password);
    expect(sc.ftp_password).toMatch(/^[0-9a-f]{32}$/);
    expect(sc.api_password).toMatch(/^[0-9a-f]{32}$/);
    expect(sc.api_password).not.toBe(sc.ftp_password);
    expect(sc.api_base_url).toBe(info.api.url);
    expect(info.api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/EBusiness\/Kroll\.Dealer\.EBusiness\.svc\/Basic$/);
    expect(sc.start_date).toBe(new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10));
    expect(info.destination_config).toMatchObject({ account_number: '104233', api_username: 'buyer@example.com', api_password: sc.api_password, api_base_url: info.api.url });
    expect(info.ftp).toMatchObject({ host: '127.0.0.1', username: '104233', tls: 'none' });

    // The dealer API serves its service description.
    const res = await fetch(`${info.api.url}?singleWsdl`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<wsdl:definitions');

    // It serves seed 7's products.
    const client = new Client(10_000);
    try {
      await client.access({ host: info.ftp.host, port: info.ftp.port, user: info.ftp.username, password: info.ftp.password });
      const { rows } = parseTsv(decodeWindows1252(await download(client, '/ProductData/Kroll_Complete_Catalog.txt')));
      expect(rows.length).toBe(150);
      expect(rows.map((c) => c[0])).toEqual(Array.from({ length: 150 }, (_, i) => productAt(7, i).sku));
    } finally {
      client.close();
    }

    r.child.kill('SIGTERM');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    expect(r.stdout()).toBe(JSON.stringify(info) + '\n');
    // Secrets appear only in the ready line.
    expect(r.stderr()).not.toContain(sc.ftp_password);
    expect(r.stderr()).not.toContain(sc.api_password);
    const dir = r.stderr().match(/ in (\/\S+?kroll-sandbox-\w+)/)?.[1];
    expect(dir).toBeTruthy();
    await expect(stat(dir as string)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('supports --ftps, fixed ports, and SIGINT', async () => {
    const [ftpPort, apiPort] = [await freePort(), await freePort()];
    const r = run(['--ftps', '--products', '20', '--ftp-port', String(ftpPort), '--api-port', String(apiPort), '--host', '127.0.0.1']);
    const info = await ready(r);
    expect(info.ftp.port).toBe(ftpPort);
    expect(info.api.url).toContain(`:${apiPort}/`);
    expect(info.ftp.tls).toBe('explicit');
    expect(info.source_config.ftp_tls).toBe('explicit');
    expect(info.source_config.ftp_tls_ca_certificate).toBe(info.ftp.ca_certificate);
    const validate = await validator();
    expect(validate(structuredClone(info.source_config)), JSON.stringify(validate.errors)).toBe(true);
    const client = new Client(10_000);
    try {
      await client.access({ host: '127.0.0.1', port: ftpPort, user: info.ftp.username, password: info.ftp.password, secure: true, secureOptions: { ca: info.ftp.ca_certificate } });
      expect((await client.list('/ProductData')).length).toBe(3);
    } finally {
      client.close();
    }
    r.child.kill('SIGINT');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    expect(r.stdout().split('\n')).toEqual([JSON.stringify(info), '']);
  });

  it('passes --now, --orders and the API fault switches to the dealer API', async () => {
    const r = run(['--products', '50', '--orders', '20', '--now', '2026-03-20T12:00:00Z', '--api-throttle-rate', '1', '--api-retry-after', '7', '--api-latency-ms', '1']);
    const info = await ready(r);
    expect(info.source_config.start_date).toBe('2025-12-20');
    const res = await fetch(info.api.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    await res.text();
    expect(r.stderr()).toMatch(/dealer API at http:\/\/127\.0\.0\.1:\d+\/EBusiness\/Kroll\.Dealer\.EBusiness\.svc\/Basic \(20 orders, \d+ shipments up to 2026-03-20T12:00:00\.000Z\)/);
    r.child.kill('SIGTERM');
    expect((await r.exit).code).toBe(0);
  });

  it('writes every API request to --api-request-log once answered, never its credentials', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'requests.jsonl');
      const r = run(['--products', '50', '--orders', '5', '--api-request-log', file]);
      const info = await ready(r);
      const { account_number: account, api_username: user, api_password: password } = info.source_config;
      const bad = await fetch(info.api.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' });
      expect(bad.status).toBe(500);
      await bad.text();
      const member = (name: string, value: string) => `<a:${name}>${value}</a:${name}>`;
      const envelope =
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetShipments xmlns="http://tempuri.org/">' +
        '<request xmlns:a="http://schemas.datacontract.org/2004/07/Kroll.Dealer.EBusiness">' +
        member('DealerAccountNumber', account) + member('PageNumber', '1') + member('PageSize', '5') + member('Password', password) +
        member('ShippedFrom', '2020-01-01T00:00:00') + member('ShippedTo', '2030-01-01T00:00:00') + member('UserId', user) +
        '</request></GetShipments></s:Body></s:Envelope>';
      const good = await fetch(info.api.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://tempuri.org/IEBusinessService/GetShipments"' },
        body: envelope,
      });
      expect(good.status).toBe(200);
      await good.text();

      let text = '';
      for (let waited = 0; text.split('\n').length < 3 && waited < 5000; waited += 25) {
        await new Promise((res) => setTimeout(res, 25));
        text = existsSync(file) ? await readFile(file, 'utf8') : '';
      }
      const records = text.trim().split('\n').map((line) => JSON.parse(line));
      expect(records.map((x) => [x.sequence, x.operation, x.status, x.authenticated])).toEqual([
        [1, null, 500, null],
        [2, 'GetShipments', 200, true],
      ]);
      for (const x of records) expect(x.answeredAtMs).toBeGreaterThanOrEqual(x.receivedAtMs);
      expect(text).not.toContain(password);
      r.child.kill('SIGTERM');
      expect((await r.exit).code).toBe(0);
    });
  });

  it('serves --ftp-root as is, with the uploading fault from --ftp-uploading-reads', async () => {
    await withTempDir(async (root) => {
      await mkdir(join(root, 'ProductData'));
      const content = Buffer.from('Sku\tStatus\r\nABCD-10001\tStock\r\nABCD-10002\tCLSO\r\n', 'latin1');
      await writeFile(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), content);
      const r = run(['--ftp-root', root, '--ftp-uploading-reads', '1']);
      const info = await ready(r);
      const client = new Client(10_000);
      try {
        await client.access({ host: info.ftp.host, port: info.ftp.port, user: info.ftp.username, password: info.ftp.password });
        expect((await client.list('/')).map((f) => f.name)).toEqual(['ProductData']);
        const path = '/ProductData/Kroll_Stock_Disco_CLSO.txt';
        expect(await client.size(path)).toBe(Math.floor(content.length / 2));
        expect((await download(client, path)).equals(content.subarray(0, Math.floor(content.length / 2)))).toBe(true);
        expect((await download(client, path)).equals(content)).toBe(true);
      } finally {
        client.close();
      }
      r.child.kill('SIGTERM');
      expect((await r.exit).code).toBe(0);
      expect(await readFile(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'))).toEqual(content);
    });
  });

  it('warns on stderr, at start, of a --now later than the machine clock', async () => {
    const r = run(['--products', '10', '--now', '2099-01-01T00:00:00Z']);
    await ready(r);
    expect(r.stderr()).toMatch(/^kroll-sandbox: warning: --now 2099-01-01T00:00:00\.000Z is later than this machine's clock \(/m);
    r.child.kill('SIGTERM');
    expect((await r.exit).code).toBe(0);
  });

  it('stops cleanly when signalled while still generating', async () => {
    const r = run(['--products', '400000']);
    const [, dir] = await waitFor(r, r.stderr, /generating .* in (\/\S+?kroll-sandbox-\w+)/);
    await waitFor(r, () => (existsSync(join(dir as string, 'ProductData')) ? 'x' : ''), /x/);
    r.child.kill('SIGTERM');
    expect((await r.exit).code).toBe(0);
    expect(r.stdout()).toBe('');
    expect(existsSync(dir as string)).toBe(false);
  });

  it.each([
    [['--products', 'abc'], /--products must be a whole number from 0 to 9000000, got "abc"/],
    [['--products=-1'], /--products must be a whole number from 0 to/],
    [['--products', '-1'], /--products must be a whole number from 0 to 9000000, got "-1"/],
    [['--products', '99999999999'], /--products must be a whole number from 0 to/],
    [['--ftp-port', '70000'], /--ftp-port must be a whole number from 0 to 65535/],
    [['--api-port', '1.5'], /--api-port must be a whole number/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--ftp-uploading-reads=-3'], /--ftp-uploading-reads must be a whole number from 0/],
    [['--ftp-uploading-reads', '1001'], /--ftp-uploading-reads must be a whole number from 0 to 1000/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--products'], /argument missing|--products/],
    [['stray'], /positional|stray/i],
    [['--host', ''], /--host must be an address/],
    [['--api-fault-rate', '1.5'], /--api-fault-rate must be a number from 0 to 1/],
    [['--api-throttle-rate', 'x'], /--api-throttle-rate must be a number from 0 to 1/],
    [['--api-empty-rate=-0.1'], /--api-empty-rate must be a number from 0 to 1/],
    [['--api-latency-ms', '-5'], /--api-latency-ms must be a whole number from 0 to 600000, got "-5"/],
    [['--orders', 'many'], /--orders must be a whole number/],
    [['--orders', '-1'], /--orders must be a whole number from 0 to 2000000, got "-1"/],
    [['--ftp-root', '/tmp', '--products', '10'], /--products shapes the generated product files; with --ftp-root the folder is served as it is/],
    [['--now', 'yesterday'], /--now must be an ISO date/],
  ])('rejects %j with a message and exit 2', async (args, message) => {
    const r = run(args);
    const { code } = await r.exit;
    expect(code).toBe(2);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toMatch(message);
    // The usage lines and where the rest is, not the whole help.
    expect(r.stderr()).toContain('Usage: kroll-sandbox');
    expect(r.stderr()).toContain('See kroll-sandbox --help for what each option does.');
    expect(r.stderr()).not.toContain('--api-request-log FILE     write every API request');
    expect(r.stderr().split('\n').length).toBeLessThan(15);
  });

  it('prints the whole help for --help on stderr, as every command does, and nothing on stdout', async () => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      expect((await r.exit).code).toBe(0);
      expect(r.stdout()).toBe('');
      expect(r.stderr()).toMatch(/^Usage: kroll-sandbox/);
      expect(r.stderr()).toContain('--api-request-log FILE     write every API request');
    }
  });

  it('an --ftp-root that is no folder is a usage error, told once', async () => {
    const file = join(testFolder('kroll-sandbox-root-'), 'a-file');
    writeFileSync(file, 'x');
    for (const [root, message] of [
      ['/nonexistent/kroll-sandbox-root', 'kroll-sandbox: --ftp-root /nonexistent/kroll-sandbox-root is not a folder (it does not exist)\n'],
      [file, `kroll-sandbox: --ftp-root ${file} is not a folder\n`],
    ] as const) {
      const r = run(['--ftp-root', root]);
      expect((await r.exit).code).toBe(2);
      expect(r.stdout()).toBe('');
      expect(r.stderr().startsWith(message)).toBe(true);
      expect(r.stderr()).not.toContain('warning');
      expect(r.stderr()).not.toContain('could not start');
    }
  });
});
