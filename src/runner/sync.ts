/**
 * `kroll sync`: runs `source-kroll discover`, then `read` with a configured catalog and the state
 * of each stream from the DuckDB file, and loads what comes back (see load.ts and
 * duckdb/table.ts). Without a config it starts the Kroll sandbox in this process first.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AirbyteCatalog, AirbyteStream, ConfiguredAirbyteCatalog } from '../generated/protocol.js';
import { makeTempFolder } from '../protocol/temp-folders.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { runConnector, strayLinesWarning, type ConnectorExit } from './connector.js';
import { columnsOf, primaryKeyOf } from './duckdb/columns.js';
import { Database } from './duckdb/database.js';
import { StreamTable, type LoadMode } from './duckdb/table.js';
import { Loader, type LoadedStream } from './load.js';
import { finalStatus, type Reporter, type StreamView } from './progress.js';

export interface SyncOptions {
  /** source-kroll config file; none = the sandbox, started in this process. */
  config?: string;
  db: string;
  /** Only these streams; none = every discovered stream. */
  streams?: string[];
  fullRefresh: boolean;
  /** Products the sandbox generates (sandbox only). */
  products?: number;
  verbose: boolean;
  /** Aborting stops the source; what was committed stays. */
  signal?: AbortSignal;
}

export interface SyncResult {
  /** 0 every stream loaded, 1 a stream or the source failed, 2 usage error, 130 interrupted. */
  code: number;
  views: StreamView[];
  syncId?: number;
}

export class UsageError extends Error {}

interface Discovered {
  catalog: AirbyteCatalog;
  /** The warnings shown (read logs the config's again: they are not shown twice). */
  warnings: Set<string>;
  /** Its INFO logs: why a stream is not listed, say. */
  notes: string[];
}

/** Runs `source-kroll discover` and returns its catalog, or undefined when it failed (errors shown). */
async function discover(configPath: string, reporter: Reporter, signal: AbortSignal | undefined): Promise<Discovered | undefined> {
  let catalog: AirbyteCatalog | undefined;
  let failed = false;
  const warnings = new Set<string>();
  const notes: string[] = [];
  const run = runConnector(
    'source-kroll',
    ['discover', '--config', configPath],
    (message) => {
      if (message.type === 'CATALOG' && message.catalog) catalog = message.catalog;
      else if (message.type === 'TRACE' && message.trace?.error) {
        failed = true;
        reporter.error(`source-kroll discover: ${message.trace.error.message}`);
      } else if (message.type === 'LOG' && message.log && (message.log.level === 'ERROR' || message.log.level === 'WARN')) {
        warnings.add(message.log.message);
        reporter.warn(`source: ${message.log.message}`);
      } else if (message.type === 'LOG' && message.log?.level === 'INFO') {
        notes.push(message.log.message);
      }
    },
    { signal },
  );
  const exit = await run.done;
  if (!catalog || exit.code !== 0) {
    if (!failed && !signal?.aborted) reporter.error(`source-kroll discover ${exitText(exit)} without a catalog`);
    return undefined;
  }
  return { catalog, warnings, notes };
}

function exitText(exit: ConnectorExit): string {
  return exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The streams --streams names; an unknown one is a usage error, with what discover said of it. */
function selectStreams({ catalog, notes }: Discovered, names: string[] | undefined): AirbyteStream[] {
  if (!names) return catalog.streams;
  const known = new Map(catalog.streams.map((s) => [s.name, s]));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const said = notes.filter((note) => unknown.some((name) => note.split(/[^\w]+/).includes(name)));
    throw new UsageError(
      `--streams: no stream named ${unknown.map((u) => `'${u}'`).join(', ')}; the source has ${[...known.keys()].join(', ')}` +
        said.map((note) => `\n  source-kroll discover: ${note}`).join(''),
    );
  }
  return [...new Set(names)].map((name) => known.get(name)!);
}

/** Incremental when the stream supports it, has a cursor and --full-refresh was not given. */
function loadMode(stream: AirbyteStream, fullRefresh: boolean): LoadMode {
  const hasCursor = stream.source_defined_cursor === true || (stream.default_cursor_field?.length ?? 0) > 0;
  return !fullRefresh && stream.supported_sync_modes.includes('incremental') && hasCursor ? 'incremental' : 'full_refresh';
}

function configuredCatalog(streams: { stream: AirbyteStream; mode: LoadMode }[]): ConfiguredAirbyteCatalog {
  return {
    streams: streams.map(({ stream, mode }) => ({
      stream,
      sync_mode: mode,
      destination_sync_mode: mode === 'incremental' ? 'append_dedup' : 'overwrite',
      ...(mode === 'incremental' && stream.default_cursor_field ? { cursor_field: stream.default_cursor_field } : {}),
      ...(stream.source_defined_primary_key ? { primary_key: stream.source_defined_primary_key } : {}),
    })),
  };
}

function newView(name: string, mode: LoadMode): StreamView {
  return { name, mode: mode === 'incremental' ? 'incremental' : 'full refresh', status: 'waiting', resumed: false, records: 0, committed: 0, states: 0, errors: [] };
}

export async function sync(options: SyncOptions, reporter: Reporter): Promise<SyncResult> {
  // The connector's JSON files (the sandbox's config holds its passwords): removed when the sync
  // ends, a second Ctrl-C included.
  const folder = await makeTempFolder('kroll-sync-');
  const work = folder.path;
  let sandbox: RunningSandbox | undefined;
  let db: Database | undefined;
  const views: StreamView[] = [];
  try {
    db = await Database.open(options.db);

    let configPath: string;
    if (options.config !== undefined) {
      configPath = resolve(options.config);
    } else {
      reporter.info(`starting the Kroll sandbox (${(options.products ?? 5000).toLocaleString('en-US')} products) on 127.0.0.1…`);
      sandbox = await startSandbox({ host: '127.0.0.1', ...(options.products === undefined ? {} : { products: options.products }), signal: options.signal });
      configPath = join(work, 'config.json');
      // The sandbox's config holds its (random) passwords: readable by us only, removed at the end.
      await writeFile(configPath, JSON.stringify(sandbox.info.source_config), { mode: 0o600 });
    }

    const discovered = await discover(configPath, reporter, options.signal);
    if (!discovered) return { code: options.signal?.aborted ? 130 : 1, views };
    const selected = selectStreams(discovered, options.streams);

    const syncId = await db.beginSync(options.config === undefined ? 'sandbox' : 'config');
    const loaded: LoadedStream[] = [];
    const toRead: { stream: AirbyteStream; mode: LoadMode; state: unknown }[] = [];
    for (const stream of selected) {
      const mode = loadMode(stream, options.fullRefresh);
      const view = newView(stream.name, mode);
      views.push(view);
      try {
        const columns = columnsOf(stream.json_schema);
        const { key, problem } = primaryKeyOf(stream.source_defined_primary_key, columns);
        if (problem) reporter.warn(`${stream.name}: ${problem}`);
        const table = new StreamTable(db, { name: stream.name, columns, primaryKey: key, mode }, syncId);
        const state = await table.prepare();
        view.resumed = table.resumed;
        loaded.push({ table, view });
        toRead.push({ stream, mode, state });
      } catch (error) {
        // A schema DuckDB cannot hold, or a table that no longer matches it: this stream is not read.
        view.status = 'failed';
        view.errors.push((error as Error).message);
        reporter.error(`${stream.name}: cannot load this stream: ${(error as Error).message}`);
      }
    }
    reporter.track(views);

    const loader = new Loader(loaded, reporter, { verbose: options.verbose, stopping: options.signal, shown: discovered.warnings });
    if (toRead.length > 0 && !options.signal?.aborted) {
      const catalogPath = join(work, 'catalog.json');
      await writeFile(catalogPath, JSON.stringify(configuredCatalog(toRead)));
      const states = toRead
        .filter((s) => s.state !== undefined && s.state !== null)
        .map((s) => ({ type: 'STREAM', stream: { stream_descriptor: { name: s.stream.name }, stream_state: s.state } }));
      const args = ['read', '--config', configPath, '--catalog', catalogPath];
      if (states.length > 0) {
        const statePath = join(work, 'state.json');
        await writeFile(statePath, JSON.stringify(states));
        args.push('--state', statePath);
      }
      const run = runConnector('source-kroll', args, (message) => loader.handle(message), { signal: options.signal });
      if (options.verbose) reporter.info(`source-kroll read started (pid ${run.child.pid})`);
      const exit = await run.done;
      const stray = strayLinesWarning('source-kroll', exit);
      if (stray) reporter.warn(stray);
      await loader.finish(exitText(exit));
    }

    for (const { table, view } of loaded) {
      view.rowsInTable = await table.rowsInTable();
      await table.close();
    }
    for (const view of views) if (view.rowsInTable === undefined && (await db.tableExists(view.name))) view.rowsInTable = await db.count(view.name);
    const failed = views.some((v) => v.status !== 'complete');
    const interrupted = failed && options.signal?.aborted === true;
    await db.endSync(
      syncId,
      interrupted ? 'interrupted' : failed ? 'failed' : 'succeeded',
      views.map((v) => ({ stream: v.name, mode: v.mode, status: finalStatus(v), rows_loaded: v.committed, states: v.states, resumed: v.resumed, errors: v.errors })),
    );
    return { code: interrupted ? 130 : failed ? 1 : 0, views, syncId };
  } finally {
    db?.close();
    await sandbox?.close();
    await folder.remove();
  }
}
