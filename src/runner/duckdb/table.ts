/**
 * One stream's table while a sync loads it.
 *
 * Records are appended (DuckDB's appender, no row-by-row SQL) to a temporary batch table. At each
 * STATE of the stream, one transaction moves the batch into the target and writes the state: the
 * rows and the state that covers them are committed together or not at all, so a sync killed at
 * any point resumes from its last committed state without duplicates or gaps.
 *
 * - Incremental streams load into the table itself, merged (upserted) by primary key.
 * - Full-refresh streams load into `_kroll_staging_<stream>` and replace the table in one
 *   transaction when the stream completes; a failed stream leaves the table as it was. The
 *   staging table and its state survive a kill, so the next full refresh of the stream resumes
 *   it from its last checkpoint. Rows are merged by primary key there too, so a source that
 *   sends rows again after a resume (it may restart from the beginning) cannot duplicate them.
 *   Without a primary key a resume could duplicate rows, so such a stream starts over instead.
 */
import { DuckDBTimestampTZValue, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { METADATA_COLUMNS, sqlType, type Column } from './columns.js';
import { ident, type Database } from './database.js';
import { UNFIT, columnConverter, type ColumnConverter } from './values.js';

export type LoadMode = 'incremental' | 'full_refresh';

export interface StreamTableSpec {
  /** The stream name, which is also the table name. */
  name: string;
  columns: Column[];
  /** Primary key columns; empty when the stream has none. */
  primaryKey: string[];
  mode: LoadMode;
}

export class TableShapeError extends Error {}

/** A change Airbyte destinations record in `_airbyte_meta` when they null a field. */
interface MetaChange {
  field: string;
  change: string;
  reason: string;
}

const SEQ = '_kroll_seq';

export function stagingName(stream: string): string {
  return `_kroll_staging_${stream}`;
}

export function batchName(stream: string): string {
  return `_kroll_batch_${stream}`;
}

export class StreamTable {
  /** Records committed to the target in this sync. */
  committed = 0;
  /** STATE messages committed in this sync. */
  states = 0;
  /** Records appended since the last commit. */
  pending = 0;
  /** Records whose primary key was missing: not loadable, counted and skipped. */
  rejected = 0;
  /** Values stored as NULL because they did not fit their column. */
  nulledValues = 0;
  /** The full refresh continues a staging table left by an interrupted sync. */
  resumed = false;

  private appender: DuckDBAppender | undefined;
  private readonly converters: ColumnConverter[];
  private readonly keyIndexes: number[];
  private readonly values: unknown[];
  private seq = 0n;
  private readonly keyColumns: Set<string>;

  constructor(
    private readonly db: Database,
    readonly spec: StreamTableSpec,
    private readonly syncId: number,
  ) {
    this.converters = spec.columns.map((c) => columnConverter(c.type));
    this.keyColumns = new Set(spec.primaryKey);
    this.keyIndexes = spec.primaryKey.map((k) => spec.columns.findIndex((c) => c.name === k));
    this.values = new Array<unknown>(spec.columns.length);
  }

  get target(): string {
    return this.spec.mode === 'incremental' ? this.spec.name : stagingName(this.spec.name);
  }

  /** Column definitions of the table: the stream's fields, then the metadata columns. */
  private columnsDdl(): string[] {
    return [
      ...this.spec.columns.map((c) => `${ident(c.name)} ${sqlType(c.type)}${this.keyColumns.has(c.name) ? ' NOT NULL' : ''}`),
      `${ident(METADATA_COLUMNS.extractedAt)} TIMESTAMPTZ NOT NULL`,
      `${ident(METADATA_COLUMNS.meta)} JSON`,
    ];
  }

  private createTableSql(name: string): string {
    const key = this.spec.primaryKey.length > 0 ? [`PRIMARY KEY (${this.spec.primaryKey.map(ident).join(', ')})`] : [];
    return `CREATE TABLE ${ident(name)} (${[...this.columnsDdl(), ...key].join(', ')})`;
  }

  private get loadedColumns(): string[] {
    return [...this.spec.columns.map((c) => c.name), METADATA_COLUMNS.extractedAt, METADATA_COLUMNS.meta];
  }

  /**
   * Creates the tables the load needs and returns the state to give the source for this stream
   * (undefined: read from the beginning).
   */
  async prepare(): Promise<unknown> {
    const { name, mode } = this.spec;
    const stored = await this.db.readState(name);
    await this.db.run(`CREATE OR REPLACE TEMP TABLE ${ident(batchName(name))} (${[...this.columnsDdl().map((d) => d.replace(/ NOT NULL$/, '')), `${SEQ} BIGINT`].join(', ')})`);
    const expected = await this.db.columnTypes(batchName(name), 'temp');
    const expectedShape = expected.filter((c) => c.name !== SEQ);
    let state: unknown;

    if (mode === 'incremental') {
      const exists = await this.db.tableExists(name);
      await this.db.transaction(async () => {
        // A full refresh interrupted earlier is not resumed by an incremental sync: start it anew next time.
        await this.db.run(`DROP TABLE IF EXISTS ${ident(stagingName(name))}`);
        if (exists) await this.reconcile(expectedShape);
        else await this.db.run(this.createTableSql(name));
        // Without its table, a stored state would skip rows that are no longer anywhere.
        await this.db.writeState(name, { stagingState: null, ...(exists ? {} : { state: null }) });
      });
      state = exists ? stored.state : undefined;
    } else {
      const staging = stagingName(name);
      const resumable =
        stored.stagingState !== undefined &&
        stored.stagingState !== null &&
        this.spec.primaryKey.length > 0 &&
        (await this.db.tableExists(staging)) &&
        sameShape(await this.db.columnTypes(staging), expectedShape) &&
        sameKey(await this.db.primaryKey(staging), this.spec.primaryKey);
      if (resumable) {
        this.resumed = true;
        state = stored.stagingState;
      } else {
        await this.db.transaction(async () => {
          await this.db.run(`DROP TABLE IF EXISTS ${ident(staging)}`);
          await this.db.run(this.createTableSql(staging));
          await this.db.writeState(name, { stagingState: null });
        });
      }
    }
    this.appender = await this.db.connection.createAppender(batchName(name), 'main', 'temp');
    return state;
  }

  /** Adds columns the schema gained; refuses a table whose types or key no longer match. */
  private async reconcile(expected: { name: string; type: string }[]): Promise<void> {
    const { name } = this.spec;
    const actual = new Map((await this.db.columnTypes(name)).map((c) => [c.name.toLowerCase(), c]));
    const rebuild = `Run \`kroll sync --full-refresh --streams ${name}\` to rebuild the table.`;
    for (const column of expected) {
      const existing = actual.get(column.name.toLowerCase());
      if (!existing) {
        await this.db.run(`ALTER TABLE ${ident(name)} ADD COLUMN ${ident(column.name)} ${column.type}`);
      } else if (existing.type !== column.type) {
        throw new TableShapeError(`column ${column.name} of table ${name} is ${existing.type}, but the stream's schema now makes it ${column.type}. ${rebuild}`);
      }
    }
    const key = await this.db.primaryKey(name);
    if (!sameKey(key, this.spec.primaryKey)) {
      throw new TableShapeError(
        `table ${name} has primary key (${key.join(', ') || 'none'}), but the stream's is (${this.spec.primaryKey.join(', ') || 'none'}). ${rebuild}`,
      );
    }
  }

  /**
   * Appends one record to the batch; false when it cannot be loaded because its primary key is
   * missing or does not fit its column (a row without its key could not be merged).
   */
  add(data: Record<string, unknown>, emittedAt: number, sourceChanges: MetaChange[] | undefined): boolean {
    const { columns } = this.spec;
    const values = this.values;
    for (let i = 0; i < columns.length; i++) values[i] = this.converters[i]!.convert(data[columns[i]!.name]);
    for (const i of this.keyIndexes) {
      if (values[i] === null || values[i] === UNFIT) {
        this.rejected++;
        return false;
      }
    }
    const changes: MetaChange[] = sourceChanges ? [...sourceChanges] : [];
    const appender = this.appender!;
    for (let i = 0; i < columns.length; i++) {
      let value = values[i];
      if (value === UNFIT) {
        changes.push({ field: columns[i]!.name, change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' });
        this.nulledValues++;
        value = null;
      }
      this.converters[i]!.append(appender, value as DuckDBValue);
    }
    appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(emittedAt) * 1000n));
    appender.appendVarchar(JSON.stringify({ sync_id: this.syncId, changes }));
    appender.appendBigInt(this.seq++);
    appender.endRow();
    this.pending++;
    return true;
  }

  /**
   * Moves the batch into the target and, when given, writes the state, in one transaction.
   */
  async commit(state?: { value: unknown }): Promise<void> {
    const { name, mode } = this.spec;
    this.appender!.flushSync();
    const batch = ident(batchName(name));
    const columns = this.loadedColumns.map(ident).join(', ');
    const key = this.spec.primaryKey.map(ident).join(', ');
    const rows = this.pending;
    await this.db.transaction(async () => {
      if (rows > 0) {
        if (this.spec.primaryKey.length > 0) {
          // The last record of a key wins, within the batch as against the table.
          await this.db.run(
            `INSERT OR REPLACE INTO ${ident(this.target)} (${columns})
             SELECT ${columns} FROM ${batch}
             QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${SEQ} DESC) = 1`,
          );
        } else {
          await this.db.run(`INSERT INTO ${ident(this.target)} (${columns}) SELECT ${columns} FROM ${batch} ORDER BY ${SEQ}`);
        }
        await this.db.run(`DELETE FROM ${batch}`);
      }
      if (state !== undefined) {
        await this.db.writeState(name, mode === 'incremental' ? { state: state.value } : { stagingState: state.value });
      }
    });
    this.committed += rows;
    this.pending = 0;
    if (state !== undefined) this.states++;
  }

  /** The stream is complete: loads what is left and, for a full refresh, replaces the table. */
  async complete(): Promise<void> {
    await this.commit();
    if (this.spec.mode === 'incremental') return;
    const { name } = this.spec;
    await this.db.transaction(async () => {
      await this.db.run(`DROP TABLE IF EXISTS ${ident(name)}`);
      await this.db.run(`ALTER TABLE ${ident(stagingName(name))} RENAME TO ${ident(name)}`);
      // A state from an incremental read does not describe the rows of a full refresh: the next
      // incremental read starts from the beginning (merging into this table).
      await this.db.writeState(name, { state: null, stagingState: null });
    });
  }

  /**
   * The stream failed, or was interrupted: what was not committed is dropped; committed checkpoints
   * stay for a resume.
   */
  async fail(options: { interrupted?: boolean } = {}): Promise<void> {
    this.appender?.clear();
    this.pending = 0;
    await this.db.run(`DELETE FROM ${ident(batchName(this.spec.name))}`);
    // A resumed full refresh that failed again before its first checkpoint may be failing on its
    // own state: the next sync starts the stream over rather than resume it forever. One that was
    // stopped is resumed again.
    if (this.spec.mode === 'full_refresh' && this.resumed && this.states === 0 && !options.interrupted) {
      await this.db.transaction(async () => {
        await this.db.run(`DROP TABLE IF EXISTS ${ident(stagingName(this.spec.name))}`);
        await this.db.writeState(this.spec.name, { stagingState: null });
      });
    }
  }

  async rowsInTable(): Promise<number | undefined> {
    return (await this.db.tableExists(this.spec.name)) ? this.db.count(this.spec.name) : undefined;
  }

  async close(): Promise<void> {
    this.appender?.closeSync();
    this.appender = undefined;
    await this.db.run(`DROP TABLE IF EXISTS temp.main.${ident(batchName(this.spec.name))}`);
  }
}

function sameShape(actual: { name: string; type: string }[], expected: { name: string; type: string }[]): boolean {
  return actual.length === expected.length && actual.every((c, i) => c.name === expected[i]!.name && c.type === expected[i]!.type);
}

function sameKey(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && actual.every((k, i) => k === expected[i]);
}
