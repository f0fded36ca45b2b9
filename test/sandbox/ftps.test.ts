import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { Client, FTPError } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { download } from './helpers.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let box: Sandbox;

beforeAll(async () => {
  box = await startSandbox({ products: 200, ftps: true });
});
afterAll(async () => {
  await box?.close();
});

function access(client: Client, secureOptions: Record<string, unknown> | null): Promise<unknown> {
  const { host, port, username, password } = box.info.ftp;
  return client.access({ host, port, user: username, password, secure: secureOptions !== null, ...(secureOptions ? { secureOptions } : {}) });
}

describe('sandbox FTP server with explicit FTPS', () => {
  it('reports a self-signed certificate for 127.0.0.1 and localhost', () => {
    const { ftp, source_config } = box.info;
    expect(ftp.tls).toBe('explicit');
    expect(ftp.ca_certificate).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n[\s\S]+-----END CERTIFICATE-----\s*$/);
    expect(source_config.ftp_tls).toBe('explicit');
    expect(source_config.ftp_tls_ca_certificate).toBe(ftp.ca_certificate);
    const cert = new X509Certificate(ftp.ca_certificate as string);
    expect(cert.subject).toContain('CN=127.0.0.1');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('works through basic-ftp with the reported CA, TLS on control and data connections', async () => {
    for (let round = 0; round < 3; round++) {
      const client = new Client(10_000);
      try {
        await access(client, { ca: box.info.ftp.ca_certificate });
        const socket = client.ftp.socket;
        expect(socket).toBeInstanceOf(TLSSocket);
        expect((socket as TLSSocket).authorized).toBe(true);
        const names = (await client.list('/ProductData')).map((f) => f.name).sort();
        expect(names).toEqual(['KrollDealerInventoryExportRev2.txt', 'Kroll_Complete_Catalog.txt', 'Kroll_Stock_Disco_CLSO.txt']);
        const files = box.files;
        if (!files) throw new Error('no files');
        const chunks: Buffer[] = [];
        let dataOverTls: boolean | undefined;
        await client.downloadTo(
          new Writable({
            write(chunk: Buffer, _enc, cb) {
              dataOverTls ??= client.ftp.dataSocket instanceof TLSSocket && (client.ftp.dataSocket as TLSSocket).encrypted;
              chunks.push(chunk);
              cb();
            },
          }),
          files.inventory.remotePath,
        );
        expect(dataOverTls).toBe(true);
        expect(Buffer.concat(chunks).equals(await readFile(files.inventory.path))).toBe(true);
      } finally {
        client.close();
      }
    }
  });

  it('works by the name localhost too', async () => {
    const client = new Client(10_000);
    try {
      await client.access({
        host: 'localhost',
        port: box.info.ftp.port,
        user: box.info.ftp.username,
        password: box.info.ftp.password,
        secure: true,
        secureOptions: { ca: box.info.ftp.ca_certificate },
      });
      expect(await client.size('/ProductData/Kroll_Stock_Disco_CLSO.txt')).toBe(box.files?.status.bytes);
    } finally {
      client.close();
    }
  });

  it('fails certificate verification without the CA', async () => {
    const client = new Client(10_000);
    try {
      await expect(access(client, {})).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      client.close();
    }
  });

  it('requires TLS before login', async () => {
    const client = new Client(10_000);
    try {
      const error = await access(client, null).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(FTPError);
      expect((error as FTPError).code).toBe(530);
      expect((error as FTPError).message).toMatch(/TLS required/);
    } finally {
      client.close();
    }
  });

  it('still rejects a wrong password over TLS', async () => {
    const client = new Client(10_000);
    try {
      const { host, port, username } = box.info.ftp;
      const error = await client
        .access({ host, port, user: username, password: 'wrong', secure: true, secureOptions: { ca: box.info.ftp.ca_certificate } })
        .then(() => null, (e: unknown) => e);
      expect((error as FTPError).code).toBe(530);
    } finally {
      client.close();
    }
  });
});
