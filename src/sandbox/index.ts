/**
 * kroll-sandbox: a local, deterministic stand-in for Kroll. This module starts its FTP side
 * (generated product files served over FTP or explicit FTPS) and reserves the port of its dealer
 * API, and reports a ready-to-use connector config.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCertificate } from './ftp/certificate.js';
import { startFtpServer } from './ftp/server.js';
import { PRODUCT_FILE_PATHS, writeProductFiles, type ProductFilesInfo } from './products/index.js';

export interface SandboxOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 (default) = a free port. */
  ftpPort?: number;
  /** 0 (default) = a free port. */
  apiPort?: number;
  /** Products to generate; default 5,000. */
  products?: number;
  /** Default 1. */
  seed?: number;
  /** Serve this folder as is instead of generating files. */
  ftpRoot?: string;
  /** Explicit FTPS with a fresh self-signed certificate (TLS required before login). */
  ftps?: boolean;
  /** The first N downloads of each product file see it mid-upload; default 0 (off). */
  uploadingReads?: number;
  /** The first N downloads of each product file are cut off half-way by the server; default 0 (off). */
  ftpDropReads?: number;
  /** Default "104233". */
  ftpUsername?: string;
  /** Default: a fresh random 32-hex string. */
  ftpPassword?: string;
  /** Progress messages (never secrets), e.g. for stderr. */
  onProgress?: (message: string) => void;
  /** Aborts a start that is still generating files (the partial files are removed). */
  signal?: AbortSignal;
}

export interface SandboxInfo {
  source_config: Record<string, unknown>;
  destination_config: Record<string, unknown>;
  ftp: { host: string; port: number; username: string; password: string; tls: 'none' | 'explicit'; ca_certificate?: string };
  api: { url: string };
}

export interface RunningSandbox {
  info: SandboxInfo;
  /** The folder served over FTP (generated, or `ftpRoot`). */
  dataDir: string;
  /** What was generated; null with `ftpRoot`. */
  files: ProductFilesInfo | null;
  close(): Promise<void>;
}

export const DEFAULT_PRODUCTS = 5000;
export const DEFAULT_SEED = 1;
export const DEFAULT_FTP_USERNAME = '104233';
export const DEFAULT_API_USERNAME = 'buyer@example.com';
export const API_PATH = '/EBusiness/Kroll.Dealer.EBusiness.svc/Basic';
const CLOSE_STEP_TIMEOUT_MS = 3000;

const randomHex32 = (): string => randomBytes(16).toString('hex');

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** "YYYY-MM-DD", `days` before now (UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The dealer API's port, held by a placeholder HTTP server until the SOAP service exists: it
 * answers every request with 501 and a short text.
 */
async function startApiPlaceholder(host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The kroll-sandbox dealer API (SOAP) is not available in this version.\n');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolveListen();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const products = options.products ?? DEFAULT_PRODUCTS;
  const seed = options.seed ?? DEFAULT_SEED;
  const username = options.ftpUsername ?? DEFAULT_FTP_USERNAME;
  const password = options.ftpPassword ?? randomHex32();
  const apiPassword = randomHex32();
  const progress = options.onProgress ?? (() => undefined);

  // Closers run newest first; one that hangs (a client stuck mid-handshake) is given up on after
  // a few seconds, so the generated folder is always removed.
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async (): Promise<void> => {
    for (const fn of cleanups.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, CLOSE_STEP_TIMEOUT_MS)));
      await Promise.race([fn().catch(() => undefined), timeout]);
      clearTimeout(timer);
    }
  };

  try {
    let dataDir: string;
    let files: ProductFilesInfo | null = null;
    if (options.ftpRoot !== undefined) {
      dataDir = resolve(options.ftpRoot);
      const st = await stat(dataDir).catch(() => null);
      if (!st?.isDirectory()) throw new Error(`ftp root ${dataDir} is not a folder`);
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'kroll-sandbox-'));
      const generated = dataDir;
      cleanups.push(() => rm(generated, { recursive: true, force: true }));
      progress(`generating ${products.toLocaleString('en-US')} products (seed ${seed}) in ${dataDir}…`);
      const started = Date.now();
      files = await writeProductFiles(dataDir, { seed, products, onProgress: progress, signal: options.signal });
      progress(`generated the product files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    options.signal?.throwIfAborted();
    const tls = options.ftps ? await generateCertificate(host) : null;
    const ftp = await startFtpServer({
      host,
      port: options.ftpPort ?? 0,
      root: dataDir,
      username,
      password,
      tls,
      uploadingReads: options.uploadingReads ?? 0,
      dropReads: options.ftpDropReads ?? 0,
      uploadingPaths: Object.values(PRODUCT_FILE_PATHS),
    });
    cleanups.push(() => ftp.close());

    const api = await startApiPlaceholder(host, options.apiPort ?? 0);
    cleanups.push(() => new Promise<void>((r) => {
      api.server.close(() => r());
      api.server.closeAllConnections();
    }));
    const apiUrl = `http://${urlHost(host)}:${api.port}${API_PATH}`;

    const source_config: Record<string, unknown> = {
      ftp_host: host,
      ftp_port: ftp.port,
      ftp_username: username,
      ftp_password: password,
      ftp_tls: tls ? 'explicit' : 'none',
      ...(tls ? { ftp_tls_ca_certificate: tls.cert } : {}),
      account_number: username,
      api_username: DEFAULT_API_USERNAME,
      api_password: apiPassword,
      api_base_url: apiUrl,
      start_date: daysAgo(90),
    };
    const destination_config: Record<string, unknown> = {
      account_number: username,
      api_username: DEFAULT_API_USERNAME,
      api_password: apiPassword,
      api_base_url: apiUrl,
    };
    const info: SandboxInfo = {
      source_config,
      destination_config,
      ftp: {
        host,
        port: ftp.port,
        username,
        password,
        tls: tls ? 'explicit' : 'none',
        ...(tls ? { ca_certificate: tls.cert } : {}),
      },
      api: { url: apiUrl },
    };

    let closing: Promise<void> | null = null;
    return {
      info,
      dataDir,
      files,
      close: () => (closing ??= cleanup()),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export { productAt, sandboxProducts, writeProductFiles, MAKERS, PRODUCT_FILE_PATHS } from './products/index.js';
export type { SandboxProduct, SandboxInventory, SandboxStatus, ProductFilesInfo } from './products/index.js';
