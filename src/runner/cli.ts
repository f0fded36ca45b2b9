/** `kroll`: the local runner's command line (see USAGE). */
import { parseArgs } from 'node:util';
import { MAX_PRODUCTS } from '../sandbox/products/index.js';
import { DatabaseError } from './duckdb/database.js';
import { PlainReporter, TerminalReporter, summaryTable, type Reporter } from './progress.js';
import { UsageError, sync, type SyncOptions } from './sync.js';

export const DEFAULT_DB = 'kroll.duckdb';

export const USAGE = `Usage: kroll sync [--config FILE] [--db FILE] [--streams a,b,...] [--full-refresh] [--products N] [--verbose]
       kroll --help

kroll sync runs source-kroll (discover, then read) the way the Airbyte platform does and loads
every stream into its own typed table of a DuckDB file. A second sync is incremental; a sync that
was stopped or killed resumes from its last committed state.

  --config FILE       source-kroll config (see README); without it, kroll starts the Kroll
                      sandbox in this process and syncs from it
  --db FILE           DuckDB file to load, created if missing (default ./${DEFAULT_DB})
  --streams a,b,...   only these streams (default: every stream the source has)
  --full-refresh      read every stream in full and replace its table, incremental ones too
  --products N        sandbox only: products to generate, 0..${MAX_PRODUCTS} (default 5000)
  --verbose           also show the source's INFO logs and a line for every committed state
  -h, --help          show this help

Coming with destination-kroll: kroll push --config FILE (--input FILE.jsonl | --query SQL [--db FILE]),
sending fulfillment requests to Kroll.

Exit codes: 0 every stream loaded; 1 a stream or the source failed; 2 usage error; 130 interrupted.
`;

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${raw.trim()}`);
  return value;
}

export function parseSyncArgs(argv: string[]): Omit<SyncOptions, 'signal'> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        db: { type: 'string' },
        streams: { type: 'string' },
        'full-refresh': { type: 'boolean' },
        products: { type: 'string' },
        verbose: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.config === '') throw new UsageError('--config must name a file');
  if (values.db === '') throw new UsageError('--db must name a file');
  let streams: string[] | undefined;
  if (values.streams !== undefined) {
    streams = values.streams.split(',').map((s) => s.trim()).filter(Boolean);
    if (streams.length === 0) throw new UsageError('--streams must name at least one stream');
  }
  const products = integer('products', values.products, 0, MAX_PRODUCTS);
  if (products !== undefined && values.config !== undefined) throw new UsageError('--products is for the sandbox; it cannot be used with --config');
  return {
    ...(values.config === undefined ? {} : { config: values.config }),
    db: values.db ?? DEFAULT_DB,
    ...(streams ? { streams } : {}),
    fullRefresh: values['full-refresh'] ?? false,
    ...(products === undefined ? {} : { products }),
    verbose: values.verbose ?? false,
  };
}

function usageError(message: string): number {
  process.stderr.write(`kroll: ${message}\n\n${USAGE}`);
  return 2;
}

/** Runs the CLI; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('a command is required');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'push') {
    process.stderr.write('kroll: push is not available yet; until it is, run destination-kroll write as the README shows.\n');
    return 2;
  }
  if (command !== 'sync') return usageError(`unknown command '${command}'`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }

  let options: Omit<SyncOptions, 'signal'>;
  try {
    options = parseSyncArgs(rest);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }

  const reporter: Reporter = process.stderr.isTTY ? new TerminalReporter(process.stderr) : new PlainReporter((t) => process.stderr.write(t), options.verbose);
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(130);
    reporter.warn(`${signal}: stopping; what was committed stays, and the next sync resumes from it`);
    stop.abort(new Error(`stopped by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const result = await sync({ ...options, signal: stop.signal }, reporter);
    reporter.close();
    if (result.views.length > 0) {
      process.stderr.write(`\n${summaryTable(result.views)}\n\n`);
      const where = `${options.db}${result.syncId === undefined ? '' : ` (sync ${result.syncId})`}`;
      process.stderr.write(result.code === 0 ? `Loaded into ${where}.\n` : `Some streams failed; the others are loaded into ${where}.\n`);
    }
    return result.code;
  } catch (error) {
    reporter.close();
    if (error instanceof UsageError) return usageError(error.message);
    if (stop.signal.aborted) {
      process.stderr.write('kroll: interrupted\n');
      return 130;
    }
    process.stderr.write(`kroll: ${error instanceof DatabaseError ? '' : 'sync failed: '}${(error as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
