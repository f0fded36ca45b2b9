/**
 * `kroll-sandbox`: starts the sandbox, prints exactly one JSON line on stdout when it is ready
 * (the connector config and connection details, secrets included: that line is meant for the
 * caller), then serves until SIGINT or SIGTERM. Progress goes to stderr; nothing else to stdout.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PRODUCTS, DEFAULT_SEED, startSandbox, type SandboxOptions } from './index.js';
import { MAX_PRODUCTS } from './products/index.js';

export const USAGE = `Usage: kroll-sandbox [--host 127.0.0.1] [--ftp-port N] [--api-port N] [--products N] [--seed N]
                     [--ftp-root DIR] [--ftps] [--ftp-uploading-reads N] [--ftp-drop-reads N]

Starts a local stand-in for Kroll: an FTP server with generated product files (or the folder
given by --ftp-root). When ready, prints one JSON line on stdout:
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
  --help                     show this help
`;

class UsageError extends Error {}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${text}`);
  }
  return value;
}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
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
  if (values['ftp-root'] !== undefined) {
    if (values['ftp-root'] === '') throw new UsageError('--ftp-root must name a folder');
    options.ftpRoot = values['ftp-root'];
  }
  if (values.ftps) options.ftps = true;
  for (const key of Object.keys(options) as (keyof SandboxOptions)[]) if (options[key] === undefined) delete options[key];
  return options;
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Runs the CLI; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: SandboxOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`kroll-sandbox: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

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
    `kroll-sandbox: ready: FTP ${sandbox.info.ftp.tls === 'explicit' ? '(explicit FTPS) ' : ''}on ${sandbox.info.ftp.host}:${sandbox.info.ftp.port}, serving ${sandbox.dataDir}\n`,
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
