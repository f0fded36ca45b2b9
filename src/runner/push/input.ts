/**
 * What `kroll push` sends: fulfillment request records, from a JSONL file (one JSON object a line)
 * or from the rows of a DuckDB query or table (each row one record, turned into JSON by DuckDB's
 * own `to_json`: a STRUCT column becomes an object, a LIST column an array, a JSON column its
 * value). An input can be read more than once: push reads it whole to check every record before
 * anything is sent, then again as it sends, so that no input is held in memory.
 */
import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { textLines } from '../../protocol/lines.js';
import { ident, type Database } from '../duckdb/database.js';

export interface InputRecord {
  /** 1 for the first record of the input. */
  position: number;
  /** Where the record is, for messages: "orders.jsonl line 12", "row 12 of the query". */
  where: string;
  data: Record<string, unknown>;
}

/** A part of the input that is no record (a line that is not a JSON object). */
export interface InputProblem {
  where: string;
  problem: string;
}

export interface PushInput {
  /** What the input is, for messages: "orders.jsonl", "the query", "table orders". */
  description: string;
  /** The file or the query itself, for the push history. */
  source: string;
  /** Every record in order, and every problem where it is. */
  read(): AsyncIterable<InputRecord | InputProblem>;
  close(): void;
}

/** The input cannot be read at all: a missing file, a query DuckDB refuses. */
export class InputReadError extends Error {}

export const isProblem = (item: InputRecord | InputProblem): item is InputProblem => 'problem' in item;

function describeJsonValue(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array';
  if (value === null) return 'null';
  return `a JSON ${typeof value}`;
}

/**
 * Why a line is no record, or its record. V8's own message can quote the line (customer data),
 * so only the position is kept.
 */
function parseLine(text: string): { data: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position !== undefined) return { problem: `is not valid JSON (column ${Number(position) + 1})` };
    return { problem: /end of JSON input/.test(message) ? 'is not valid JSON (it ends too early)' : 'is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: `is ${describeJsonValue(value)}, not an object: each line must be one fulfillment request, such as {"order_id": "A-1001", ...}` };
  }
  const object = value as Record<string, unknown>;
  if (object.type === 'RECORD' && object.record !== null && typeof object.record === 'object') {
    return { problem: 'is an Airbyte RECORD message: kroll push takes the records themselves (the "data" of each message), one per line' };
  }
  return { data: object };
}

/**
 * A JSONL file: one record a line, in UTF-8; blank lines are skipped, a byte-order mark and CRLF
 * line ends are fine. A line that is not UTF-8 (a Latin-1 "é", say) is a problem of its own: read
 * leniently, it would reach Kroll with U+FFFD in place of the letter.
 */
export async function jsonlInput(path: string): Promise<PushInput> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputReadError(`${path} ${code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'error'})`}`);
  }
  return {
    description: path,
    source: path,
    async *read() {
      const file = createReadStream(path);
      let position = 0;
      try {
        for await (const { number, text } of textLines(file)) {
          const where = `${path} line ${number}`;
          if (text === null) {
            yield { where, problem: 'is not UTF-8 text: the file must be UTF-8 (convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8)' };
            continue;
          }
          if (text.trim() === '') continue;
          const parsed = parseLine(text);
          if ('problem' in parsed) yield { where, problem: parsed.problem };
          else yield { position: ++position, where, data: parsed.data };
        }
      } catch (error) {
        throw new InputReadError(`${path} cannot be read: ${(error as Error).message}`);
      } finally {
        file.destroy();
      }
    },
    close() {},
  };
}

const INPUT_TABLE = '_kroll_push_input';
const CHUNK_ROWS = 1000;

/**
 * Why the query is not one SELECT (nor FROM ..., VALUES ...: DuckDB prepares those as SELECTs),
 * found by preparing it, which runs nothing; undefined when it is one, or when DuckDB cannot tell
 * (running it then says why). Wrapped as a subquery, a DELETE would only get a parser error about
 * the wrapper.
 */
async function notOneSelect(connection: DuckDBConnection, query: string): Promise<string | undefined> {
  let statements;
  try {
    statements = await connection.extractStatements(query);
  } catch {
    return undefined;
  }
  if (statements.count !== 1) return `it holds ${statements.count} statements`;
  try {
    const type = (await statements.prepare(0)).statementType;
    return type === StatementType.SELECT ? undefined : `it is ${/^[AEIOU]/.test(StatementType[type]) ? 'an' : 'a'} ${StatementType[type]} statement`;
  } catch {
    // Preparing binds too: a DELETE FROM a table not there fails that, before its type is known.
    return (await parsedAsSelect(connection, query)) ? undefined : 'it is not a SELECT statement';
  }
}

/**
 * Whether DuckDB's parser alone, without the catalog, takes the query for a SELECT: its
 * json_serialize_sql serializes SELECT statements only, and says so for any other kind.
 */
async function parsedAsSelect(connection: DuckDBConnection, query: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)::VARCHAR', [query]);
  const parsed = JSON.parse(String(reader.getRows()[0]![0])) as { error: boolean; error_message?: string };
  return !(parsed.error && /only select statements/i.test(parsed.error_message ?? ''));
}

/** DuckDB's error, without what points into our wrapper of the query or names push's own tables. */
function duckdbProblem(error: unknown): string {
  return (error as Error).message
    .replace(/\n+LINE \d+:[\s\S]*$/, '')
    .replace(/\s*Did you mean "(?:[^"]*\.)?_kroll_[^"]*"\?/, '');
}

/**
 * The rows of a query, materialized once in a temporary table (in its own connection: the push
 * history is written meanwhile), so that the records are the same, in the same order, each time
 * they are read. The query is wrapped as a subquery, so it must be one SELECT (or VALUES, FROM...).
 */
export async function queryInput(db: Database, sql: string, what: { description: string; rows: string; source: string }): Promise<PushInput> {
  const query = sql.trim().replace(/;+\s*$/, '');
  if (query === '') throw new InputReadError('the query is empty');
  const connection: DuckDBConnection = await db.connect();
  try {
    const wrong = await notOneSelect(connection, query);
    if (wrong !== undefined) throw new InputReadError(`${what.description} must be one SELECT statement (or FROM ..., VALUES ...), but ${wrong}: nothing ran`);
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${INPUT_TABLE} AS SELECT * FROM (${query}\n)`);
  } catch (error) {
    connection.closeSync();
    if (error instanceof InputReadError) throw error;
    throw new InputReadError(`DuckDB cannot run ${what.description}: ${duckdbProblem(error)}`);
  }
  return {
    description: what.description,
    source: what.source,
    async *read() {
      let position = 0;
      for (;;) {
        const reader = await connection.runAndReadAll(
          `SELECT to_json(t)::VARCHAR AS record FROM ${INPUT_TABLE} t WHERE rowid >= $1 ORDER BY rowid LIMIT ${CHUNK_ROWS}`,
          [position],
        );
        const rows = reader.getRowObjectsJson();
        for (const row of rows) {
          position++;
          yield { position, where: `row ${position} of ${what.rows}`, data: JSON.parse(String(row.record)) as Record<string, unknown> };
        }
        if (rows.length < CHUNK_ROWS) return;
      }
    },
    close() {
      connection.closeSync();
    },
  };
}

/** `--table NAME`: every row of a table or view (NAME may be schema.table). */
export function tableQuery(name: string): string {
  return `SELECT * FROM ${name.split('.').map((part) => ident(part)).join('.')}`;
}
