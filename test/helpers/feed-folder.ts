/**
 * Product files written by a test into a folder of its own, served by the sandbox's FTP server
 * (--ftp-root): for files as they go wrong in the wild, which the generator does not make.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { sandbox, type Sandbox } from './sandbox.js';

export const CATALOG_HEADER =
  'Sku\tProductId\tProductName\tShortDescription\tLongDescription\tManufacturerName\tManufacturerCode\tManufacturerPartNumber\tUPC\tCategory1\tCategory2\tCategory3\tImageFile\tHazardous\tCountryOfOrigin\tWeight\tLength\tWidth\tHeight\tMSRP\tMAPPrice';

export function catalogRow(sku: string, productId: string, name: string, extra: Partial<Record<'upc' | 'hazardous' | 'long', string>> = {}): string {
  return [sku, productId, name, 'short', extra.long ?? '<p>long</p>', 'Streamlight\u00ae', 'STRE', `${sku}-MPN`, extra.upc ?? '012345678905', 'Lighting', 'Weapon Lights', '', `/ProductImages/STRE/${sku}.jpg`, extra.hazardous ?? 'N', 'USA', '0.5', '4', '2', '1', '129.99', ''].join('\t');
}

export interface FeedFiles {
  catalog?: Buffer | string;
  inventory?: Buffer | string;
  status?: Buffer | string;
}

/** serve() starts a sandbox on the files given (a file left out is not there); each test's is closed after it. */
export function feedFolders(): { serve(files: FeedFiles): Promise<Sandbox> } {
  let box: Sandbox | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await box?.close();
    box = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });
  return {
    async serve(files) {
      // Not kroll-feed-: that is the prefix of the source's own download folders.
      const folder = mkdtempSync(join(tmpdir(), 'kroll-bad-files-'));
      root = folder;
      mkdirSync(join(folder, 'ProductData'));
      const write = (name: string, content: Buffer | string | undefined) => content !== undefined && writeFileSync(join(folder, 'ProductData', name), content);
      write('Kroll_Complete_Catalog.txt', files.catalog);
      write('KrollDealerInventoryExportRev2.txt', files.inventory);
      write('Kroll_Stock_Disco_CLSO.txt', files.status);
      box = await sandbox({ ftpRoot: folder });
      return box;
    },
  };
}
