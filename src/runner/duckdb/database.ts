/**
 * The DuckDB file the runner loads: one connection, transactions, and the runner's two internal
 * tables. `_kroll_state` holds each stream's state, always written in the same transaction as the
 * rows it covers; `_kroll_syncs` is the history of syncs.
 */
import { DuckDBInstance, quotedIdentifier, type DuckDBConnection, type DuckDBValue, type Json } from '@duckdb/node-api';

export const STATE_TABLE = '_kroll_state';
export const SYNCS_TABLE = '_kroll_syncs';

export class DatabaseError extends Error {}

export const ident = quotedIdentifier;

export interface StateRow {
  stream: string;
  /** Last committed state of an incremental read; the next incremental read starts from it. */
  state: unknown;
  /** Last committed state of a full refresh still loading into its staging table. */
  stagingState: unknown;
}

function parseJsonColumn(value: Json): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
}

export class Database {
  private inTransaction = false;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (or creates) the file and its internal tables. */
  static async open(path: string): Promise<Database> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        const pid = /PID (\d+)/.exec(message)?.[1];
        throw new DatabaseError(
          `${path} is open in another process${pid ? ` (PID ${pid})` : ''}: a running kroll sync or a DuckDB session. Close it and try again.`,
        );
      }
      throw new DatabaseError(`cannot open ${path} as a DuckDB database: ${message}`);
    }
    const connection = await instance.connect();
    const db = new Database(path, instance, connection);
    await db.run(`
      CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (
        stream VARCHAR PRIMARY KEY,
        state JSON,
        staging_state JSON,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${SYNCS_TABLE} (
        sync_id BIGINT PRIMARY KEY,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        source VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        streams JSON
      );`);
    return db;
  }

  /** Another connection to the same file, for work that runs beside this one's (its own temporary tables). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async run(sql: string, values?: DuckDBValue[]): Promise<void> {
    await this.connection.run(sql, values);
  }

  async rows(sql: string, values?: DuckDBValue[]): Promise<Record<string, Json>[]> {
    const reader = await this.connection.runAndReadAll(sql, values);
    return reader.getRowObjectsJson();
  }

  /** Runs `work` in one transaction: all of it is committed, or none. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new Error('nested transaction');
    this.inTransaction = true;
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async tableExists(name: string, database = 'main'): Promise<boolean> {
    const found = await this.rows(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = ${database === 'main' ? 'current_database()' : '$2'} AND schema_name = 'main' AND table_name = $1`,
      database === 'main' ? [name] : [name, database],
    );
    return found.length > 0;
  }

  /** Column names and SQL types of a table, in order ("temp" for temporary tables). */
  async columnTypes(name: string, database = 'main'): Promise<{ name: string; type: string }[]> {
    const rows = await this.rows(
      `SELECT column_name, data_type FROM duckdb_columns()
       WHERE database_name = ${database === 'main' ? 'current_database()' : '$2'} AND schema_name = 'main' AND table_name = $1
       ORDER BY column_index`,
      database === 'main' ? [name] : [name, database],
    );
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
  }

  async primaryKey(name: string): Promise<string[]> {
    const rows = await this.rows(
      `SELECT constraint_column_names FROM duckdb_constraints()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 AND constraint_type = 'PRIMARY KEY'`,
      [name],
    );
    const names = rows[0]?.constraint_column_names;
    return Array.isArray(names) ? names.map(String) : [];
  }

  async count(table: string): Promise<number> {
    const rows = await this.rows(`SELECT count(*) AS n FROM ${ident(table)}`);
    return Number(rows[0]?.n ?? 0);
  }

  async readState(stream: string): Promise<StateRow> {
    const rows = await this.rows(`SELECT state, staging_state FROM ${STATE_TABLE} WHERE stream = $1`, [stream]);
    const row = rows[0];
    return { stream, state: row ? parseJsonColumn(row.state!) : undefined, stagingState: row ? parseJsonColumn(row.staging_state!) : undefined };
  }

  /** Changes the stream's state columns given (undefined = leave as is, null = clear). */
  async writeState(stream: string, change: { state?: unknown; stagingState?: unknown }): Promise<void> {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await this.run(`INSERT INTO ${STATE_TABLE} (stream, updated_at) VALUES ($1, now()) ON CONFLICT (stream) DO NOTHING`, [stream]);
    const sets: string[] = ['updated_at = now()'];
    const values: DuckDBValue[] = [stream];
    if (change.state !== undefined) {
      values.push(json(change.state));
      sets.push(`state = $${values.length}`);
    }
    if (change.stagingState !== undefined) {
      values.push(json(change.stagingState));
      sets.push(`staging_state = $${values.length}`);
    }
    await this.run(`UPDATE ${STATE_TABLE} SET ${sets.join(', ')} WHERE stream = $1`, values);
  }

  /** Starts a sync in the history and returns its id; syncs left running by a killed process are marked interrupted. */
  async beginSync(source: string): Promise<number> {
    await this.run(`UPDATE ${SYNCS_TABLE} SET status = 'interrupted' WHERE status = 'running'`);
    const rows = await this.rows(`SELECT coalesce(max(sync_id), 0) + 1 AS id FROM ${SYNCS_TABLE}`);
    const id = Number(rows[0]?.id ?? 1);
    await this.run(`INSERT INTO ${SYNCS_TABLE} (sync_id, started_at, source, status) VALUES ($1, now(), $2, 'running')`, [id, source]);
    return id;
  }

  async endSync(id: number, status: 'succeeded' | 'failed' | 'interrupted', streams: unknown): Promise<void> {
    await this.run(`UPDATE ${SYNCS_TABLE} SET finished_at = now(), status = $2, streams = $3 WHERE sync_id = $1`, [id, status, JSON.stringify(streams)]);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
