import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client, FTPError } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { download, withTempDir } from './helpers.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let box: Sandbox;

beforeAll(async () => {
  box = await startSandbox({ products: 300, seed: 5 });
});
afterAll(async () => {
  await box?.close();
});

async function connect(user = box.info.ftp.username, password = box.info.ftp.password): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: box.info.ftp.host, port: box.info.ftp.port, user, password });
  return client;
}

async function loginError(user: string, password: string): Promise<unknown> {
  const client = new Client(10_000);
  try {
    await client.access({ host: box.info.ftp.host, port: box.info.ftp.port, user, password });
    return null;
  } catch (error) {
    return error;
  } finally {
    client.close();
  }
}

describe('sandbox FTP server', () => {
  it('reports where it listens and who may log in', () => {
    const { ftp, source_config } = box.info;
    expect(ftp.host).toBe('127.0.0.1');
    expect(ftp.port).toBeGreaterThan(0);
    expect(ftp.username).toBe('104233');
    expect(ftp.password).toMatch(/^[0-9a-f]{32}$/);
    expect(ftp.tls).toBe('none');
    expect(ftp.ca_certificate).toBeUndefined();
    expect(source_config).toMatchObject({ ftp_host: ftp.host, ftp_port: ftp.port, ftp_username: '104233', ftp_password: ftp.password, ftp_tls: 'none' });
    expect(source_config).not.toHaveProperty('ftp_tls_ca_certificate');
  });

  it('lets the user in and serves the generated files byte for byte', async () => {
    const client = await connect();
    try {
      const listing = await client.list('/ProductData');
      const local = box.files;
      expect(local).not.toBeNull();
      if (!local) return;
      const sizes = Object.fromEntries(listing.map((f) => [f.name, f.size]));
      expect(sizes).toEqual({
        'Kroll_Complete_Catalog.txt': local.catalog.bytes,
        'KrollDealerInventoryExportRev2.txt': local.inventory.bytes,
        'Kroll_Stock_Disco_CLSO.txt': local.status.bytes,
      });
      expect(await client.size('/ProductData/Kroll_Complete_Catalog.txt')).toBe(local.catalog.bytes);
      const mtime = await client.lastMod('/ProductData/Kroll_Complete_Catalog.txt');
      expect(Math.abs(mtime.getTime() - (await stat(local.catalog.path)).mtimeMs)).toBeLessThan(1000);
      for (const file of [local.catalog, local.inventory, local.status]) {
        expect((await download(client, file.remotePath)).equals(await readFile(file.path))).toBe(true);
      }
      const image = local.images[0] as string;
      expect((await download(client, image)).equals(await readFile(join(box.dataDir, image)))).toBe(true);
      // Relative paths and cwd work as on any FTP server.
      await client.cd('ProductData');
      expect(await client.size('Kroll_Stock_Disco_CLSO.txt')).toBe(local.status.bytes);
    } finally {
      client.close();
    }
  });

  it('rejects a wrong password or user with 530', async () => {
    for (const [user, password] of [
      [box.info.ftp.username, 'not-the-password'],
      [box.info.ftp.username, box.info.ftp.password.toUpperCase()],
      ['104234', box.info.ftp.password],
      ['anonymous', 'guest@example.com'],
    ] as const) {
      const error = await loginError(user, password);
      expect(error, `${user}`).toBeInstanceOf(FTPError);
      expect((error as FTPError).code).toBe(530);
    }
  });

  it('is read-only', async () => {
    const client = await connect();
    try {
      await expect(client.uploadFrom(Readable.from(['x']), '/ProductData/new.txt')).rejects.toMatchObject({ code: 502 });
      await expect(client.remove('/ProductData/Kroll_Complete_Catalog.txt')).rejects.toMatchObject({ code: 502 });
      expect((await readdir(join(box.dataDir, 'ProductData'))).length).toBe(3);
    } finally {
      client.close();
    }
  });

  it('serves parallel clients', async () => {
    const clients = await Promise.all([connect(), connect(), connect()]);
    try {
      const sizes = await Promise.all(clients.map((c) => download(c, '/ProductData/Kroll_Stock_Disco_CLSO.txt').then((b) => b.length)));
      expect(sizes).toEqual([box.files?.status.bytes, box.files?.status.bytes, box.files?.status.bytes]);
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('removes the generated folder on close', async () => {
    const other = await startSandbox({ products: 10 });
    const dir = other.dataDir;
    expect((await stat(dir)).isDirectory()).toBe(true);
    await other.close();
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await other.close(); // idempotent
  });
});

describe('sandbox FTP server with ftpRoot', () => {
  it('serves the given folder as is, generates nothing and leaves it in place', async () => {
    await withTempDir(async (root) => {
      await mkdir(join(root, 'ProductData'));
      const content = Buffer.from('Sku\tStatus\r\nABCD-12345\tDisco\r\n', 'latin1');
      await writeFile(join(root, 'ProductData', 'Kroll_Stock_Disco_CLSO.txt'), content);
      await writeFile(join(root, 'readme.txt'), 'hello');
      const custom = await startSandbox({ ftpRoot: root, ftpPassword: 'secret-1', ftpUsername: 'dealer7' });
      try {
        expect(custom.dataDir).toBe(root);
        expect(custom.files).toBeNull();
        expect(custom.info.ftp).toMatchObject({ username: 'dealer7', password: 'secret-1' });
        const client = new Client(10_000);
        try {
          await client.access({ host: '127.0.0.1', port: custom.info.ftp.port, user: 'dealer7', password: 'secret-1' });
          expect((await client.list('/')).map((f) => f.name).sort()).toEqual(['ProductData', 'readme.txt']);
          expect((await client.list('/ProductData')).map((f) => f.name)).toEqual(['Kroll_Stock_Disco_CLSO.txt']);
          expect((await download(client, '/ProductData/Kroll_Stock_Disco_CLSO.txt')).equals(content)).toBe(true);
          await expect(client.size('/ProductData/Kroll_Complete_Catalog.txt')).rejects.toMatchObject({ code: 550 });
        } finally {
          client.close();
        }
      } finally {
        await custom.close();
      }
      expect((await readdir(root)).sort()).toEqual(['ProductData', 'readme.txt']);
    });
  });

  it('refuses a folder that does not exist', async () => {
    await expect(startSandbox({ ftpRoot: '/nonexistent/kroll-sandbox-root' })).rejects.toThrow(/not a folder/);
  });
});
