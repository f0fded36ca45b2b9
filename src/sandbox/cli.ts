/**
 * `kroll-sandbox`: starts the sandbox, prints exactly one JSON line on stdout when it is ready
 * (the connector config and connection details, secrets included: that line is meant for the
 * caller), then serves until SIGINT or SIGTERM. Progress goes to stderr; nothing else to stdout.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ORDERS, DEFAULT_PRODUCTS, DEFAULT_SEED, startSandbox, type SandboxOptions } from './index.js';
import { OPERATIONS, operationByName } from '../kroll/soap/contract.js';
import { LAYOUT_COLUMNS, MAX_PRODUCTS, type LayoutDrift, type ProductFileKey } from './products/index.js';

export const USAGE = `Usage: kroll-sandbox [--host 127.0.0.1] [--ftp-port N] [--api-port N] [--products N] [--seed N]
                     [--ftp-root DIR] [--ftps] [--ftp-uploading-reads N] [--ftp-drop-reads N]
                     [--ftp-growing-seconds S] [--ftp-file-age-hours H] [--ftp-rename-column FILE:OLD=NEW]...
                     [--ftp-reorder-columns] [--ftp-extra-column FILE:NAME]...
                     [--orders N] [--now ISO-DATE] [--api-latency-ms N] [--api-fault-rate R]
                     [--api-throttle-rate R] [--api-empty-rate R] [--api-retry-after S]
                     [--api-without OPERATION]... [--api-request-log FILE]

Starts a local stand-in for Kroll: an FTP server with generated product files (or the folder
given by --ftp-root) and the dealer API, a SOAP service with generated orders, shipments and
invoices. When ready, prints one JSON line on stdout:
  {"source_config": {...}, "destination_config": {...}, "ftp": {...}, "api": {"url": ...}}
then serves until SIGINT or SIGTERM.

  --host ADDRESS             address to listen on (default 127.0.0.1)
  --ftp-port N               FTP control port (default 0: a free port)
  --api-port N               dealer API port (default 0: a free port)
  --products N               products to generate, 0..${MAX_PRODUCTS} (default ${DEFAULT_PRODUCTS})
  --seed N                   generator seed, an integer (default ${DEFAULT_SEED})
  --ftp-root DIR             serve DIR as is instead of generated files
  --ftps                     explicit FTPS (AUTH TLS) with a fresh self-signed certificate
  --ftp-uploading-reads N    the first N downloads of each product file see it mid-upload (default 0)
  --ftp-drop-reads N         the first N downloads of each product file are cut off half-way (default 0)
  --ftp-growing-seconds S    the product files are caught mid-upload: half written at the start, they
                             grow to whole over S seconds, as diagnose's two looks see it (default 0)
  --ftp-file-age-hours H     the product files were last modified H hours before the start (default 0)
  --ftp-rename-column FILE:OLD=NEW
                             a drifted layout: the column OLD of FILE (catalog, inventory or status)
                             is named NEW in its header; repeatable
  --ftp-reorder-columns      a drifted layout: every product file's columns in reverse order
  --ftp-extra-column FILE:NAME
                             a drifted layout: FILE has a column NAME the connector does not know,
                             holding NAME-<sku>; repeatable
  --orders N                 orders in the API's history, over the 90 days before "now" (default ${DEFAULT_ORDERS})
  --now ISO-DATE             the sandbox's "now", e.g. 2026-03-20T12:00:00Z (default: when it starts)
  --api-latency-ms N         delay every API answer by N ms (default 0)
  --api-fault-rate R         share 0..1 of API requests answered with a SOAP fault, HTTP 500 (default 0)
  --api-throttle-rate R      share 0..1 of API requests answered with HTTP 503 and Retry-After (default 0)
  --api-empty-rate R         share 0..1 of API requests answered with an empty HTTP 200 body,
                             after the operation ran (default 0)
  --api-retry-after S        the Retry-After of a throttled answer, seconds (default 1)
  --api-without OPERATION    the dealer API does not offer OPERATION (e.g. GetShipments): it is left
                             out of ?singleWsdl and answered with ActionNotSupported; repeatable
  --api-request-log FILE     write every API request to FILE once it is answered, one JSON line each:
                             operation, HTTP status, fault injected, members WCF ignored, when it
                             came and was answered (ms on the sandbox's clock); never credentials
  --help                     show this help

The fault switches hit the same requests (by their order of arrival) for the same --seed.
The layout switches, --ftp-file-age-hours and --ftp-growing-seconds apply to generated files;
--products, the layout switches and --ftp-file-age-hours cannot be given with --ftp-root.
`;

/** The usage lines alone, for a usage error: the whole help is for --help. */
const SYNOPSIS = USAGE.slice(0, USAGE.indexOf('\n\n'));

class UsageError extends Error {}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function fraction(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a number from 0 to 1, got "${raw}"`);
  return value;
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    const what = min >= 0 ? `a whole number from ${min} to ${max}` : 'an integer';
    throw new UsageError(`--${name} must be ${what}, got "${raw}"`);
  }
  return value;
}

/**
 * `--products -1` as `--products=-1`: node's parser takes a value that starts with a dash for an
 * option ("argument is ambiguous"), so a negative number is joined to its option first, and gets
 * the option's own message.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(argv[i]!) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]!);
    }
  }
  return out;
}

/** Options that shape generated files: with --ftp-root the folder is served as it is. */
const GENERATED_ONLY = ['products', 'ftp-file-age-hours', 'ftp-rename-column', 'ftp-reorder-columns', 'ftp-extra-column'] as const;

function productFile(option: string, text: string, raw: string): ProductFileKey {
  if (!(text in LAYOUT_COLUMNS)) throw new UsageError(`--${option} names the file catalog, inventory or status, got "${raw}"`);
  return text as ProductFileKey;
}

/** The layout switches as a LayoutDrift, or undefined when none is given. */
function layoutDrift(renames: string[], reorder: boolean, extras: string[]): LayoutDrift | undefined {
  if (renames.length === 0 && extras.length === 0 && !reorder) return undefined;
  const drift: LayoutDrift = { rename: {}, extra: {}, reorder };
  for (const raw of renames) {
    const match = /^([a-z]+):([^=]+)=(.+)$/.exec(raw);
    if (!match) throw new UsageError(`--ftp-rename-column must look like FILE:OLD=NEW (inventory:QuantityAvailable=QtyAvailable), got "${raw}"`);
    const file = productFile('ftp-rename-column', match[1]!, raw);
    if (!LAYOUT_COLUMNS[file].includes(match[2]!)) throw new UsageError(`--ftp-rename-column: the ${file} file has no column '${match[2]}' (it has ${LAYOUT_COLUMNS[file].join(', ')})`);
    (drift.rename![file] ??= {})[match[2]!] = match[3]!;
  }
  for (const raw of extras) {
    const match = /^([a-z]+):(.+)$/.exec(raw);
    if (!match) throw new UsageError(`--ftp-extra-column must look like FILE:NAME (catalog:WarehouseBin), got "${raw}"`);
    (drift.extra![productFile('ftp-extra-column', match[1]!, raw)] ??= []).push(match[2]!);
  }
  return drift;
}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: false,
      strict: true,
      options: {
        host: { type: 'string' },
        'ftp-port': { type: 'string' },
        'api-port': { type: 'string' },
        products: { type: 'string' },
        seed: { type: 'string' },
        'ftp-root': { type: 'string' },
        ftps: { type: 'boolean' },
        'ftp-uploading-reads': { type: 'string' },
        'ftp-drop-reads': { type: 'string' },
        'ftp-growing-seconds': { type: 'string' },
        'ftp-file-age-hours': { type: 'string' },
        'ftp-rename-column': { type: 'string', multiple: true },
        'ftp-reorder-columns': { type: 'boolean' },
        'ftp-extra-column': { type: 'string', multiple: true },
        orders: { type: 'string' },
        now: { type: 'string' },
        'api-latency-ms': { type: 'string' },
        'api-fault-rate': { type: 'string' },
        'api-throttle-rate': { type: 'string' },
        'api-empty-rate': { type: 'string' },
        'api-retry-after': { type: 'string' },
        'api-without': { type: 'string', multiple: true },
        'api-request-log': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const options: SandboxOptions = {};
  if (values.host !== undefined) {
    if (values.host.trim() === '' || /\s/.test(values.host)) throw new UsageError(`--host must be an address, got "${values.host}"`);
    options.host = values.host;
  }
  options.ftpPort = integer('ftp-port', values['ftp-port'], 0, 65535);
  options.apiPort = integer('api-port', values['api-port'], 0, 65535);
  options.products = integer('products', values.products, 0, MAX_PRODUCTS);
  options.seed = integer('seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  options.uploadingReads = integer('ftp-uploading-reads', values['ftp-uploading-reads'], 0, 1000);
  options.ftpDropReads = integer('ftp-drop-reads', values['ftp-drop-reads'], 0, 1000);
  options.ftpGrowingSeconds = integer('ftp-growing-seconds', values['ftp-growing-seconds'], 0, 86_400);
  options.ftpFileAgeHours = integer('ftp-file-age-hours', values['ftp-file-age-hours'], 0, 87_600);
  options.layout = layoutDrift(values['ftp-rename-column'] ?? [], values['ftp-reorder-columns'] === true, values['ftp-extra-column'] ?? []);
  options.orders = integer('orders', values.orders, 0, 2_000_000);
  options.apiLatencyMs = integer('api-latency-ms', values['api-latency-ms'], 0, 600_000);
  options.apiFaultRate = fraction('api-fault-rate', values['api-fault-rate']);
  options.apiThrottleRate = fraction('api-throttle-rate', values['api-throttle-rate']);
  options.apiEmptyRate = fraction('api-empty-rate', values['api-empty-rate']);
  options.apiRetryAfterSeconds = integer('api-retry-after', values['api-retry-after'], 0, 3600);
  if (values['api-without'] !== undefined) {
    for (const name of values['api-without']) {
      if (!operationByName(name)) throw new UsageError(`--api-without names an operation of Kroll's API (${Object.values(OPERATIONS).map((op) => op.name).join(', ')}), got "${name}"`);
    }
    options.apiWithoutOperations = values['api-without'];
  }
  if (values.now !== undefined) {
    const now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date, got "${values.now}"`);
    options.now = now;
  }
  if (values['api-request-log'] !== undefined) {
    if (values['api-request-log'] === '') throw new UsageError('--api-request-log must name a file');
    options.apiRequestLog = values['api-request-log'];
  }
  if (values['ftp-root'] !== undefined) {
    if (values['ftp-root'] === '') throw new UsageError('--ftp-root must name a folder');
    const given = GENERATED_ONLY.filter((name) => values[name] !== undefined).map((name) => `--${name}`);
    if (given.length > 0) {
      throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'shapes' : 'shape'} the generated product files; with --ftp-root the folder is served as it is`);
    }
    if (!isFolder(values['ftp-root'])) throw new UsageError(`--ftp-root ${values['ftp-root']} is not a folder${existsSync(values['ftp-root']) ? '' : ' (it does not exist)'}`);
    options.ftpRoot = values['ftp-root'];
  }
  if (values.ftps) options.ftps = true;
  for (const key of Object.keys(options) as (keyof SandboxOptions)[]) if (options[key] === undefined) delete options[key];
  return options;
}

/**
 * What a user would not guess from the options alone: a "now" ahead of this machine's clock (a
 * connector reads up to its own clock, so it never sees the orders dated after it), and an FTP
 * root without the folder the product files are looked for in.
 */
export function startWarnings(options: SandboxOptions, clockMs = Date.now()): string[] {
  const warnings: string[] = [];
  if (options.now !== undefined && options.now.getTime() > clockMs + 60_000) {
    warnings.push(
      `--now ${options.now.toISOString()} is later than this machine's clock (${new Date(clockMs).toISOString()}): a read asks for the records dated up to its own clock, ` +
        'so it sees only the orders before that; start the sandbox with a --now before it to see them all',
    );
  }
  if (options.ftpRoot !== undefined && !existsSync(join(options.ftpRoot, 'ProductData'))) {
    warnings.push(`--ftp-root ${options.ftpRoot} has no ProductData/ folder: the connector looks for the product files in /ProductData/, and will find none`);
  }
  return warnings;
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Runs the CLI; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: SandboxOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`kroll-sandbox: ${(error as Error).message}\n\n${SYNOPSIS}\n\nSee kroll-sandbox --help for what each option does.\n`);
    return 2;
  }
  if (options === 'help') {
    // On stderr, as every command's help: stdout carries the one JSON line only.
    process.stderr.write(USAGE);
    return 0;
  }
  for (const warning of startWarnings(options)) process.stderr.write(`kroll-sandbox: warning: ${warning}\n`);

  // Signals may come while files are still being generated: stop that and clean up.
  const stop = new AbortController();
  let stopped: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) {
      process.stderr.write(`kroll-sandbox: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    process.stderr.write(`kroll-sandbox: ${signal}, shutting down\n`);
    stop.abort(new Error(`stopped by ${signal}`));
    stopped();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', () => undefined); // a closed reader must not crash the server

  let sandbox;
  try {
    sandbox = await startSandbox({
      ...options,
      signal: stop.signal,
      onProgress: (message) => process.stderr.write(`kroll-sandbox: ${message}\n`),
    });
  } catch (error) {
    if (stop.signal.aborted) return 0;
    process.stderr.write(`kroll-sandbox: could not start: ${(error as Error).message}\n`);
    return 1;
  }

  process.stdout.write(JSON.stringify(sandbox.info) + '\n');
  process.stderr.write(
    `kroll-sandbox: ready: FTP ${sandbox.info.ftp.tls === 'explicit' ? '(explicit FTPS) ' : ''}on ${sandbox.info.ftp.host}:${sandbox.info.ftp.port}, serving ${sandbox.dataDir}; ` +
      `dealer API at ${sandbox.info.api.url} (${sandbox.api.book.orderCount} orders, ${sandbox.api.book.shipmentCount} shipments up to ${sandbox.api.now.toISOString()})\n`,
  );

  await stoppedPromise;
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SHUTDOWN_TIMEOUT_MS).unref());
  const result = await Promise.race([sandbox.close().then(() => 'closed' as const), timeout]);
  if (result === 'timeout') {
    process.stderr.write('kroll-sandbox: shutdown timed out\n');
    return 1;
  }
  return 0;
}
