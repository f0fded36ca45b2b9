/**
 * kroll-sandbox: a local, deterministic stand-in for Kroll. This module starts its FTP side
 * (generated product files served over FTP or explicit FTPS) and its dealer API (a SOAP service
 * with generated orders, shipments and invoices), and reports a ready-to-use connector config.
 *
 * The API's data covers the `historyDays` (90) before the sandbox's "now": by default the moment
 * it starts; tests pin it with `now` so that dates (daylight-saving changes, say) are where they
 * expect them. Orders placed through SubmitPurchaseOrder are dated by a clock that starts at "now".
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, utimes } from 'node:fs/promises';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { operationByName } from '../kroll/soap/contract.js';
import { makeTempFolder } from '../protocol/temp-folders.js';
import { NO_FAULTS, startApiServer, type ApiRequestRecord } from './api/server.js';
import { generateCertificate } from './ftp/certificate.js';
import { startFtpServer } from './ftp/server.js';
import { DEFAULT_HISTORY_DAYS, DEFAULT_ORDERS, OrderBook, type PlacedOrder } from './orders/book.js';
import { PRODUCT_FILE_PATHS, writeProductFiles, type LayoutDrift, type ProductFilesInfo } from './products/index.js';

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
  /**
   * The product files are caught mid-upload: half written at the start, they grow to whole over
   * this many seconds (see GrowingSimulation); default 0 (off).
   */
  ftpGrowingSeconds?: number;
  /** The generated product files were last modified this many hours before the start; default 0. */
  ftpFileAgeHours?: number;
  /** The generated product files in another layout: renamed, reordered and extra columns (see drift.ts). */
  layout?: LayoutDrift;
  /** Default "104233". */
  ftpUsername?: string;
  /** Default: a fresh random 32-hex string. */
  ftpPassword?: string;
  /** Orders in the dealer API's history; default 300 (0 without products). */
  orders?: number;
  /** The sandbox's "now": the API's history ends here. Default: when it starts. */
  now?: Date;
  /** Default "buyer@example.com". */
  apiUsername?: string;
  /** Default: a fresh random 32-hex string. */
  apiPassword?: string;
  /** Added before every API answer, ms; default 0. */
  apiLatencyMs?: number;
  /** Share (0..1) of API requests answered with a SOAP fault (HTTP 500); default 0. */
  apiFaultRate?: number;
  /** Share (0..1) of API requests answered with HTTP 503 and Retry-After; default 0. */
  apiThrottleRate?: number;
  /** Share (0..1) of API requests answered with an empty HTTP 200 body, after the operation ran; default 0. */
  apiEmptyRate?: number;
  /** Retry-After of a throttled answer, seconds; default 1. */
  apiRetryAfterSeconds?: number;
  /** Operations the dealer API does not offer: left out of its description, answered ActionNotSupported. */
  apiWithoutOperations?: string[];
  /**
   * A file that gets every API request (as `requests()` has it: never its credentials) as one JSON
   * line once it is answered: what a connector sent, however many requests (`requests()` keeps the
   * last 10,000), for a person or a benchmark in another process.
   */
  apiRequestLog?: string;
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

/** The dealer API's side, for tests: the generator's truth and what the service received. */
export interface SandboxApi {
  url: string;
  /** The sandbox's "now" (whole seconds). */
  now: Date;
  /** Generated orders, shipments and invoices (the generator's truth), and placed orders. */
  book: OrderBook;
  /** Orders placed through SubmitPurchaseOrder, oldest first, each request as the service read it. */
  placedOrders(): PlacedOrder[];
  /** The most recent requests (up to 10,000), oldest first, as the service read them. */
  requests(): ApiRequestRecord[];
}

export interface RunningSandbox {
  info: SandboxInfo;
  api: SandboxApi;
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

/** "YYYY-MM-DD", `days` before an instant (UTC). */
function daysBefore(ms: number, days: number): string {
  return new Date(ms - days * 86_400_000).toISOString().slice(0, 10);
}

function rate(name: string, value: number | undefined): number {
  const r = value ?? 0;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${String(value)}`);
  return r;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const products = options.products ?? DEFAULT_PRODUCTS;
  const seed = options.seed ?? DEFAULT_SEED;
  const username = options.ftpUsername ?? DEFAULT_FTP_USERNAME;
  const password = options.ftpPassword ?? randomHex32();
  const apiUsername = options.apiUsername ?? DEFAULT_API_USERNAME;
  const apiPassword = options.apiPassword ?? randomHex32();
  const nowMs = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  if (Number.isNaN(nowMs)) throw new RangeError('now must be a valid date');
  const faults = {
    latencyMs: options.apiLatencyMs ?? NO_FAULTS.latencyMs,
    faultRate: rate('apiFaultRate', options.apiFaultRate),
    throttleRate: rate('apiThrottleRate', options.apiThrottleRate),
    emptyRate: rate('apiEmptyRate', options.apiEmptyRate),
    retryAfterSeconds: options.apiRetryAfterSeconds ?? NO_FAULTS.retryAfterSeconds,
  };
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

  for (const name of options.apiWithoutOperations ?? []) {
    if (!operationByName(name)) throw new RangeError(`apiWithoutOperations: no operation ${name} in the contract`);
  }
  const fileAgeHours = options.ftpFileAgeHours ?? 0;
  if (!(fileAgeHours >= 0)) throw new RangeError(`ftpFileAgeHours must be 0 or more, got ${String(options.ftpFileAgeHours)}`);
  if (!((options.ftpGrowingSeconds ?? 0) >= 0)) throw new RangeError(`ftpGrowingSeconds must be 0 or more, got ${String(options.ftpGrowingSeconds)}`);
  if (options.ftpRoot !== undefined && (fileAgeHours > 0 || options.layout !== undefined)) {
    throw new RangeError('ftpFileAgeHours and layout apply to generated files; with ftpRoot, the files are served as they are');
  }

  try {
    let dataDir: string;
    let files: ProductFilesInfo | null = null;
    if (options.ftpRoot !== undefined) {
      dataDir = resolve(options.ftpRoot);
      const st = await stat(dataDir).catch(() => null);
      if (!st?.isDirectory()) throw new Error(`ftp root ${dataDir} is not a folder`);
    } else {
      const generated = await makeTempFolder('kroll-sandbox-');
      dataDir = generated.path;
      cleanups.push(generated.remove);
      progress(`generating ${products.toLocaleString('en-US')} products (seed ${seed}) in ${dataDir}…`);
      const started = Date.now();
      files = await writeProductFiles(dataDir, { seed, products, layout: options.layout, onProgress: progress, signal: options.signal });
      progress(`generated the product files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (fileAgeHours > 0) {
        const modified = new Date(Math.floor((Date.now() - fileAgeHours * 3_600_000) / 1000) * 1000);
        for (const file of [files.catalog, files.inventory, files.status]) await utimes(file.path, modified, modified);
      }
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
      growingSeconds: options.ftpGrowingSeconds ?? 0,
      uploadingPaths: Object.values(PRODUCT_FILE_PATHS),
    });
    cleanups.push(() => ftp.close());

    const orders = products > 0 ? (options.orders ?? DEFAULT_ORDERS) : 0;
    const started = Date.now();
    const book = new OrderBook({ seed, products, orders, nowMs, days: DEFAULT_HISTORY_DAYS });
    if (orders >= 10_000) progress(`generated ${orders.toLocaleString('en-US')} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let onAnswered: ((record: ApiRequestRecord) => void) | undefined;
    if (options.apiRequestLog !== undefined) {
      const log = createWriteStream(options.apiRequestLog);
      await once(log, 'open');
      log.on('error', (error) => progress(`the API request log ${options.apiRequestLog} failed: ${error.message}`));
      cleanups.push(() => new Promise((resolve) => log.end(resolve)));
      // Requests cut off by the shutdown are answered after the log has ended: they are not logged.
      onAnswered = (record) => void (log.writableEnded || log.write(`${JSON.stringify(record)}\n`));
    }
    const api = await startApiServer({
      host,
      port: options.apiPort ?? 0,
      path: API_PATH,
      seed,
      products,
      book,
      nowMs,
      account: { dealerAccountNumber: username, userId: apiUsername, password: apiPassword },
      faults,
      without: options.apiWithoutOperations ?? [],
      onAnswered,
    });
    cleanups.push(() => api.close());
    const apiUrl = `http://${urlHost(host)}:${api.port}${API_PATH}`;

    const source_config: Record<string, unknown> = {
      ftp_host: host,
      ftp_port: ftp.port,
      ftp_username: username,
      ftp_password: password,
      ftp_tls: tls ? 'explicit' : 'none',
      ...(tls ? { ftp_tls_ca_certificate: tls.cert } : {}),
      account_number: username,
      api_username: apiUsername,
      api_password: apiPassword,
      api_base_url: apiUrl,
      start_date: daysBefore(nowMs, DEFAULT_HISTORY_DAYS),
    };
    // A complete config for destination-kroll: the rest are its spec's defaults.
    const destination_config: Record<string, unknown> = {
      account_number: username,
      api_username: apiUsername,
      api_password: apiPassword,
      api_base_url: apiUrl,
      payment_terms: 'AccountTerms',
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
      api: {
        url: apiUrl,
        now: new Date(nowMs),
        book,
        placedOrders: () => book.placed(),
        requests: () => api.requests(),
      },
      dataDir,
      files,
      close: () => (closing ??= cleanup()),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export { productAt, sandboxProducts, writeProductFiles, extraColumnValue, MAKERS, PRODUCT_FILE_PATHS, type LayoutDrift, type ProductFileKey } from './products/index.js';
export type { SandboxProduct, SandboxInventory, SandboxStatus, ProductFilesInfo } from './products/index.js';
export { OrderBook, DEFAULT_ORDERS, DEFAULT_HISTORY_DAYS, type PlacedOrder, type PlacedOrderRequest } from './orders/book.js';
export { orderHistoryAt } from './orders/generate.js';
export type { SandboxOrderHistory, SandboxPurchaseOrder, SandboxOrderLine, SandboxShipment, SandboxInvoice, SandboxInvoiceLine, OrderWindow } from './orders/generate.js';
export { availabilityOf } from './api/operations.js';
export type { ApiRequestRecord, ApiFaults } from './api/server.js';
