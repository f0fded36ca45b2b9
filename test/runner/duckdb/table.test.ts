/**
 * The generic load, fed with protocol messages in this process: typed tables from a synthetic
 * schema, merges by key, full refresh swaps, state committed with its rows, resumes after a kill.
 */
import { describe, expect, it } from 'vitest';
import { EVERY_TYPE, EVERY_TYPE_RECORD, EVERY_TYPE_SCHEMA, readBack } from '../every-type.js';
import { columnTypes, load, messages as m, query, tableContents, tableNames, tempDb, type SyntheticStream } from '../helpers.js';

const ITEMS = {
  type: 'object',
  properties: { sku: { type: 'string' }, quantity: { type: ['integer', 'null'] }, note: { type: ['string', 'null'] } },
};
const item = (sku: string, quantity: number, note: string | null = null) => ({ sku, quantity, note });

function stream(mode: SyntheticStream['mode'], overrides: Partial<SyntheticStream> = {}): SyntheticStream {
  return { name: 'items', schema: ITEMS, primaryKey: [['sku']], mode, ...overrides };
}

async function rows(path: string, table = 'items'): Promise<{ sku: string; quantity: number | null; note: string | null }[]> {
  return (await tableContents(path, table)).map((r) => ({ sku: String(r.sku), quantity: r.quantity === null ? null : Number(r.quantity), note: (r.note as string | null) ?? null }));
}

async function stateRow(path: string, name = 'items'): Promise<{ state: unknown; staging_state: unknown }> {
  const [row] = await query(path, `SELECT state, staging_state FROM _kroll_state WHERE stream = '${name}'`);
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return { state: parse(row?.state ?? null), staging_state: parse(row?.staging_state ?? null) };
}

describe('a stream with every JSON type', () => {
  const everyType: SyntheticStream = { name: 'every_type', schema: EVERY_TYPE_SCHEMA, primaryKey: [['id']], mode: 'incremental' };
  const record = Object.fromEntries(Object.entries(EVERY_TYPE_RECORD).map(([k, [v]]) => [k, v]));

  it('gets a typed table with the primary key enforced and the metadata columns', async () => {
    const path = tempDb();
    await load(path, [everyType], [m.status('every_type', 'STARTED'), m.record('every_type', record), m.state('every_type', { n: 1 }), m.status('every_type', 'COMPLETE')]);
    const types = await columnTypes(path, 'every_type');
    const expected = Object.fromEntries(Object.entries(EVERY_TYPE).map(([name, [, sql]]) => [name, sql.replace(/DECIMAL\((\d+), (\d+)\)/, 'DECIMAL($1,$2)')]));
    expect(types).toEqual({ ...expected, _airbyte_extracted_at: 'TIMESTAMP WITH TIME ZONE', _airbyte_meta: 'JSON' });
    const key = await query(path, `SELECT constraint_column_names FROM duckdb_constraints() WHERE table_name = 'every_type' AND constraint_type = 'PRIMARY KEY'`);
    expect(key).toEqual([{ constraint_column_names: ['id'] }]);
  });

  it('stores every value as its type', async () => {
    const path = tempDb();
    const emittedAt = Date.parse('2026-05-06T07:08:09.010Z');
    await load(path, [everyType], [m.record('every_type', record, emittedAt), m.state('every_type', { n: 1 }), m.status('every_type', 'COMPLETE')]);
    const columns = Object.keys(EVERY_TYPE);
    const [row] = await query(path, `SELECT ${columns.map((c) => `${readBack(c)} AS "${c}"`).join(', ')}, epoch_ms(_airbyte_extracted_at) AS extracted, _airbyte_meta FROM every_type`);
    for (const column of columns) {
      const expected = EVERY_TYPE_RECORD[column]![1];
      const actual = row![column] ?? null;
      if (EVERY_TYPE[column]![1] === 'JSON' && expected !== null) expect(JSON.parse(String(actual)), column).toEqual(JSON.parse(expected));
      else expect(actual, column).toBe(expected);
    }
    expect(Number(row!.extracted)).toBe(emittedAt);
    expect(JSON.parse(String(row!._airbyte_meta))).toEqual({ sync_id: 1, changes: [] });
  });

  it('stores values that do not fit their column as NULL, listed in _airbyte_meta, and skips records without a key', async () => {
    const path = tempDb();
    const unfit = { ...record, id: 'row-2', int: 1.5, instant: 'yesterday', day: '2026-02-30', tags: 'one tag', counts: [1, 'two'], flag: 'yes', cents: 'abc', clock: '25:00:00' };
    const { reporter } = await load(path, [everyType], [
      m.record('every_type', unfit),
      m.record('every_type', { ...record, id: null }),
      m.state('every_type', { n: 1 }),
      m.status('every_type', 'COMPLETE'),
    ]);
    const [row] = await query(path, `SELECT int, instant, day, tags, counts, flag, cents, clock, text, _airbyte_meta FROM every_type`);
    expect(row).toMatchObject({ int: null, instant: null, day: null, tags: null, counts: null, flag: null, cents: null, clock: null, text: record.text });
    const meta = JSON.parse(String(row!._airbyte_meta)) as { changes: { field: string; change: string; reason: string }[] };
    expect(meta.changes.map((c) => c.field).sort()).toEqual(['cents', 'clock', 'counts', 'day', 'flag', 'instant', 'int', 'tags']);
    expect(new Set(meta.changes.map((c) => `${c.change} ${c.reason}`))).toEqual(new Set(['NULLED DESTINATION_TYPECAST_ERROR']));
    expect(reporter.lines.join('\n')).toContain('every_type: 1 records without a usable primary key were skipped');
  });
});

describe('incremental streams', () => {
  it('merge by primary key: the last record of a key wins, within a batch and across syncs', async () => {
    const path = tempDb();
    await load(path, [stream('incremental')], [
      m.record('items', item('A', 1)),
      m.record('items', item('B', 2)),
      m.record('items', item('A', 3)),
      m.state('items', { cursor: 1 }),
      m.record('items', item('C', 4)),
      m.state('items', { cursor: 2 }),
      m.status('items', 'COMPLETE'),
    ]);
    expect(await rows(path)).toEqual([item('A', 3), item('B', 2), item('C', 4)]);
    const second = await load(path, [stream('incremental')], [m.record('items', item('B', 20, 'changed')), m.record('items', item('D', 5)), m.state('items', { cursor: 3 }), m.status('items', 'COMPLETE')]);
    expect(second.states.get('items')).toEqual({ cursor: 2 });
    expect(await rows(path)).toEqual([item('A', 3), item('B', 20, 'changed'), item('C', 4), item('D', 5)]);
    expect(await stateRow(path)).toEqual({ state: { cursor: 3 }, staging_state: null });
  });

  it('commit rows with the state that covers them: a kill loses exactly what no state covered', async () => {
    const path = tempDb();
    await load(path, [stream('incremental')], [m.record('items', item('A', 1)), m.state('items', { cursor: 1 }), m.record('items', item('B', 2))], { kill: true });
    expect(await rows(path)).toEqual([item('A', 1)]);
    expect(await stateRow(path)).toEqual({ state: { cursor: 1 }, staging_state: null });
    // The resumed read starts from the committed state and sends B again.
    const resumed = await load(path, [stream('incremental')], [m.record('items', item('B', 2)), m.state('items', { cursor: 2 }), m.status('items', 'COMPLETE')]);
    expect(resumed.states.get('items')).toEqual({ cursor: 1 });
    expect(await rows(path)).toEqual([item('A', 1), item('B', 2)]);
  });

  it('keep what was committed when the stream fails, and resume from its state', async () => {
    const path = tempDb();
    const { views } = await load(path, [stream('incremental')], [
      m.record('items', item('A', 1)),
      m.state('items', { cursor: 1 }),
      m.record('items', item('B', 2)),
      m.status('items', 'INCOMPLETE'),
      m.error('items', 'Kroll was regenerating the file'),
    ]);
    expect(views[0]).toMatchObject({ status: 'failed', committed: 1, records: 2, errors: ['Kroll was regenerating the file'] });
    expect(await rows(path)).toEqual([item('A', 1)]);
    expect(await stateRow(path)).toMatchObject({ state: { cursor: 1 } });
  });

  it('read from the beginning when their table is gone, whatever the stored state', async () => {
    const path = tempDb();
    await load(path, [stream('incremental')], [m.record('items', item('A', 1)), m.state('items', { cursor: 1 }), m.status('items', 'COMPLETE')]);
    await load(path, [{ name: 'other', schema: ITEMS, mode: 'full_refresh' }], [m.status('other', 'COMPLETE')]);
    const db = await (await import('../../../src/runner/duckdb/database.js')).Database.open(path);
    await db.run('DROP TABLE items');
    db.close();
    const again = await load(path, [stream('incremental')], [m.status('items', 'COMPLETE')]);
    expect(again.states.get('items')).toBeUndefined();
  });

  it('add the columns a schema gains, and refuse a column whose type changed', async () => {
    const path = tempDb();
    await load(path, [stream('incremental')], [m.record('items', item('A', 1)), m.state('items', { c: 1 }), m.status('items', 'COMPLETE')]);
    const wider = { ...ITEMS, properties: { ...ITEMS.properties, price: { type: 'number' } } };
    await load(path, [stream('incremental', { schema: wider })], [m.record('items', { ...item('B', 2), price: 9.5 }), m.state('items', { c: 2 }), m.status('items', 'COMPLETE')]);
    expect(await query(path, 'SELECT sku, price FROM items ORDER BY sku')).toEqual([{ sku: 'A', price: null }, { sku: 'B', price: 9.5 }]);
    const changed = { ...ITEMS, properties: { ...ITEMS.properties, quantity: { type: 'string' } } };
    await expect(load(path, [stream('incremental', { schema: changed })], [])).rejects.toThrow(/column quantity of table items is BIGINT.*VARCHAR.*--full-refresh --streams items/);
  });

  it('append when the stream has no primary key', async () => {
    const path = tempDb();
    const noKey = stream('incremental', { primaryKey: [] });
    await load(path, [noKey], [m.record('items', item('A', 1)), m.record('items', item('A', 1)), m.state('items', { c: 1 }), m.status('items', 'COMPLETE')]);
    await load(path, [noKey], [m.record('items', item('A', 2)), m.state('items', { c: 2 }), m.status('items', 'COMPLETE')]);
    expect(await rows(path)).toHaveLength(3);
  });
});

describe('full refresh streams', () => {
  async function loaded(path: string, skus: string[]): Promise<void> {
    await load(path, [stream('full_refresh')], [...skus.map((s) => m.record('items', item(s, 1))), m.state('items', { done: true }), m.status('items', 'COMPLETE')]);
  }

  it('replace the table when the stream completes', async () => {
    const path = tempDb();
    await loaded(path, ['A', 'B']);
    await loaded(path, ['C']);
    expect((await rows(path)).map((r) => r.sku)).toEqual(['C']);
    expect(await tableNames(path)).toEqual(['_kroll_state', '_kroll_syncs', 'items']);
    expect(await stateRow(path)).toEqual({ state: null, staging_state: null });
  });

  it('leave the previous table as it was when the stream fails, even after checkpoints', async () => {
    const path = tempDb();
    await loaded(path, ['A', 'B']);
    const { views } = await load(path, [stream('full_refresh')], [
      m.record('items', item('C', 1)),
      m.state('items', { line: 1 }),
      m.record('items', item('D', 1)),
      m.status('items', 'INCOMPLETE'),
    ]);
    expect(views[0]!.status).toBe('failed');
    expect((await rows(path)).map((r) => r.sku)).toEqual(['A', 'B']);
  });

  it('resume an interrupted load from its staging table and its last committed state', async () => {
    const path = tempDb();
    await loaded(path, ['OLD']);
    await load(path, [stream('full_refresh')], [m.record('items', item('A', 1)), m.state('items', { line: 1 }), m.record('items', item('B', 1))], { kill: true });
    expect((await rows(path)).map((r) => r.sku)).toEqual(['OLD']);
    expect(await stateRow(path)).toEqual({ state: null, staging_state: { line: 1 } });

    const resumed = await load(path, [stream('full_refresh')], [m.record('items', item('B', 1)), m.record('items', item('C', 1)), m.state('items', { done: true }), m.status('items', 'COMPLETE')]);
    expect(resumed.states.get('items')).toEqual({ line: 1 });
    expect(resumed.views[0]!.resumed).toBe(true);
    expect((await rows(path)).map((r) => r.sku)).toEqual(['A', 'B', 'C']);
    expect(await stateRow(path)).toEqual({ state: null, staging_state: null });
  });

  it('merge rows sent again after a resume (a source may start over), so nothing is duplicated', async () => {
    const path = tempDb();
    await load(path, [stream('full_refresh')], [m.record('items', item('A', 1)), m.state('items', { line: 1 })], { kill: true });
    await load(path, [stream('full_refresh')], [m.record('items', item('A', 2)), m.record('items', item('B', 1)), m.state('items', { done: true }), m.status('items', 'COMPLETE')]);
    expect(await rows(path)).toEqual([item('A', 2), item('B', 1)]);
  });

  it('start over instead of resuming when a resumed load failed before its first checkpoint', async () => {
    const path = tempDb();
    await load(path, [stream('full_refresh')], [m.record('items', item('A', 1)), m.state('items', { line: 1 })], { kill: true });
    await load(path, [stream('full_refresh')], [m.status('items', 'INCOMPLETE')]);
    const fresh = await load(path, [stream('full_refresh')], [m.record('items', item('B', 1)), m.state('items', { done: true }), m.status('items', 'COMPLETE')]);
    expect(fresh.states.get('items')).toBeUndefined();
    expect((await rows(path)).map((r) => r.sku)).toEqual(['B']);
  });

  it('start over without a primary key, since a resume could duplicate rows', async () => {
    const path = tempDb();
    const noKey = stream('full_refresh', { primaryKey: [] });
    await load(path, [noKey], [m.record('items', item('A', 1)), m.state('items', { line: 1 })], { kill: true });
    const again = await load(path, [noKey], [m.record('items', item('A', 1)), m.state('items', { done: true }), m.status('items', 'COMPLETE')]);
    expect(again.states.get('items')).toBeUndefined();
    expect(await rows(path)).toEqual([item('A', 1)]);
  });

  it('clear the incremental state of the stream, and an incremental sync drops an interrupted staging table', async () => {
    const path = tempDb();
    await load(path, [stream('incremental')], [m.record('items', item('A', 1)), m.state('items', { cursor: 1 }), m.status('items', 'COMPLETE')]);
    await load(path, [stream('full_refresh')], [m.record('items', item('B', 1)), m.state('items', { line: 1 })], { kill: true });
    expect(await stateRow(path)).toEqual({ state: { cursor: 1 }, staging_state: { line: 1 } });
    const incremental = await load(path, [stream('incremental')], [m.status('items', 'COMPLETE')]);
    expect(incremental.states.get('items')).toEqual({ cursor: 1 });
    expect(await tableNames(path)).not.toContain('_kroll_staging_items');
    await loaded(path, ['C']);
    expect(await stateRow(path)).toEqual({ state: null, staging_state: null });
  });
});

describe('the loader', () => {
  it('fails the streams the source did not finish, keeping their committed rows', async () => {
    const path = tempDb();
    const { views, reporter } = await load(path, [stream('incremental')], [m.record('items', item('A', 1)), m.state('items', { c: 1 }), m.record('items', item('B', 1))]);
    expect(views[0]).toMatchObject({ status: 'failed', committed: 1, errors: ['source-kroll ended its test feed before the stream finished'] });
    expect(reporter.lines).toContain('error items: source-kroll ended its test feed before the stream finished');
    expect(await rows(path)).toEqual([item('A', 1)]);
  });

  it('ignores messages for streams it does not load, with one warning', async () => {
    const path = tempDb();
    const { reporter } = await load(path, [stream('incremental')], [m.record('other', item('A', 1)), m.record('other', item('B', 1)), m.status('items', 'COMPLETE')]);
    expect(reporter.lines.filter((l) => l.includes("'other'"))).toHaveLength(1);
    expect(await rows(path)).toEqual([]);
  });
});
