/** `check` against the sandbox: success, and a distinct FAILED message for each way it goes wrong. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/generated/configs.js';
import { classifyFtpError } from '../../src/kroll/ftp/errors.js';
import { loadConfigFile } from '../../src/protocol/config.js';
import { check as runCheck } from '../../src/source/check.js';
import { sourceProgram } from '../../src/source/program.js';
import { sourceSpec } from '../../src/source/spec.js';
import { jsonFiles, runInProcess } from '../helpers/run.js';
import { readFiles, sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { errorsOf } from '../helpers/protocol.js';
import { testFolder } from '../helpers/temp.js';

let plain: Sandbox;
let ftps: Sandbox;
beforeAll(async () => {
  [plain, ftps] = await Promise.all([sandbox({ products: 50 }), sandbox({ products: 50, ftps: true })]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), ftps?.close()]);
});

async function check(config: Record<string, unknown>) {
  const { code, messages } = await runInProcess(sourceProgram, ['check', '--config', jsonFiles({ config }).config!]);
  expect(code).toBe(0);
  expect(messages.map((m) => m.type)).toEqual(['CONNECTION_STATUS']);
  return messages[0]!.connectionStatus!;
}

describe('check', () => {
  it('succeeds over plain FTP and names the three files it found', async () => {
    const status = await check(sourceConfig(plain));
    expect(status.status).toBe('SUCCEEDED');
    expect(status.message).toMatch(/plain FTP.*Kroll_Complete_Catalog\.txt \(\d+ bytes.*KrollDealerInventoryExportRev2\.txt.*Kroll_Stock_Disco_CLSO\.txt/);
  });

  it('succeeds over explicit FTPS when the sandbox certificate is trusted', async () => {
    const config = sourceConfig(ftps);
    expect(config).toMatchObject({ ftp_tls: 'explicit' });
    const status = await check(config);
    expect(status).toMatchObject({ status: 'SUCCEEDED' });
    expect(status.message).toContain('explicit FTPS');
  });

  it('fails on a wrong password', async () => {
    const status = await check(sourceConfig(plain, { ftp_password: 'wrong-password-123' }));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/^Kroll's FTP server rejected the username or password \(530.*\)\. Check ftp_username and ftp_password\.$/);
  });

  it('fails when the FTPS certificate is not trusted', async () => {
    const { ftp_tls_ca_certificate: _, ...untrusting } = sourceConfig(ftps);
    const status = await check(untrusting);
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/^The FTP server's TLS certificate is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
  });

  it('fails with a pointer to ftp_tls when the server requires TLS and the config says none', async () => {
    const status = await check(sourceConfig(ftps, { ftp_tls: 'none' }));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/^Kroll's FTP server requires encryption before login \(530 .*TLS.*\)\. Set ftp_tls to "explicit" \(or "implicit"\)\.$/);
  });

  it('fails on a certificate setting that is not a certificate', async () => {
    expect(await check(sourceConfig(ftps, { ftp_tls_ca_certificate: 'not a pem' }))).toEqual({
      status: 'FAILED',
      message: expect.stringContaining("'ftp_tls_ca_certificate' must look like PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----"),
    });
    const broken = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    const config = jsonFiles({ config: sourceConfig(ftps, { ftp_tls_ca_certificate: broken }) }).config!;
    const { messages } = await runInProcess(sourceProgram, ['check', '--config', config]);
    expect(messages[0]!.connectionStatus).toEqual({
      status: 'FAILED',
      message: `Invalid config (${config}): certificate 1 of 'ftp_tls_ca_certificate' is not a valid PEM certificate.`,
    });
  });

  it('fails on a password with a line break, which FTP cannot send', async () => {
    const status = await check(sourceConfig(plain, { ftp_password: 'line\nbreak' }));
    expect(status).toEqual({ status: 'FAILED', message: expect.stringContaining("'ftp_password' must look like text on one line (no line breaks)") });
  });

  it('fails when the server refuses TLS', async () => {
    const status = await check(sourceConfig(plain, { ftp_tls: 'explicit' }));
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/^The FTP server 127\.0\.0\.1:\d+ refused TLS \(AUTH TLS answered 502/);
  });

  it('fails when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const status = await check(sourceConfig(plain, { ftp_port: port }));
    expect(status).toEqual({ status: 'FAILED', message: `The FTP server 127.0.0.1:${port} refused the connection: nothing listens there. Check ftp_host and ftp_port, or try again later.` });
  });

  it('fails naming the missing file and its setting, and an empty file', async () => {
    const root = testFolder('kroll-check-');
    mkdirSync(join(root, 'ProductData'));
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), 'Sku\r\n');
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), '');
    const box = await sandbox({ ftpRoot: root });
    try {
      const empty = await check(sourceConfig(box));
      expect(empty).toEqual({
        status: 'FAILED',
        message: "The inventory export /ProductData/KrollDealerInventoryExportRev2.txt on Kroll's FTP server is empty (0 bytes); Kroll may be regenerating it. Try again later.",
      });
      writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), 'Sku\r\n');
      const missing = await check(sourceConfig(box));
      expect(missing).toEqual({
        status: 'FAILED',
        message: "The status file /ProductData/Kroll_Stock_Disco_CLSO.txt does not exist on Kroll's FTP server. Check status_file_path, or ask Kroll to enable the product files for your account.",
      });
    } finally {
      await box.close();
    }
  });

  it('fails on a config that does not match the spec, naming the field', async () => {
    const status = await check({ ...sourceConfig(plain), ftp_port: 'abc' });
    expect(status).toEqual({ status: 'FAILED', message: expect.stringContaining("'ftp_port' must be integer") });
  });
});

describe('check of the dealer API', () => {
  const apiKey = () => String(plain.info.source_config.api_password);
  const ftpOnly = () => {
    const { api_username: _u, api_password: _p, ...config } = sourceConfig(plain);
    return config;
  };

  it('succeeds with one read-only call of each operation the streams call when the API username and key are right', async () => {
    const before = plain.api.requests().length;
    const status = await check(sourceConfig(plain));
    expect(status.status).toBe('SUCCEEDED');
    expect(status.message).toContain(`Dealer API ${plain.api.url}: API username and key accepted; it offers GetPurchaseOrders, GetShipments and GetInvoices.`);
    expect(plain.api.requests().slice(before).map((r) => [r.operation, r.authenticated])).toEqual([
      ['GetPurchaseOrders', true],
      ['GetShipments', true],
      ['GetInvoices', true],
    ]);
  });

  it('also calls CheckProductAvailability when inventory is read live', async () => {
    const before = plain.api.requests().length;
    const status = await check(sourceConfig(plain, { inventory_source: 'api' }));
    expect(status.message).toContain('it offers CheckProductAvailability, GetPurchaseOrders, GetShipments and GetInvoices.');
    expect(plain.api.requests().slice(before).map((r) => r.operation)).toEqual(['CheckProductAvailability', 'GetPurchaseOrders', 'GetShipments', 'GetInvoices']);
  });

  it('fails when the service lacks an operation a stream calls, naming the streams that need it', async () => {
    const lacking = await sandbox({ products: 50, apiWithoutOperations: ['GetShipments'] });
    try {
      expect(await check(sourceConfig(lacking))).toEqual({
        status: 'FAILED',
        message:
          `Kroll's dealer API at ${lacking.api.url} does not offer GetShipments (an operation the connector assumes): HTTP 500 SOAP fault ActionNotSupported: ` +
          "The message with Action 'http://tempuri.org/IEBusinessService/GetShipments' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. " +
          'Without it the streams shipments and shipment_lines cannot run: leave them out of the sync, or ask Kroll for it.',
      });
    } finally {
      await lacking.close();
    }
  });

  it('says it timed out when the API takes connections but never answers', async () => {
    const held: Socket[] = [];
    const server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EBusiness/Kroll.Dealer.EBusiness.svc/Basic`;
    try {
      const { config } = loadConfigFile<SourceConfig>(jsonFiles({ config: sourceConfig(plain, { api_base_url: url }) }).config!, sourceSpec);
      // check bounds its calls to 15 s; this one gets 1 s, for a fast suite.
      expect(await runCheck(config, new AbortController().signal, 1000)).toMatchObject({
        connectionStatus: {
          status: 'FAILED',
          message: `Kroll's dealer API at ${url} timed out: no answer to GetPurchaseOrders within 1 s. Check api_base_url, or try again later.`,
        },
      });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('fails on a wrong API key, without echoing it', async () => {
    const wrong = '0f3c9a1b2c3d4e5f60718293a4b5c6d7';
    const status = await check(sourceConfig(plain, { api_password: wrong }));
    expect(status).toEqual({
      status: 'FAILED',
      message: "Kroll's dealer API: API username or API key rejected (AuthenticationFailed in the answer to GetPurchaseOrders). Check api_username, api_password and account_number.",
    });
    expect(JSON.stringify(status)).not.toContain(wrong);
    expect(JSON.stringify(status)).not.toContain(apiKey());
  });

  it('fails when nothing listens at the API base URL, or no dealer API is there', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const url = `http://127.0.0.1:${port}/EBusiness/Kroll.Dealer.EBusiness.svc/Basic`;
    const down = await check(sourceConfig(plain, { api_base_url: url }));
    expect(down.status).toBe('FAILED');
    expect(down.message).toMatch(
      new RegExp(`^Kroll's dealer API did not answer GetPurchaseOrders at ${url.replace(/\./g, '\\.')} after 2 attempts in [\\d.]+ s \\(1: connection refused \\(ECONNREFUSED: nothing listens there\\); 2: connection refused \\(ECONNREFUSED: nothing listens there\\)\\)\\.$`),
    );

    const nowhere = `${plain.api.url.replace('/Basic', '/Nowhere')}`;
    expect(await check(sourceConfig(plain, { api_base_url: nowhere }))).toEqual({
      status: 'FAILED',
      message: `Kroll's dealer API: ${nowhere} answered HTTP 404 to GetPurchaseOrders: no dealer API there. Check api_base_url.`,
    });
  });

  it('passes an FTP-only config, saying what the order-side streams need', async () => {
    const status = await check(ftpOnly());
    expect(status.status).toBe('SUCCEEDED');
    expect(status.message).toMatch(/plain FTP.*\. Dealer API: not configured; the streams purchase_orders, purchase_order_lines, shipments, shipment_lines, invoices and invoice_lines need api_username and api_password\.$/);
  });

  it('fails on a start_date in the future when the API streams are configured, and passes it for an FTP-only config', async () => {
    // A year and a day ahead of this machine's clock: in the future whenever the test runs.
    const future = new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10);
    expect(await check(sourceConfig(plain, { start_date: future }))).toEqual({
      status: 'FAILED',
      message:
        `start_date ${future} is in the future: the streams purchase_orders, purchase_order_lines, shipments, shipment_lines, invoices and invoice_lines ` +
        'would read nothing before that date. Set start_date to the earliest date to sync.',
    });
    expect((await check({ ...ftpOnly(), start_date: future })).status).toBe('SUCCEEDED');
  });

  it('fails with one credential of the two, or inventory_source api without them', async () => {
    expect(await check({ ...ftpOnly(), api_username: 'buyer@example.com' })).toEqual({
      status: 'FAILED',
      message: 'api_username is set but api_password is not: the dealer API needs both (the e-mail address and the API key of your Kroll account).',
    });
    expect(await check({ ...ftpOnly(), api_password: apiKey() })).toEqual({
      status: 'FAILED',
      message: 'api_password is set but api_username is not: the dealer API needs both (the e-mail address and the API key of your Kroll account).',
    });
    expect(await check({ ...ftpOnly(), inventory_source: 'api' })).toEqual({
      status: 'FAILED',
      message: "inventory_source is 'api', which reads the dealer API: set api_username and api_password, or set inventory_source to 'ftp'.",
    });
  });
});

describe('FTP failures the tests cannot cause on loopback', () => {
  // An unknown host needs a DNS lookup, which would leave this machine: the mapping is checked alone.
  it('an unknown host is a config error naming the host', () => {
    const error = classifyFtpError(Object.assign(new Error('getaddrinfo ENOTFOUND ftp.nowhere.example'), { code: 'ENOTFOUND' }), 'connect', { host: 'ftp.nowhere.example', port: 21 });
    expect(error.failureType).toBe('config_error');
    expect(error.message).toBe("The FTP host 'ftp.nowhere.example' was not found (no such host name). Check ftp_host.");
  });
});

describe('check of the product files\' headers', () => {
  const INVENTORY = 'Sku\tQtyAvail\tDealerCost\r\nSTRE-1\t4\t10.5\r\n';
  let box: Sandbox;
  beforeAll(async () => {
    const root = testFolder('kroll-check-');
    mkdirSync(join(root, 'ProductData'));
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), 'Sku\tProductId\tProductName\r\nSTRE-1\t1001\tLight\r\n');
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), INVENTORY);
    writeFileSync(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), 'Sku\tStatus\r\nSTRE-1\tStock\r\n');
    box = await sandbox({ ftpRoot: root });
  });
  afterAll(async () => {
    await box?.close();
  });

  it('fails naming the file and the required column its header lacks, and the setting that maps it', async () => {
    const status = await check(sourceConfig(box));
    expect(status).toEqual({
      status: 'FAILED',
      message:
        "/ProductData/KrollDealerInventoryExportRev2.txt has no column 'QuantityAvailable' (required). Its header has: Sku, QtyAvail, DealerCost. " +
        'If Kroll renamed the column, set its header name in inventory_columns, e.g. "inventory_columns": {"quantity_available": "<header name>"}. ' +
        'If the file is not tab-delimited, set file_delimiter; if its values are in quotes, set file_quoting.',
    });
  });

  it('succeeds once the config maps the renamed column, and says so', async () => {
    const status = await check(sourceConfig(box, { inventory_columns: { quantity_available: 'QtyAvail' } }));
    expect(status.status).toBe('SUCCEEDED');
    expect(status.message).toMatch(/; every file has its required columns \(with "inventory_columns": \{"quantity_available": "QtyAvail"\}\)\. Dealer API /);
  });

  it.each<[string, { catalog?: string; inventory?: string }, string]>([
    [
      'a header-only catalog',
      { catalog: 'Sku\tProductId\tProductName\r\n' },
      '/ProductData/Kroll_Complete_Catalog.txt has a header but no product rows (27 bytes): read as it is, every product would be gone. Kroll may be regenerating it; the next sync will try again.',
    ],
    [
      'a header-only inventory export',
      { inventory: 'Sku\tQuantityAvailable\r\n' },
      "/ProductData/KrollDealerInventoryExportRev2.txt has a header but no rows (23 bytes): read as it is, every product's quantity, cost and prices would be gone. Kroll may be regenerating it; the next sync will try again.",
    ],
    [
      'a catalog whose every ProductId is blank',
      { catalog: 'Sku\tProductId\tProductName\r\nSTRE-1\t\tLight\r\nSTRE-2\t\tLamp\r\n' },
      'No row of /ProductData/Kroll_Complete_Catalog.txt can be used: all 2 rows have a blank ProductId.',
    ],
  ])('fails, with the reason read would give, on %s', async (_what, files, message) => {
    const root = testFolder('kroll-check-');
    mkdirSync(join(root, 'ProductData'));
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), files.catalog ?? 'Sku\tProductId\tProductName\r\nSTRE-1\t1001\tLight\r\n');
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), files.inventory ?? 'Sku\tQuantityAvailable\r\nSTRE-1\t4\r\n');
    writeFileSync(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), 'Sku\tStatus\r\nSTRE-1\tStock\r\n');
    const served = await sandbox({ ftpRoot: root });
    try {
      expect(await check(sourceConfig(served))).toEqual({ status: 'FAILED', message });
    } finally {
      await served.close();
    }
  });

  it('succeeds with a catalog larger than the part of it that check reads', async () => {
    const large = await sandbox({ products: 2000 });
    try {
      const status = await check(sourceConfig(large));
      expect(status.status).toBe('SUCCEEDED');
      expect(status.message).toContain('every file has its required columns');
    } finally {
      await large.close();
    }
  });
});

describe('comma-delimited product files read with the default tab delimiter', () => {
  let box: Sandbox;
  beforeAll(async () => {
    const root = testFolder('kroll-check-');
    mkdirSync(join(root, 'ProductData'));
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), 'Sku,ProductId,ProductName,ListPrice\r\nSTRE-1,1001,Light,9.5\r\n');
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), 'Sku,QuantityAvailable\r\nSTRE-1,4\r\n');
    writeFileSync(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), 'Sku,Status\r\nSTRE-1,Stock\r\n');
    box = await sandbox({ ftpRoot: root });
  });
  afterAll(async () => {
    await box?.close();
  });

  // Each header's comma-separated names: the catalog's four, the inventory's two columns with ','.
  const message = (file: string, columns: number, required: string) =>
    `/ProductData/${file}: its header is one column with the configured file_delimiter, but ${columns} columns with ','. Set "file_delimiter": ",". ` +
    `(Read as one column, it has no column ${required} (required).)`;

  it('check says so first, naming the setting, as diagnose does', async () => {
    expect(await check(sourceConfig(box))).toEqual({ status: 'FAILED', message: message('Kroll_Complete_Catalog.txt', 4, "'Sku', 'ProductId', 'ProductName'") });
  });

  it('read fails products with the same config_error (its first file is the inventory export)', async () => {
    const run = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }]));
    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: message('KrollDealerInventoryExportRev2.txt', 2, "'Sku', 'QuantityAvailable'") }),
    ]);
  });

  it('check passes once file_delimiter says ","', async () => {
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box, { file_delimiter: ',' });
    expect((await check(ftpOnly)).status).toBe('SUCCEEDED');
  });
});
