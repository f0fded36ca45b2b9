/**
 * `source-kroll diagnose` against the sandbox: all ok as it comes, the first record of each file
 * as the generator's truth says, and failures kept to the part that is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/source/diagnose/report.js';
import { expectedInventory, expectedProduct, truth } from '../../helpers/expected.js';
import { ORDER_STREAMS } from '../../helpers/expected-orders.js';
import { assertValidRecord } from '../../helpers/protocol.js';
import { feedModifiedAt, sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';
import { diagnoseJson, diagnoseText, firstInventoryProduct, firstStatusProduct, line, notOk, section } from './helpers.js';

const SEED = 12;
const COUNT = 600;
const products = truth(SEED, COUNT);
let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: COUNT, seed: SEED });
});
afterAll(async () => {
  await box?.close();
});

describe('diagnose against the sandbox', () => {
  let code: number;
  let report: Report;
  beforeAll(async () => {
    ({ code, report } = await diagnoseJson(sourceConfig(box)));
  });

  it('passes every check, says every stream works, and exits 0', () => {
    expect(notOk(report)).toEqual([]);
    expect(code).toBe(0);
    expect(report.status).toBe('ok');
    expect(report.sections.map((s) => s.name)).toEqual(['config', 'ftp', 'catalog', 'inventory', 'status', 'api']);
    expect(report.streams).toEqual([
      { stream: 'products', verdict: 'works', reasons: [] },
      { stream: 'inventory', verdict: 'works', reasons: [] },
      ...ORDER_STREAMS.map((stream) => ({ stream, verdict: 'works', reasons: [] })),
    ]);
    expect(report.what_to_do).toEqual([]);
    expect(section(report, 'ftp').map((l) => l.check)).toEqual(['connect', 'TLS', 'login', 'listing', 'listing']);
    expect(line(report, 'catalog', 'stable').message).toMatch(/^\d{1,3}(,\d{3})* bytes, the same size and time on two looks 0\.2 s apart$/);
    // A catalog larger than the part diagnose reads of it.
    expect(line(report, 'catalog', 'rows').message).toMatch(/ rows in the first 262,144 bytes \(the rest is not read here\), read without a problem\./);
  });

  it("shows each file's first row as the record the connector would emit", () => {
    const catalogFirst = products.find((p) => p.productId.trim() !== '')!;
    const record = line(report, 'catalog', 'first record').data;
    expect(record).toEqual(expectedProduct(catalogFirst, feedModifiedAt(box.dataDir)));
    assertValidRecord('products', record);
    expect(line(report, 'inventory', 'first record').data).toEqual(expectedInventory(firstInventoryProduct(SEED, products)));
    const status = firstStatusProduct(SEED, products);
    expect(line(report, 'status', 'first record').data).toEqual({ sku: status.sku, status: status.status, is_active: status.status !== 'Disco' });
    expect(line(report, 'api', 'credentials').message).toBe(
      `accepted: CheckProductAvailability for ${catalogFirst.sku} (the catalog's first record) answered SkuFound true, ` +
        `QuantityAvailable ${catalogFirst.inventory?.quantityAvailable ?? 0}, DealerCost ${catalogFirst.inventory?.dealerCost ?? 'nil'}`,
    );
  });

  it('maps every column of each file to its record field', () => {
    const columns = line(report, 'inventory', 'columns').data as { columns: { header: string; field: string | null }[]; unknown_columns: string[] };
    expect(columns.columns.map((c) => `${c.header}->${c.field}`)).toEqual([
      'Sku->sku', 'QuantityAvailable->quantity_available', 'DealerCost->dealer_cost', 'MSRP->msrp', 'MAPPrice->map_price',
      'Weight->weight', 'Length->length', 'Width->width', 'Height->height', 'LastUpdated->last_updated',
    ]);
    expect(columns.unknown_columns).toEqual([]);
  });

  it('prints the same as text, section by section, ending with the result', async () => {
    const { code, stdout, stderr } = await diagnoseText(sourceConfig(box));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const title of ['Config ', 'FTP 127.0.0.1:', 'Catalog /ProductData/Kroll_Complete_Catalog.txt', 'Inventory export /ProductData/', 'Status file /ProductData/', 'Dealer API http://127.0.0.1:', 'Streams']) {
      expect(stdout).toMatch(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'));
    }
    expect(stdout).toMatch(/^ {2}ok {4}login +logged in as 104233$/m);
    expect(stdout).toMatch(/^ {2}products +works$/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Result: ok: all \d+ checks passed\.$/);
    expect(stdout).not.toMatch(/^\{"type"/m);
  });
});

describe('diagnose over explicit FTPS', () => {
  it('names the TLS mode and version, and reads the files as over plain FTP', async () => {
    const secure = await sandbox({ products: 500, seed: SEED, ftps: true });
    try {
      const { code, report } = await diagnoseJson(sourceConfig(secure));
      expect(notOk(report)).toEqual([]);
      expect(code).toBe(0);
      expect(line(report, 'ftp', 'TLS').message).toMatch(/^explicit FTPS \(TLSv1\.[23]\), certificate trusted$/);
      expect(line(report, 'catalog', 'first record').data).toEqual(expectedProduct(products.find((p) => p.productId.trim() !== '')!, feedModifiedAt(secure.dataDir)));
    } finally {
      await secure.close();
    }
  });

  it('fails at TLS when the certificate is not trusted', async () => {
    const secure = await sandbox({ products: 10, ftps: true });
    try {
      const { ftp_tls_ca_certificate: _, ...untrusting } = sourceConfig(secure);
      const { report } = await diagnoseJson(untrusting);
      expect(notOk(report)).toEqual(['ftp/TLS fail']);
      expect(section(report, 'ftp').map((l) => `${l.check} ${l.status}`)).toEqual(['connect ok', 'TLS fail']);
      expect(line(report, 'ftp', 'TLS').message).toMatch(/^The FTP server's TLS certificate is not trusted/);
    } finally {
      await secure.close();
    }
  });
});

describe('diagnose of a config that is partly wrong', () => {
  it('with a wrong API key, fails the API section only', async () => {
    const { code, report } = await diagnoseJson(sourceConfig(box, { api_password: 'f'.repeat(32) }));
    expect(code).toBe(1);
    expect(report.status).toBe('fail');
    expect(notOk(report)).toEqual(['api/credentials fail']);
    expect(line(report, 'api', 'credentials')).toMatchObject({
      subject: 'api',
      message: expect.stringContaining('API username or API key rejected'),
      fix: 'Check api_username, api_password (the API key) and account_number against the API credentials section of your Kroll account.',
    });
    // The product files need no API: their streams still work.
    expect(report.streams.map((s) => s.verdict)).toEqual(['works', 'works', ...ORDER_STREAMS.map(() => 'will not work')]);
    expect(report.what_to_do).toEqual([line(report, 'api', 'credentials').fix]);
  });

  it('with a wrong FTP password, fails at login and leaves the files unread, the API checked', async () => {
    const { code, report } = await diagnoseJson(sourceConfig(box, { ftp_password: 'not-the-password' }));
    expect(code).toBe(1);
    expect(notOk(report)).toEqual(['ftp/login fail']);
    expect(report.sections.map((s) => s.name)).toEqual(['config', 'ftp', 'api']);
    expect(line(report, 'ftp', 'login').message).toMatch(/^Kroll's FTP server rejected the username or password \(530/);
    expect(report.streams.map((s) => [s.stream, s.verdict])).toEqual([
      ['products', 'will not work'],
      ['inventory', 'will not work'],
      ...ORDER_STREAMS.map((stream) => [stream, 'works']),
    ]);
    expect(report.streams[0]!.reasons[0]).toMatch(/^FTP 127\.0\.0\.1:\d+, login: Kroll's FTP server rejected/);
    // Without a catalog, a made-up SKU proves the credentials.
    expect(line(report, 'api', 'credentials').message).toMatch(/^accepted: CheckProductAvailability for DIAGNOSE-0000 \(made up: the catalog could not be read\) answered SkuFound false/);
  });

  it('without API credentials, warns that the API streams cannot run, and exits 0', async () => {
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box);
    const { code, report } = await diagnoseJson(ftpOnly);
    expect(code).toBe(0);
    expect(notOk(report)).toEqual(['api/credentials warn']);
    expect(line(report, 'api', 'credentials')).toMatchObject({ blocks: true, subject: 'api' });
    expect(report.streams.map((s) => s.verdict)).toEqual(['works', 'works', ...ORDER_STREAMS.map(() => 'will not work')]);
  });

  it('warns of a start_date in the future, for the order-side streams only', async () => {
    const future = new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10);
    const { code, report } = await diagnoseJson(sourceConfig(box, { start_date: future }));
    expect(code).toBe(0);
    expect(notOk(report)).toEqual(['config/start date warn']);
    expect(line(report, 'config', 'start date')).toMatchObject({
      message: `start_date ${future} is in the future: the order-side streams read nothing before that date`,
      fix: 'Set start_date to the earliest date to sync.',
    });
    expect(report.streams.map((s) => s.verdict)).toEqual(['works', 'works', ...ORDER_STREAMS.map(() => 'works, with warnings')]);
  });

  it('with a config that does not match the spec, fails it and checks nothing else', async () => {
    const { code, report } = await diagnoseJson({ ...sourceConfig(box), ftp_port: 'twenty-one', catalog_columns: { prodct_id: 'Id' } });
    expect(code).toBe(1);
    expect(report.sections.map((s) => s.name)).toEqual(['config']);
    expect(line(report, 'config', 'config').message).toMatch(/^Invalid config \(\S+config\.json\): 'ftp_port' must be integer\.$/);
    expect(report.streams.map((s) => s.verdict)).toEqual(['products', 'inventory', ...ORDER_STREAMS].map(() => 'will not work'));
  });

  it('names a misspelt mapping field, with the nearest one', async () => {
    const { report } = await diagnoseJson({ ...sourceConfig(box), catalog_columns: { prodct_id: 'Id' } });
    expect(line(report, 'config', 'config').message).toMatch(/^Invalid config \(\S+config\.json\): 'catalog_columns' names 'prodct_id', which is no field of the catalog file; did you mean 'product_id'\?/);
  });
});
