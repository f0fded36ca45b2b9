/**
 * Kroll's FTP server through basic-ftp: connect with the configured TLS mode, then look at and
 * download the product files. Every failure leaves here as a typed error (see errors.ts).
 */
import { Client, FTPError, type FileInfo } from 'basic-ftp';
import type { ConnectionOptions } from 'node:tls';
import { rootCertificates } from 'node:tls';
import { stat } from 'node:fs/promises';
import { classifyFtpError, type FtpStep } from './errors.js';

export interface FtpSettings {
  host: string;
  port: number;
  username: string;
  password: string;
  tls: 'none' | 'explicit' | 'implicit';
  /** PEM to trust besides the public CAs (a self-signed Kroll or sandbox certificate). */
  caCertificate?: string | undefined;
  timeoutMs?: number;
}

export interface RemoteFile {
  path: string;
  size: number;
  modifiedAt: Date;
}

export class KrollFtp {
  private constructor(
    private readonly client: Client,
    private readonly settings: FtpSettings,
  ) {}

  static async connect(settings: FtpSettings): Promise<KrollFtp> {
    const client = new Client(settings.timeoutMs ?? 30_000);
    const ftp = new KrollFtp(client, settings);
    try {
      await ftp.open();
      return ftp;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  get tlsMode(): FtpSettings['tls'] {
    return this.settings.tls;
  }

  private tlsOptions(): ConnectionOptions {
    const options: ConnectionOptions = { host: this.settings.host, servername: isIp(this.settings.host) ? undefined : this.settings.host };
    if (this.settings.caCertificate?.trim()) options.ca = [...rootCertificates, this.settings.caCertificate];
    return options;
  }

  private async step<T>(step: FtpStep, action: () => Promise<T>, path?: string): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw classifyFtpError(error, step, { host: this.settings.host, port: this.settings.port, ...(path ? { path } : {}) });
    }
  }

  // The steps of basic-ftp's access(), one by one, so that each failure is told apart.
  private async open(): Promise<void> {
    const { host, port, tls } = this.settings;
    if (tls === 'implicit') {
      await this.step('tls', () => this.client.connectImplicitTLS(host, port, this.tlsOptions()));
    } else {
      await this.step('connect', () => this.client.connect(host, port));
      if (tls === 'explicit') await this.step('tls', () => this.client.useTLS(this.tlsOptions()));
    }
    await this.step('login', async () => {
      await this.client.sendIgnoringError('OPTS UTF8 ON');
      await this.client.login(this.settings.username, this.settings.password);
    });
    await this.step('connect', () => this.client.useDefaultSettings());
  }

  /** Size and modification time of a file; a missing file is an FtpFileNotFoundError. */
  async stat(path: string): Promise<RemoteFile> {
    return this.step(
      'file',
      async () => ({ path, size: await this.size(path), modifiedAt: await this.client.lastMod(path) }),
      path,
    );
  }

  // Some servers refuse SIZE or answer it without a number (ftp-srv does for an empty file); the
  // listing has the size too.
  private async size(path: string): Promise<number> {
    try {
      return await this.client.size(path);
    } catch (error) {
      if (error instanceof FTPError && error.code === 550) throw error;
      const entry = (await this.client.list(path)).find((file) => file.isFile);
      if (entry === undefined) throw error;
      return entry.size;
    }
  }

  async list(directory: string): Promise<FileInfo[]> {
    return this.step('list', () => this.client.list(directory), directory);
  }

  /** Downloads a file to a local path; resolves with the number of bytes received. */
  async downloadToFile(path: string, localPath: string): Promise<number> {
    return this.step(
      'transfer',
      async () => {
        await this.client.downloadTo(localPath, path);
        return (await stat(localPath)).size;
      },
      path,
    );
  }

  close(): void {
    this.client.close();
  }
}

function isIp(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}
