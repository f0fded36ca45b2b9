/** The first bytes of a product file over the sandbox's real FTP server: whole lines, and the session goes on. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFileHead } from '../../../src/kroll/files/fetch.js';
import { KrollFtp } from '../../../src/kroll/ftp/client.js';
import { PRODUCT_FILE_PATHS } from '../../../src/sandbox/index.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';

let box: Sandbox;
let directory: string;
beforeAll(async () => {
  [box, directory] = await Promise.all([sandbox({ products: 400, seed: 3 }), mkdtemp(join(tmpdir(), 'kroll-head-test-'))]);
});
afterAll(async () => {
  await Promise.all([box?.close(), rm(directory, { recursive: true, force: true })]);
});

function connect(): Promise<KrollFtp> {
  const { host, port, username, password } = box.info.ftp;
  return KrollFtp.connect({ host, port, username, password, tls: 'none' });
}

describe('fetchFileHead', () => {
  it('keeps the whole lines of the first bytes of a larger file, and the session stays usable', async () => {
    const ftp = await connect();
    try {
      const remote = await ftp.stat(PRODUCT_FILE_PATHS.catalog);
      const head = await fetchFileHead(ftp, remote, directory, 16 * 1024);
      const whole = await readFile(join(box.dataDir, PRODUCT_FILE_PATHS.catalog));
      const local = await readFile(head.localPath);
      expect(remote.size).toBeGreaterThan(16 * 1024);
      expect(head.complete).toBe(false);
      expect(head.bytes).toBe(local.length);
      expect(local.length).toBeLessThanOrEqual(16 * 1024);
      expect(local.equals(whole.subarray(0, local.length))).toBe(true);
      expect(local.subarray(-2).toString('latin1')).toBe('\r\n');
      // The cut transfer is behind a fresh session: the next commands get their own answers.
      expect(await ftp.stat(PRODUCT_FILE_PATHS.status)).toEqual({ path: PRODUCT_FILE_PATHS.status, size: (await readFile(join(box.dataDir, PRODUCT_FILE_PATHS.status))).length, modifiedAt: expect.any(Date) });
      const again = await fetchFileHead(ftp, remote, directory, 1024 * 1024);
      expect(again.complete).toBe(true);
      expect((await readFile(again.localPath)).equals(whole)).toBe(true);
    } finally {
      ftp.close();
    }
  });
});
