/**
 * Kroll's FTP server through basic-ftp: connect with the configured TLS mode, then look at and
 * download the product files. Every failure leaves here as a typed error (see errors.ts).
 */
import { Client, FTPError, type FileInfo } from 'basic-ftp';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { rootCertificates } from 'node:tls';
import { stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
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

/** The steps of opening a session, in order (told to `connect`'s onStep as each succeeds). */
export type SessionStep = Extract<FtpStep, 'connect' | 'tls' | 'login'>;

/** The head of a file was all that was wanted: ends the transfer (see downloadHead). */
class HeadReceived extends Error {}

export class KrollFtp {
  private client: Client;

  private constructor(private readonly settings: FtpSettings) {
    this.client = KrollFtp.newClient(settings);
  }

  private static newClient(settings: FtpSettings): Client {
    return new Client(settings.timeoutMs ?? 30_000);
  }

  /** `onStep` hears of each step of the session that succeeded (for diagnostics). */
  static async connect(settings: FtpSettings, onStep?: (step: SessionStep) => void): Promise<KrollFtp> {
    const ftp = new KrollFtp(settings);
    try {
      await ftp.open(onStep);
      return ftp;
    } catch (error) {
      ftp.close();
      throw error;
    }
  }

  get tlsMode(): FtpSettings['tls'] {
    return this.settings.tls;
  }

  /** The TLS version of the control connection ("TLSv1.3"), or null over plain FTP. */
  get tlsProtocol(): string | null {
    const socket = this.client.ftp.socket as Partial<TLSSocket>;
    return typeof socket.getProtocol === 'function' ? socket.getProtocol() : null;
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
  private async open(onStep: (step: SessionStep) => void = () => undefined): Promise<void> {
    const { host, port, tls } = this.settings;
    if (tls === 'implicit') {
      await this.step('tls', () => this.client.connectImplicitTLS(host, port, this.tlsOptions()));
      onStep('connect');
      onStep('tls');
    } else {
      await this.step('connect', () => this.client.connect(host, port));
      onStep('connect');
      if (tls === 'explicit') {
        await this.step('tls', () => this.client.useTLS(this.tlsOptions()));
        onStep('tls');
      }
    }
    await this.step('login', async () => {
      await this.client.sendIgnoringError('OPTS UTF8 ON');
      await this.client.login(this.settings.username, this.settings.password);
    });
    await this.step('connect', () => this.client.useDefaultSettings());
    onStep('login');
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

  /**
   * The first `maxBytes` bytes of a file (all of it when it is smaller), without downloading the
   * rest. FTP has no clean way to stop a transfer half-way (ABOR is not offered by every server,
   * nor by basic-ftp), and the server's late reply to a cut transfer would be taken as the answer
   * to the next command: so a cut transfer is followed by a fresh session, opened here.
   */
  async downloadHead(path: string, maxBytes: number): Promise<{ data: Buffer; complete: boolean }> {
    const chunks: Buffer[] = [];
    let received = 0;
    const collector = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const part = chunk.subarray(0, maxBytes - received);
        chunks.push(part);
        received += part.length;
        callback(received >= maxBytes ? new HeadReceived() : null);
      },
    });
    const complete = await this.step(
      'transfer',
      async () => {
        try {
          await this.client.downloadTo(collector, path);
          return true;
        } catch (error) {
          if (error instanceof HeadReceived) return false;
          throw error;
        }
      },
      path,
    );
    if (!complete) {
      this.client.close();
      this.client = KrollFtp.newClient(this.settings);
      await this.open();
    }
    return { data: Buffer.concat(chunks), complete };
  }

  close(): void {
    this.client.close();
  }
}

function isIp(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}
