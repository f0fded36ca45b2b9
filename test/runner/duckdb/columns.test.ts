/** JSON schema -> DuckDB column types, on a synthetic schema with every type and format combination. */
import { describe, expect, it } from 'vitest';
import { SchemaError, columnsOf, primaryKeyOf, sqlType } from '../../../src/runner/duckdb/columns.js';
import { EVERY_TYPE, EVERY_TYPE_SCHEMA } from '../every-type.js';


describe('columnsOf', () => {
  it('maps every JSON type and format to its DuckDB type, in the order of the schema', () => {
    const columns = columnsOf(EVERY_TYPE_SCHEMA);
    expect(columns.map((c) => c.name)).toEqual(Object.keys(EVERY_TYPE));
    for (const column of columns) expect(sqlType(column.type), column.name).toBe(EVERY_TYPE[column.name]![1]);
  });

  it('gives a schema without properties no columns', () => {
    expect(columnsOf({ type: 'object' })).toEqual([]);
    expect(columnsOf(undefined)).toEqual([]);
  });

  it('refuses field names DuckDB cannot keep apart, and names of the metadata columns', () => {
    expect(() => columnsOf({ properties: { Sku: { type: 'string' }, sku: { type: 'string' } } })).toThrow(SchemaError);
    expect(() => columnsOf({ properties: { Sku: { type: 'string' }, sku: { type: 'string' } } })).toThrow(/'Sku' and 'sku'/);
    expect(() => columnsOf({ properties: { _airbyte_meta: { type: 'string' } } })).toThrow(/metadata/);
  });
});

describe('primaryKeyOf', () => {
  const columns = columnsOf({ properties: { id: { type: 'string' }, line: { type: 'integer' }, doc: { type: 'object' } } });

  it('takes top-level key fields as key columns, composite keys in order', () => {
    expect(primaryKeyOf([['id']], columns)).toEqual({ key: ['id'] });
    expect(primaryKeyOf([['id'], ['line']], columns)).toEqual({ key: ['id', 'line'] });
    expect(primaryKeyOf(undefined, columns)).toEqual({ key: [] });
    expect(primaryKeyOf([], columns)).toEqual({ key: [] });
  });

  it('does not enforce keys it cannot: nested paths, unknown fields, non-scalar fields', () => {
    expect(primaryKeyOf([['doc', 'id']], columns)).toMatchObject({ key: [], problem: expect.stringContaining('nested') });
    expect(primaryKeyOf([['nope']], columns)).toMatchObject({ key: [], problem: expect.stringContaining("'nope'") });
    expect(primaryKeyOf([['doc']], columns)).toMatchObject({ key: [], problem: expect.stringContaining('not a scalar') });
  });
});
