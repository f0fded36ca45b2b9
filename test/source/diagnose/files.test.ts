/** diagnose on product files that are stale, still growing, or not in the format the config says. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';
import { diagnoseJson, line, notOk } from './helpers.js';
import { ORDER_STREAMS } from '../../helpers/expected-orders.js';
import { testFolder } from '../../helpers/temp.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('diagnose of stale and growing files', () => {
  it('warns of files older than file_stale_after_hours, and exits 0', async () => {
    box = await sandbox({ products: 100, ftpFileAgeHours: 72 });
    const { code, report } = await diagnoseJson(sourceConfig(box));
    expect(code).toBe(0);
    expect(report.status).toBe('warn');
    expect(notOk(report)).toEqual(['catalog/age warn', 'inventory/age warn', 'status/age warn']);
    expect(line(report, 'catalog', 'age').message).toMatch(/^modified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, 3\.0 days ago: older than 48 hours \(file_stale_after_hours\)/);
    expect(report.streams.map((s) => s.verdict)).toEqual(['works, with warnings', 'works, with warnings', ...ORDER_STREAMS.map(() => 'works')]);
    expect(report.what_to_do).toContain('Ask Kroll whether it still regenerates /ProductData/Kroll_Complete_Catalog.txt.');

    const patient = await diagnoseJson(sourceConfig(box, { file_stale_after_hours: 80 }));
    expect(notOk(patient.report)).toEqual([]);
  });

  it('warns of files whose size changes between two looks, and reads what is there', async () => {
    box = await sandbox({ products: 400, ftpGrowingSeconds: 120 });
    const { code, report } = await diagnoseJson(sourceConfig(box));
    expect(report.sections.flatMap((s) => s.lines).filter((l) => l.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    for (const file of ['catalog', 'inventory', 'status']) {
      expect(line(report, file, 'stable')).toMatchObject({ status: 'warn', message: expect.stringMatching(/^changed between two looks 0\.2 s apart \(.* bytes at .*, then .* bytes at .*\): Kroll is still writing it/) });
    }
    // Caught mid-upload, the file's first record is still shown.
    expect(line(report, 'catalog', 'first record').status).toBe('ok');
    expect(report.streams.map((s) => s.verdict)).toEqual(['works, with warnings', 'works, with warnings', ...ORDER_STREAMS.map(() => 'works')]);
  });
});

describe('diagnose of files in another format than the config says', () => {
  it('names the delimiter, quoting and path that would fit', async () => {
    const root = testFolder('kroll-diagnose-');
    mkdirSync(join(root, 'ProductData'));
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), 'Sku,ProductId,ProductName\r\nSTRE-1,1001,Light\r\n');
    writeFileSync(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), '"Sku"\t"Status"\r\n"STRE-1"\t"Stock"\r\n');
    const rev3 = 'Sku\tQuantityAvailable\r\nSTRE-1\t4\r\n';
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev3.txt'), rev3);
    box = await sandbox({ ftpRoot: root });
    const { code, report } = await diagnoseJson(sourceConfig(box));
    expect(code).toBe(1);
    // No /ProductImages/ on this server: a warning only, since no stream needs the images.
    expect(notOk(report)).toEqual(['ftp/listing warn', 'catalog/format fail', 'inventory/file fail', 'status/columns fail']);
    expect(line(report, 'catalog', 'format')).toMatchObject({
      message: expect.stringContaining("the header is one column with tab, but 3 columns with ','"),
      fix: 'Set "file_delimiter": ",".',
    });
    expect(line(report, 'status', 'columns')).toMatchObject({ message: 'the header names are in quotes ("Sku", "Status", …)', fix: 'Set "file_quoting": "double_quote".' });
    expect(line(report, 'inventory', 'file')).toMatchObject({
      message: '/ProductData/KrollDealerInventoryExportRev2.txt does not exist on the FTP server',
      fix: "Set inventory_file_path to the inventory export's path (see the listing), or ask Kroll to enable the product files for your account.",
    });
    const [data, images] = report.sections.find((s) => s.name === 'ftp')!.lines.filter((l) => l.check === 'listing');
    expect(images).toMatchObject({ status: 'warn', subject: 'images', message: expect.stringMatching(/^\/ProductImages\/ does not exist/) });
    expect(data!.data).toEqual([
      expect.objectContaining({ name: 'KrollDealerInventoryExportRev3.txt', size: Buffer.byteLength(rev3), directory: false }),
      expect.objectContaining({ name: 'Kroll_Complete_Catalog.txt' }),
      expect.objectContaining({ name: 'Kroll_Stock_Disco_CLSO.txt' }),
    ]);
  });

  it('tells the problems a read would warn of, with file and line, and the first usable record', async () => {
    const root = testFolder('kroll-diagnose-');
    mkdirSync(join(root, 'ProductData'));
    const header = 'Sku\tProductId\tProductName\tWeight';
    writeFileSync(join(root, 'ProductData', 'Kroll_Complete_Catalog.txt'), `${header}\r\nSTRE-0\t\tNo id\t1\r\nSTRE-1\t1001\tLight\tn/a\r\nSTRE-2\t1002\r\nSTRE-3\t1003\tLamp\tlight\r\n`);
    writeFileSync(join(root, 'ProductData', 'KrollDealerInventoryExportRev2.txt'), 'Sku\tQuantityAvailable\r\nSTRE-1\t4\r\n');
    writeFileSync(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), 'Sku\tStatus\r\nSTRE-1\tDisco\r\n');
    box = await sandbox({ ftpRoot: root });
    const { report } = await diagnoseJson(sourceConfig(box));
    expect(line(report, 'catalog', 'rows')).toMatchObject({
      status: 'warn',
      message:
        '4 rows. 1 row without a ProductId is skipped, as Kroll\'s integrations do. ' +
        '/ProductData/Kroll_Complete_Catalog.txt line 4 has 2 fields where the header has 4; the row is skipped. ' +
        "/ProductData/Kroll_Complete_Catalog.txt line 3, column Weight: 'n/a' is not a number; the field is left empty (and 1 more like it).",
    });
    expect(line(report, 'catalog', 'first record').data).toMatchObject({ sku: 'STRE-1', product_id: '1001', weight: null, quantity_available: 4, status: 'Disco', is_active: false });
    expect(line(report, 'catalog', 'columns')).toMatchObject({ status: 'warn', message: expect.stringContaining("no column 'ShortDescription' (short_description)") });
  });
});

