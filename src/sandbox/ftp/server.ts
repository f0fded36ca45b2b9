/**
 * The sandbox's FTP server: ftp-srv serving one folder, read-only, to one user; passive mode
 * with OS-chosen data ports (parallel test workers never collide); explicit FTPS (AUTH TLS)
 * when given a certificate, and then TLS is required before login.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { utimes } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FtpSrv, type FtpConnection } from 'ftp-srv';
import { installRaceFreeAuthTls } from './auth-tls.js';
import type { TlsMaterial } from './certificate.js';
import { silentLogger } from './logger.js';
import { DropSimulation, GrowingSimulation, SandboxFileSystem, UploadSimulation } from './uploading-fs.js';

export interface FtpServerOptions {
  host: string;
  /** 0 = a free port. */
  port: number;
  /** Folder served as "/". */
  root: string;
  username: string;
  password: string;
  /** Explicit FTPS with this key and certificate; TLS is then required before login. */
  tls?: TlsMaterial | null;
  /** See UploadSimulation. */
  uploadingReads?: number;
  /** FTP paths the uploading and dropping faults apply to. */
  uploadingPaths?: readonly string[];
  /** See DropSimulation. */
  dropReads?: number;
  /** See GrowingSimulation: seconds the watched files are still being written; 0 = off. */
  growingSeconds?: number;
}

export interface RunningFtpServer {
  host: string;
  port: number;
  upload: UploadSimulation;
  close(): Promise<void>;
}

/** Commands that would change the served folder: Kroll's server is read-only for dealers. */
const WRITE_COMMANDS = ['STOR', 'APPE', 'STOU', 'DELE', 'RMD', 'MKD', 'RNFR', 'RNTO', 'SITE'];
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

/** The IPv4 address passive replies name (local clients always get their own address). */
async function passiveAddress(host: string): Promise<string> {
  if (isIPv4(host) && host !== '0.0.0.0') return host;
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }
  return (await lookup(host, { family: 4 })).address;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export async function startFtpServer(options: FtpServerOptions): Promise<RunningFtpServer> {
  installRaceFreeAuthTls();
  const root = resolvePath(options.root);
  const upload = new UploadSimulation(options.uploadingReads ?? 0, options.uploadingPaths ?? []);
  const drops = new DropSimulation(options.dropReads ?? 0, options.uploadingPaths ?? []);
  const growing = new GrowingSimulation(options.growingSeconds ?? 0, options.uploadingPaths ?? []);
  if (growing.seconds > 0) {
    // Once written, a file is as new as the end of its upload (shown only from then on).
    for (const path of options.uploadingPaths ?? []) await utimes(join(root, path), growing.endsAt, growing.endsAt).catch(() => undefined);
  }
  const tls = options.tls ?? null;
  const expectedUser = digest(options.username);
  const expectedPassword = digest(options.password);

  // ftp-srv installs process signal handlers that exit the process; the sandbox owns those.
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const server = new FtpSrv({
    url: `ftp://${options.host}:${options.port}`,
    pasv_url: await passiveAddress(options.host),
    // 0..0: every passive data connection listens on a port the OS picks.
    pasv_min: 0,
    pasv_max: 0,
    tls: tls ? { key: tls.key, cert: tls.cert } : false,
    anonymous: false,
    greeting: ['Kroll sandbox FTP server'],
    blacklist: WRITE_COMMANDS,
    log: silentLogger,
  });
  for (const s of SIGNALS) {
    for (const listener of process.listeners(s)) {
      if (!before.get(s)?.has(listener)) process.removeListener(s, listener as (...args: unknown[]) => void);
    }
  }

  server.on('login', ({ connection, username, password }, resolve, reject) => {
    const okUser = timingSafeEqual(digest(username ?? ''), expectedUser);
    const okPassword = timingSafeEqual(digest(password ?? ''), expectedPassword);
    if (tls && !connection.secure) {
      reject(new Error('TLS required: send AUTH TLS before logging in'));
      return;
    }
    if (!okUser || !okPassword) {
      reject(new Error('Login incorrect'));
      return;
    }
    resolve({ fs: new SandboxFileSystem(connection as FtpConnection, { root, cwd: '/' }, upload, drops, growing) });
  });
  // Clients that drop connections are normal; ftp-srv reports them as events, never throws.
  server.on('client-error', () => undefined);

  await server.listen();
  const inner = (server as unknown as { server: { address(): AddressInfo | string | null } }).server;
  const address = inner.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  let closing: Promise<void> | null = null;
  return {
    host: options.host,
    port,
    upload,
    close: () => {
      closing ??= Promise.resolve(server.close()).then(() => undefined);
      return closing;
    },
  };
}
