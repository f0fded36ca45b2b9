import { readFile, stat } from 'node:fs/promises';
import { Client } from 'basic-ftp';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { download } from './helpers.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let box: Sandbox | undefined;

afterEach(async () => {
  await box?.close();
  box = undefined;
});

async function connect(b: Sandbox): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: b.info.ftp.host, port: b.info.ftp.port, user: b.info.ftp.username, password: b.info.ftp.password });
  return client;
}

interface Seen {
  size: number;
  listed: number;
  mtime: number;
}

async function look(client: Client, path: string): Promise<Seen> {
  const name = path.split('/').pop();
  const listed = (await client.list('/ProductData')).find((f) => f.name === name)?.size ?? -1;
  return { size: await client.size(path), listed, mtime: (await client.lastMod(path)).getTime() };
}

describe('uploadingReads fault', () => {
  it('shows each product file growing for its first N downloads, then whole and stable', async () => {
    const N = 2;
    const startedAt = Date.now();
    box = await startSandbox({ products: 400, uploadingReads: N });
    const files = box.files;
    if (!files) throw new Error('no files');
    const client = await connect(box);
    try {
      const path = files.catalog.remotePath;
      const full = await readFile(files.catalog.path);
      const seen: Seen[] = [];
      for (let k = 0; k < N; k++) {
        const before = await look(client, path);
        seen.push(before);
        expect(before.size).toBe(Math.floor((full.length * (k + 1)) / (N + 1)));
        expect(before.listed).toBe(before.size);
        const got = await download(client, path);
        expect(got.length).toBe(before.size);
        expect(got.equals(full.subarray(0, before.size))).toBe(true);
      }
      // The upload has completed: the whole file, and the same size and time from now on.
      const done = await look(client, path);
      expect(done.size).toBe(full.length);
      expect(done.listed).toBe(full.length);
      expect((await download(client, path)).equals(full)).toBe(true);
      expect(await look(client, path)).toEqual(done);
      expect((await download(client, path)).equals(full)).toBe(true);
      expect(await look(client, path)).toEqual(done);
      // Sizes grew and times moved forward at every step; the times are fresh.
      const steps = [...seen, done];
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]!.size).toBeGreaterThan(steps[i - 1]!.size);
        expect(steps[i]!.mtime).toBeGreaterThan(steps[i - 1]!.mtime);
      }
      expect(seen[0]!.mtime).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000);
      // The file on disk carries the completion time, as after a real upload.
      expect(Math.floor((await stat(files.catalog.path)).mtimeMs)).toBe(done.mtime);
    } finally {
      client.close();
    }
  });

  it('counts downloads per file, across connections; other files are not affected', async () => {
    box = await startSandbox({ products: 300, uploadingReads: 1 });
    const files = box.files;
    if (!files) throw new Error('no files');
    const a = await connect(box);
    const b = await connect(box);
    try {
      const inv = await readFile(files.inventory.path);
      const st = await readFile(files.status.path);
      // One download of the inventory file (a prefix) completes its upload, for every client.
      expect(await a.size(files.inventory.remotePath)).toBe(Math.floor(inv.length / 2));
      expect((await download(a, files.inventory.remotePath)).length).toBe(Math.floor(inv.length / 2));
      expect(await b.size(files.inventory.remotePath)).toBe(inv.length);
      expect((await download(b, files.inventory.remotePath)).equals(inv)).toBe(true);
      // The status file is still mid-upload: its own count.
      expect(await b.size(files.status.remotePath)).toBe(Math.floor(st.length / 2));
      expect((await download(b, files.status.remotePath)).equals(st.subarray(0, Math.floor(st.length / 2)))).toBe(true);
      expect((await download(a, files.status.remotePath)).equals(st)).toBe(true);
      // Images are never mid-upload.
      const image = files.images[0] as string;
      expect((await download(a, image)).length).toBe((await stat(`${box.dataDir}${image}`)).size);
    } finally {
      a.close();
      b.close();
    }
  });

  it('is off by default', async () => {
    box = await startSandbox({ products: 50 });
    const files = box.files;
    if (!files) throw new Error('no files');
    const client = await connect(box);
    try {
      expect(await client.size(files.catalog.remotePath)).toBe(files.catalog.bytes);
      expect((await download(client, files.catalog.remotePath)).length).toBe(files.catalog.bytes);
    } finally {
      client.close();
    }
  });
});
