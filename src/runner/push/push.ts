/**
 * `kroll push`: sends fulfillment requests (a JSONL file, or the rows of a DuckDB query or table)
 * to Kroll through `destination-kroll write`, run as the platform runs it: a child process with a
 * config file and a configured catalog, Airbyte messages on its stdin (with back-pressure) and its
 * stdout read line by line. Without a config it starts the Kroll sandbox in this process first.
 *
 * 1. The input is read whole first: a line that is no JSON object stops the push before anything
 *    is sent (every such line is named). Checking each record is the destination's job.
 * 2. `destination-kroll check` of the config (check.ts): a config the destination refuses stops
 *    the push before anything is sent, whether or not there is anything to send.
 * 3. Records an earlier push to the same destination had answered as placed or already with Kroll
 *    are skipped (the push history in the DuckDB file, duckdb/pushes.ts).
 * 4. Each record is followed by a STATE of its own; each echo is the record's answer, recorded in
 *    the history at once (answers.ts). A push stopped at any point has recorded every answer it
 *    got, so the next push sends only the rest, and Kroll's duplicate rule keeps a record that was
 *    placed without its answer reaching us from being placed twice.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { stringify } from 'safe-stable-stringify';
import type { AirbyteMessage, ConfiguredAirbyteCatalog } from '../../generated/protocol.js';
import { ConfigError } from '../../protocol/errors.js';
import { readJsonFile, readPackageJson } from '../../protocol/files.js';
import { Redactor, secretValues, withoutUserInfo } from '../../protocol/redact.js';
import { count } from '../../protocol/wording.js';
import { makeTempFolder } from '../../protocol/temp-folders.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { runConnector, strayLinesWarning, type ConnectorExit, type ConnectorRun } from '../connector.js';
import { Database } from '../duckdb/database.js';
import { PushHistory, type PushOutcome, type PushStatus } from '../duckdb/pushes.js';
import { Answers, type SentRecord } from './answers.js';
import { checkDestination } from './check.js';
import { InputReadError, isProblem, jsonlInput, queryInput, tableQuery, type InputProblem, type PushInput } from './input.js';
import { formatNumber as n } from '../progress.js';
import { newPushView, toSend, type PushReporter, type PushView } from './progress.js';

export const STREAM = 'fulfillment_requests';

export type PushSource = { kind: 'file'; path: string } | { kind: 'query'; sql: string } | { kind: 'table'; name: string };

export interface PushOptions {
  /** destination-kroll config file; none = the sandbox, started in this process. */
  config?: string;
  input: PushSource;
  /** The DuckDB file: the push history, and what a query reads. */
  db: string;
  /** Send every record, also those an earlier push had an answer for. */
  resend: boolean;
  verbose: boolean;
  /** Aborting stops the destination; the answers received stay recorded. */
  signal?: AbortSignal;
}

export interface PushResult {
  /** 0 every record has its answer and none was rejected; 1 otherwise; 130 interrupted. */
  code: number;
  view: PushView;
  /** Rejected records: where, and the destination's reason. */
  rejected: { where: string; message: string }[];
  /** Where the history is ("kroll.duckdb (push 3)"), or why none is kept. */
  history: string;
  /** The next push skips what this one had answered (false against the sandbox started for it). */
  remembered: boolean;
  /** The input's problems, when it was not sent. */
  problems: InputProblem[];
}

/** Input lines named in full, at most; the rest are counted. */
export const PROBLEMS_SHOWN = 20;

const fingerprintOf = (data: object): string => createHash('sha256').update(stringify(data)).digest('base64url');

/** Reads the whole input once: its records' fingerprints, and every part that is no record. */
async function scan(input: PushInput, signal: AbortSignal | undefined): Promise<{ fingerprints: string[]; problems: InputProblem[] }> {
  const fingerprints: string[] = [];
  const problems: InputProblem[] = [];
  for await (const item of input.read()) {
    if (signal?.aborted) throw signal.reason;
    if (isProblem(item)) problems.push(item);
    else fingerprints.push(fingerprintOf(item.data));
  }
  return { fingerprints, problems };
}

/**
 * Which destination the records go to, as the history keys it and push shows it: "<account> at
 * <API base URL>", every secret of the config (the spec's airbyte_secret values: an API key
 * written into the URL, say) masked, as the destination masks them.
 */
function destinationOf(config: unknown): string {
  const c = (config ?? {}) as { account_number?: unknown; api_base_url?: unknown };
  const spec = readPackageJson<{ connectionSpecification: { properties: { api_base_url: { default: string } } } }>('spec', 'destination.json');
  const url = withoutUserInfo(typeof c.api_base_url === 'string' ? c.api_base_url.trim() : spec.connectionSpecification.properties.api_base_url.default).replace(/\/+$/, '');
  const account = typeof c.account_number === 'string' ? c.account_number.trim() : String(c.account_number ?? '');
  return new Redactor(secretValues(spec.connectionSpecification, config)).redact(`${account} at ${url}`);
}

function configuredCatalog(): ConfiguredAirbyteCatalog {
  const schema = readPackageJson<Record<string, unknown>>('catalogs', `${STREAM}.json`);
  return {
    streams: [
      {
        stream: { name: STREAM, json_schema: schema, supported_sync_modes: ['full_refresh', 'incremental'] },
        sync_mode: 'full_refresh',
        destination_sync_mode: 'append',
      },
    ],
  };
}

function statusMessage(status: 'STARTED' | 'COMPLETE' | 'INCOMPLETE'): AirbyteMessage {
  return { type: 'TRACE', trace: { type: 'STREAM_STATUS', emitted_at: Date.now(), stream_status: { stream_descriptor: { name: STREAM }, status } } };
}

function exitText(exit: ConnectorExit): string {
  return exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
}

async function openInput(source: PushSource, db: Database | undefined): Promise<PushInput> {
  if (source.kind === 'file') return jsonlInput(source.path);
  if (!db) throw new Error('a query needs the database');
  if (source.kind === 'query') return queryInput(db, source.sql, { description: 'the query', rows: 'the query', source: source.sql.trim() });
  return queryInput(db, tableQuery(source.name), { description: `table ${source.name}`, rows: `table ${source.name}`, source: `table ${source.name}` });
}

interface Feed {
  /** Why the records stopped before the end of the input, if they did. */
  stopped?: string;
}

/**
 * Writes every record not answered before, each followed by its state, and the stream's statuses
 * around them, with back-pressure; stops when the destination stops reading or the push is told to.
 */
async function feed(
  run: ConnectorRun,
  input: PushInput,
  expected: string[],
  skip: Set<string>,
  answers: Answers,
  pushId: number,
  view: PushView,
  reporter: PushReporter,
  signal: AbortSignal | undefined,
): Promise<Feed> {
  const writer = run.input!;
  let gone = false;
  run.child.once('exit', () => (gone = true));
  let stdinLine = 0;
  const send = async (message: AirbyteMessage): Promise<void> => {
    writer.message(message);
    stdinLine++;
    await writer.ready();
  };
  // What was sent is answered as usual; the stream is told it ended early, as a source that failed would.
  const changed = async (where: string): Promise<Feed> => {
    await send(statusMessage('INCOMPLETE'));
    return { stopped: `${input.description} changed while it was being pushed (${where}); push it again` };
  };
  try {
    await send(statusMessage('STARTED'));
    let record = 0;
    for await (const item of input.read()) {
      if (signal?.aborted) return { stopped: 'interrupted' };
      if (gone) return { stopped: 'destination-kroll stopped reading' };
      const fingerprint = isProblem(item) ? undefined : fingerprintOf(item.data);
      if (isProblem(item) || fingerprint === undefined || fingerprint !== expected[item.position - 1]) {
        return changed(`at ${item.where}`);
      }
      if (skip.has(fingerprint)) continue;
      record++;
      const orderId = typeof item.data.order_id === 'string' ? item.data.order_id : null;
      answers.sent({ record, stdinLine: stdinLine + 1, where: item.where, orderId, fingerprint });
      writer.record(STREAM, item.data, Date.now());
      stdinLine++;
      await send({ type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: STREAM }, stream_state: { push_id: pushId, record } } } });
      view.written++;
      reporter.update(view);
    }
    if (view.written < toSend(view)) return changed('it has fewer records');
    await send(statusMessage('COMPLETE'));
    return {};
  } catch {
    // The destination closed its stdin: it stopped, and its messages say why.
    return { stopped: 'destination-kroll stopped reading' };
  }
}

/** The config destination-kroll gets, and the destination it names; without --config, a sandbox started here. */
async function destinationConfig(
  options: PushOptions,
  work: string,
  reporter: PushReporter,
): Promise<{ configPath: string; destination: string; sandbox?: RunningSandbox }> {
  if (options.config !== undefined) {
    const configPath = resolve(options.config);
    return { configPath, destination: destinationOf(readJsonFile(configPath, 'config')) };
  }
  reporter.info('no --config: starting the Kroll sandbox on 127.0.0.1 and pushing to it (its orders are gone when push ends)…');
  const sandbox = await startSandbox({ host: '127.0.0.1', signal: options.signal });
  const configPath = join(work, 'config.json');
  // The sandbox's config holds its (random) API key: readable by us only, removed at the end.
  await writeFile(configPath, JSON.stringify(sandbox.info.destination_config), { mode: 0o600 });
  return { configPath, destination: destinationOf(sandbox.info.destination_config), sandbox };
}

/** destination-kroll check of the config, its lines shown as they come: those lines, or null when it failed (told). */
async function checked(configPath: string, options: PushOptions, reporter: PushReporter): Promise<Set<string> | null> {
  const shown = new Set<string>();
  const result = await checkDestination(configPath, ({ level, message }) => {
    const line = `destination-kroll: ${message}`;
    shown.add(line);
    if (level === 'ERROR' || level === 'FATAL') reporter.error(line);
    else if (level === 'WARN') reporter.warn(line);
    else if (options.verbose) reporter.info(line);
  }, options.signal);
  if (options.signal?.aborted) throw options.signal.reason;
  if (result.ok) return shown;
  reporter.error(`destination-kroll check failed, so nothing was sent: ${result.message}`);
  return null;
}

interface WriteRun {
  input: PushInput;
  fingerprints: string[];
  skip: Set<string>;
  configPath: string;
  work: string;
  pushId: number;
  history: PushHistory | undefined;
  view: PushView;
  rejected: PushResult['rejected'];
  /** What the check before the write showed of the destination's lines. */
  shown: Set<string>;
}

/** Runs destination-kroll write over the records to send; resolves with the exit code of the push. */
async function write(w: WriteRun, options: PushOptions, reporter: PushReporter): Promise<number> {
  const { view } = w;
  const answers = new Answers(w.pushId, reporter, options.verbose, async (sent: SentRecord, outcome: PushOutcome) => {
    await w.history?.answered(w.pushId, { fingerprint: sent.fingerprint, orderId: sent.orderId, outcome, message: sent.message ?? null, where: sent.where });
    view.answered++;
    view.counts[outcome]++;
    if (outcome === 'rejected') w.rejected.push({ where: sent.where, message: sent.message ?? 'rejected by destination-kroll (it gave no reason)' });
    reporter.update(view);
  }, w.shown);
  const catalogPath = join(w.work, 'catalog.json');
  await writeFile(catalogPath, JSON.stringify(configuredCatalog()));
  if (options.signal?.aborted) throw options.signal.reason;
  const run = runConnector('destination-kroll', ['write', '--config', w.configPath, '--catalog', catalogPath], (m) => answers.handle(m), {
    input: true,
    signal: options.signal,
  });
  if (options.verbose) reporter.info(`destination-kroll write started (pid ${run.child.pid})`);
  const fed = await feed(run, w.input, w.fingerprints, w.skip, answers, w.pushId, view, reporter, options.signal);
  await run.endInput();
  const exit = await run.done;
  const interrupted = options.signal?.aborted === true;
  view.finishedAt = Date.now();
  const stray = strayLinesWarning('destination-kroll', exit);
  if (stray) reporter.warn(stray);

  const unanswered = answers.unanswered.length;
  let failed = fed.stopped !== undefined || unanswered > 0 || view.counts.rejected > 0;
  if (!interrupted) {
    // The destination's own error traces say why it stopped; without one, say what is known.
    if (fed.stopped && answers.failures.length === 0) reporter.error(fed.stopped);
    if (exit.code !== 0 && answers.failures.length === 0) reporter.error(`destination-kroll ${exitText(exit)}`);
    failed ||= exit.code !== 0;
  }
  if (unanswered > 0) {
    const one = unanswered === 1;
    reporter.warn(
      `${count(unanswered, 'record')} given to destination-kroll ${one ? 'has' : 'have'} no answer (${one ? 'it' : 'each'} may or may not have reached Kroll): ` +
        `the next push sends ${one ? 'it' : 'them'} again, and Kroll answers any it already has as a duplicate, so none is placed twice`,
    );
  }
  view.status = failed || interrupted ? 'stopped' : 'done';
  reporter.update(view);
  await w.history?.end(w.pushId, interrupted ? 'interrupted' : failed ? 'failed' : 'succeeded', historyCounts(view));
  return interrupted ? 130 : failed ? 1 : 0;
}

const historyCounts = (view: PushView) => ({ records: view.records, skipped: view.skipped, written: view.written, answered: view.answered, ...view.counts });

export async function push(options: PushOptions, reporter: PushReporter): Promise<PushResult> {
  const view = newPushView(options.input.kind === 'file' ? options.input.path : options.input.kind === 'table' ? `table ${options.input.name}` : 'the query');
  const rejected: PushResult['rejected'] = [];
  // Against the sandbox started here, there is nothing to remember: its orders end with it.
  const keepHistory = options.config !== undefined;
  const result = (code: number, history: string, problems: InputProblem[] = []): PushResult => ({ code, view, rejected, history, remembered: keepHistory, problems });
  const folder = await makeTempFolder('kroll-push-');
  const work = folder.path;
  let db: Database | undefined;
  let input: PushInput | undefined;
  let sandbox: RunningSandbox | undefined;
  try {
    // A file is read before the DuckDB file is opened (or created): a bad input leaves nothing behind.
    if (options.input.kind !== 'file') db = await Database.open(options.db);
    input = await openInput(options.input, db);
    const { fingerprints, problems } = await scan(input, options.signal);
    view.records = fingerprints.length;
    if (problems.length > 0) return result(1, 'nothing was sent', problems);

    const target = await destinationConfig(options, work, reporter);
    sandbox = target.sandbox;
    // The destination's judgement of the config, even when there is nothing to send.
    const shown = await checked(target.configPath, options, reporter);
    if (shown === null) return result(1, 'nothing was sent');
    if (fingerprints.length === 0) {
      reporter.info(`${input.description} holds no records: nothing to push`);
      return result(0, 'nothing was sent');
    }

    if (keepHistory) db ??= await Database.open(options.db);
    const history = db && keepHistory ? await PushHistory.open(db, target.destination) : undefined;
    const skip = history && !options.resend ? await history.accepted() : new Set<string>();
    view.skipped = fingerprints.filter((f) => skip.has(f)).length;
    const pushId = (await history?.begin(input.source)) ?? 1;
    const historyText = history ? `${options.db} (push ${pushId})` : 'none kept (the sandbox started for this push is gone)';

    reporter.info(
      `${input.description}: ${count(view.records, 'record')}` +
        (view.skipped > 0 ? `, ${n(view.skipped)} answered by an earlier push (not sent again)` : '') +
        `; sending ${n(toSend(view))} to Kroll account ${target.destination}`,
    );
    view.status = 'sending';
    view.startedAt = Date.now();
    reporter.track(view);
    if (toSend(view) === 0) {
      view.status = 'done';
      view.finishedAt = Date.now();
      await history?.end(pushId, 'succeeded', historyCounts(view));
      return result(0, historyText);
    }
    const code = await write({ input, fingerprints, skip, configPath: target.configPath, work, pushId, history, view, rejected, shown }, options, reporter);
    return result(code, historyText);
  } catch (error) {
    // A config file push cannot read is named as destination-kroll would name it.
    if (error instanceof InputReadError || error instanceof ConfigError) {
      reporter.error(error.message);
      return result(1, 'nothing was sent');
    }
    throw error;
  } finally {
    input?.close();
    db?.close();
    await sandbox?.close();
    await folder.remove();
  }
}
