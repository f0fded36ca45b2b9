/** `kroll`: the local runner's command line (see USAGE). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_PRODUCTS } from '../sandbox/products/index.js';
import { DatabaseError } from './duckdb/database.js';
import { PlainReporter, TerminalReporter, summaryTable, type Reporter } from './progress.js';
import { PlainPushReporter, TerminalPushReporter, pushSummary, type PushReporter } from './push/progress.js';
import { PROBLEMS_SHOWN, push, type PushOptions, type PushResult, type PushSource } from './push/push.js';
import { UsageError, sync, type SyncOptions } from './sync.js';

export const DEFAULT_DB = 'kroll.duckdb';

const SYNC_HELP = `kroll sync runs source-kroll (discover, then read) the way the Airbyte platform does and loads
every stream into its own typed table of a DuckDB file. A second sync is incremental; a sync that
was stopped or killed resumes from its last committed state.

  --config FILE       source-kroll config (see README); without it, kroll starts the Kroll
                      sandbox in this process and syncs from it
  --db FILE           DuckDB file to load, created if missing (default ./${DEFAULT_DB})
  --streams a,b,...   only these streams (default: every stream the source has)
  --full-refresh      read every stream in full and replace its table, incremental ones too
  --products N        sandbox only: products to generate, 0..${MAX_PRODUCTS} (default 5000)
  --verbose           also show the source's INFO logs and a line for every committed state
`;

const PUSH_HELP = `kroll push sends fulfillment requests to Kroll through destination-kroll write, run the way the
Airbyte platform runs it: each record is placed once. The input is checked whole, and the config
by destination-kroll check, before anything is sent; records an earlier push had Kroll's answer
for are not sent again, so a push that was stopped or killed is simply run again.

  --config FILE       destination-kroll config (see README); without it, kroll starts the Kroll
                      sandbox in this process and pushes to it (its orders are gone afterwards)
  --input FILE.jsonl  one fulfillment request (a JSON object) per line
  --query SQL         or each row of this DuckDB query is one (STRUCT and LIST or JSON columns
                      for ship_to and lines)
  --table NAME        or each row of this table or view
  --db FILE           DuckDB file the query reads and the push history is kept in
                      (default ./${DEFAULT_DB})
  --resend            send every record, also those an earlier push had an answer for
  --verbose           also show the answer for every order
`;

const SYNC_SYNOPSIS = 'kroll sync [--config FILE] [--db FILE] [--streams a,b,...] [--full-refresh] [--products N] [--verbose]';
const PUSH_SYNOPSIS = 'kroll push [--config FILE] (--input FILE.jsonl | --query SQL | --table NAME) [--db FILE] [--resend] [--verbose]';

const EXIT_CODES = `Exit codes: 0 done (sync: every stream loaded; push: every record to send has Kroll's answer,
none rejected); 1 a stream or the source failed, or the destination's check failed, or records
were rejected or left without an answer; 2 usage error; 130 interrupted.
`;
const SYNC_EXIT_CODES = 'Exit codes: 0 every stream loaded; 1 a stream or the source failed; 2 usage error; 130 interrupted.\n';
const PUSH_EXIT_CODES = `Exit codes: 0 every record to send has Kroll's answer, none rejected; 1 the destination's check
failed, or records were rejected or left without an answer; 2 usage error; 130 interrupted.
`;
const COMMAND_HELP_OPTION = '  -h, --help          show this help\n';

export const USAGE = `Usage: ${SYNC_SYNOPSIS}
       ${PUSH_SYNOPSIS}
       kroll --help

${SYNC_HELP}
${PUSH_HELP}
  -h, --help          show this help (after a command: that command's)

${EXIT_CODES}`;

/** `kroll sync --help`, `kroll push --help`: that command's part of the help. */
const COMMAND_USAGE = {
  sync: `Usage: ${SYNC_SYNOPSIS}\n\n${SYNC_HELP}${COMMAND_HELP_OPTION}\n${SYNC_EXIT_CODES}`,
  push: `Usage: ${PUSH_SYNOPSIS}\n\n${PUSH_HELP}${COMMAND_HELP_OPTION}\n${PUSH_EXIT_CODES}`,
} as const;

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${raw.trim()}`);
  return value;
}

/** The options of a command, named options only; what parseArgs refuses is a usage error. */
function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: false, strict: true, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseSyncArgs(argv: string[]): Omit<SyncOptions, 'signal'> {
  const values = parseOptions(argv, {
    config: { type: 'string' },
    db: { type: 'string' },
    streams: { type: 'string' },
    'full-refresh': { type: 'boolean' },
    products: { type: 'string' },
    verbose: { type: 'boolean' },
  });
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

export function parsePushArgs(argv: string[]): Omit<PushOptions, 'signal'> {
  const values = parseOptions(argv, {
    config: { type: 'string' },
    input: { type: 'string' },
    query: { type: 'string' },
    table: { type: 'string' },
    db: { type: 'string' },
    resend: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  for (const name of ['config', 'input', 'db'] as const) if (values[name] === '') throw new UsageError(`--${name} must name a file`);
  if (values.table === '') throw new UsageError('--table must name a table');
  const given = (['input', 'query', 'table'] as const).filter((name) => values[name] !== undefined);
  if (given.length === 0) throw new UsageError('push needs what to send: --input FILE.jsonl, --query SQL or --table NAME');
  if (given.length > 1) throw new UsageError(`push sends one input at a time: give only one of ${given.map((g) => `--${g}`).join(', ')}`);
  const input: PushSource =
    values.input !== undefined ? { kind: 'file', path: values.input } : values.query !== undefined ? { kind: 'query', sql: values.query } : { kind: 'table', name: values.table! };
  return {
    ...(values.config === undefined ? {} : { config: values.config }),
    input,
    db: values.db ?? DEFAULT_DB,
    resend: values.resend ?? false,
    verbose: values.verbose ?? false,
  };
}

/** The usage lines alone, for a usage error: the whole help is for --help. */
const SYNOPSIS = USAGE.slice(0, USAGE.indexOf('\n\n'));

function usageError(message: string): number {
  process.stderr.write(`kroll: ${message}\n\n${SYNOPSIS}\n\nSee kroll --help for what each option does.\n`);
  return 2;
}

/** Ctrl-C or SIGTERM: stops the command through the controller; a second one exits at once. */
function onSignals(stop: AbortController, say: (signal: NodeJS.Signals) => void): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(130);
    say(signal);
    stop.abort(new Error(`stopped by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** How a command that threw ends: interrupted (130), or with its error told (1). */
function failed(command: 'sync' | 'push', error: unknown, stop: AbortSignal): number {
  if (stop.aborted) {
    process.stderr.write('kroll: interrupted\n');
    return 130;
  }
  process.stderr.write(`kroll: ${error instanceof DatabaseError ? '' : `${command} failed: `}${(error as Error).message}\n`);
  return 1;
}

async function runSync(rest: string[]): Promise<number> {
  let options: Omit<SyncOptions, 'signal'>;
  try {
    options = parseSyncArgs(rest);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }

  const reporter: Reporter = process.stderr.isTTY ? new TerminalReporter(process.stderr) : new PlainReporter((t) => process.stderr.write(t), options.verbose);
  const stop = new AbortController();
  const release = onSignals(stop, (signal) => reporter.warn(`${signal}: stopping; what was committed stays, and the next sync resumes from it`));

  try {
    const result = await sync({ ...options, signal: stop.signal }, reporter);
    reporter.close();
    if (result.views.length > 0) {
      process.stderr.write(`\n${summaryTable(result.views)}\n\n`);
      const where = `${options.db}${result.syncId === undefined ? '' : ` (sync ${result.syncId})`}`;
      const outcome =
        result.code === 0
          ? `Loaded into ${where}.`
          : result.code === 130
            ? `Interrupted: what was committed is in ${where}, and the next sync resumes from it.`
            : `Some streams failed; the others are loaded into ${where}.`;
      process.stderr.write(`${outcome}\n`);
    }
    return result.code;
  } catch (error) {
    reporter.close();
    if (error instanceof UsageError) return usageError(error.message);
    return failed('sync', error, stop.signal);
  } finally {
    release();
  }
}

/** What a push ends with on stderr: the table, the rejected records, and what to do next. */
function pushReport(result: PushResult): string {
  const out: string[] = [];
  if (result.problems.length > 0) {
    const shown = result.problems.slice(0, PROBLEMS_SHOWN).map((p) => `  ${p.where} ${p.problem}`);
    const more = result.problems.length - shown.length;
    out.push(
      `${result.problems.length === 1 ? 'A line is' : `${result.problems.length} lines are`} not a fulfillment request; nothing was sent:`,
      ...shown,
      ...(more > 0 ? [`  and ${more} more`] : []),
      'Fix the input and push it again.',
    );
    return `\n${out.join('\n')}\n`;
  }
  const { view } = result;
  if (view.status === 'waiting') return '';
  out.push(pushSummary(view));
  if (result.rejected.length > 0) {
    out.push('', 'Rejected, not placed:');
    for (const r of result.rejected.slice(0, PROBLEMS_SHOWN)) out.push(`  ${r.message.includes(r.where) ? r.message : `${r.where}: ${r.message}`}`);
    if (result.rejected.length > PROBLEMS_SHOWN) out.push(`  and ${result.rejected.length - PROBLEMS_SHOWN} more (the push history has every one)`);
  }
  out.push('', `Push history: ${result.history}.`);
  if (result.rejected.length > 0) {
    out.push(`Fix the rejected records (or the config) and push again${result.remembered ? ': only they, and records without an answer, are sent again' : ''}.`);
  }
  else if (result.code === 0) out.push('Every record has Kroll\'s answer.');
  else if (view.answered < view.records - view.skipped) out.push('Push again to send the records without an answer; Kroll answers any it already has as a duplicate.');
  return `\n${out.join('\n')}\n`;
}

async function runPush(rest: string[]): Promise<number> {
  let options: Omit<PushOptions, 'signal'>;
  try {
    options = parsePushArgs(rest);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }

  const reporter: PushReporter = process.stderr.isTTY ? new TerminalPushReporter(process.stderr) : new PlainPushReporter((t) => process.stderr.write(t));
  const stop = new AbortController();
  const release = onSignals(stop, (signal) => reporter.warn(`${signal}: stopping; every answer received is recorded, and the next push sends only the rest`));

  try {
    const result = await push({ ...options, signal: stop.signal }, reporter);
    reporter.close();
    process.stderr.write(pushReport(result));
    return result.code;
  } catch (error) {
    reporter.close();
    return failed('push', error, stop.signal);
  } finally {
    release();
  }
}

/** Runs the CLI; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('a command is required');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stderr.write(USAGE);
    return 0;
  }
  if (command !== 'sync' && command !== 'push') return usageError(`unknown command '${command}'`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stderr.write(COMMAND_USAGE[command]);
    return 0;
  }
  return command === 'sync' ? runSync(rest) : runPush(rest);
}
