/** Drives the runner's loader with protocol messages in this process, and reads DuckDB files back. */
import { join } from 'node:path';
import { DuckDBInstance, type Json } from '@duckdb/node-api';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { columnsOf, primaryKeyOf } from '../../src/runner/duckdb/columns.js';
import { Database } from '../../src/runner/duckdb/database.js';
import { StreamTable, type LoadMode } from '../../src/runner/duckdb/table.js';
import { Loader, type LoadedStream } from '../../src/runner/load.js';
import type { Reporter, StreamView } from '../../src/runner/progress.js';
import { assertValidMessage } from '../helpers/protocol.js';
import { testFolder } from '../helpers/temp.js';

export function tempDb(): string {
  return join(testFolder('kroll-runner-test-'), 'test.duckdb');
}

/** Runs SQL on a DuckDB file opened read-only (the runner must have closed it). */
export async function query(path: string, sql: string): Promise<Record<string, Json>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

export async function columnTypes(path: string, table: string): Promise<Record<string, string>> {
  const rows = await query(path, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

/** A table's rows without the per-sync metadata columns, in key order: what two syncs must agree on. */
export async function tableContents(path: string, table: string, orderBy = 'sku'): Promise<Record<string, Json>[]> {
  return query(path, `SELECT * EXCLUDE (_airbyte_extracted_at, _airbyte_meta) FROM "${table}" ORDER BY "${orderBy}"`);
}

export async function tableNames(path: string): Promise<string[]> {
  const rows = await query(path, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`);
  return rows.map((r) => String(r.table_name));
}

export const messages = {
  record(stream: string, data: Record<string, unknown>, emittedAt = Date.now()): AirbyteMessage {
    return checked({ type: 'RECORD', record: { stream, data, emitted_at: emittedAt } });
  },
  state(stream: string, state: Record<string, unknown>): AirbyteMessage {
    return checked({ type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: state } } });
  },
  status(stream: string, status: 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE'): AirbyteMessage {
    return checked({ type: 'TRACE', trace: { type: 'STREAM_STATUS', emitted_at: Date.now(), stream_status: { stream_descriptor: { name: stream }, status } } });
  },
  error(stream: string, message: string): AirbyteMessage {
    return checked({ type: 'TRACE', trace: { type: 'ERROR', emitted_at: Date.now(), error: { message, failure_type: 'transient_error', stream_descriptor: { name: stream } } } });
  },
};

function checked(message: AirbyteMessage): AirbyteMessage {
  assertValidMessage(message);
  return message;
}

export interface SyntheticStream {
  name: string;
  schema: unknown;
  primaryKey?: string[][];
  mode: LoadMode;
}

/** What a reporter was told, for assertions. */
export function recordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (t) => lines.push(`info ${t}`),
    warn: (t) => lines.push(`warn ${t}`),
    error: (t) => lines.push(`error ${t}`),
    track: () => undefined,
    update: (view, event) => lines.push(`${event} ${view.name}`),
    close: () => undefined,
  };
}

/**
 * One sync's load, as `kroll sync` does it but fed with the given messages instead of a source:
 * prepares the tables, returns the states they hand the source, then handles the messages.
 * With `kill`, the file is closed after the messages as a killed process would leave it: nothing
 * finished, nothing cleaned up.
 */
export async function load(
  path: string,
  streams: SyntheticStream[],
  feed: AirbyteMessage[] | ((states: Map<string, unknown>) => AirbyteMessage[]),
  options: { kill?: boolean; syncId?: number } = {},
): Promise<{ states: Map<string, unknown>; views: StreamView[]; tables: StreamTable[]; reporter: ReturnType<typeof recordingReporter> }> {
  const db = await Database.open(path);
  const reporter = recordingReporter();
  const loaded: LoadedStream[] = [];
  const states = new Map<string, unknown>();
  try {
    for (const s of streams) {
      const columns = columnsOf(s.schema);
      const table = new StreamTable(db, { name: s.name, columns, primaryKey: primaryKeyOf(s.primaryKey, columns).key, mode: s.mode }, options.syncId ?? 1);
      states.set(s.name, await table.prepare());
      const view: StreamView = { name: s.name, mode: s.mode === 'incremental' ? 'incremental' : 'full refresh', status: 'waiting', resumed: table.resumed, records: 0, committed: 0, states: 0, errors: [] };
      loaded.push({ table, view });
    }
    const loader = new Loader(loaded, reporter, { verbose: true });
    for (const message of typeof feed === 'function' ? feed(states) : feed) await loader.handle(message);
    if (!options.kill) {
      await loader.finish('ended its test feed');
      for (const { table } of loaded) await table.close();
    }
  } finally {
    db.close();
  }
  return { states, views: loaded.map((l) => l.view), tables: loaded.map((l) => l.table), reporter };
}
