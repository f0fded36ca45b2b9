/**
 * The columns of a stream's table, derived from the stream's JSON schema as the source discovered
 * it. Knows no stream: a new stream of the source gets its typed table from its schema alone.
 *
 * | JSON schema | DuckDB |
 * | --- | --- |
 * | `integer`, or `number` with `airbyte_type: integer` | BIGINT |
 * | `number` | DOUBLE |
 * | `number` with `multipleOf` a power of ten (0.01) | DECIMAL(38, decimals) |
 * | `boolean` | BOOLEAN |
 * | `string` | VARCHAR |
 * | `string` + `format: date-time` or `airbyte_type: timestamp_with_timezone` | TIMESTAMPTZ |
 * | `string` + `airbyte_type: timestamp_without_timezone` | TIMESTAMP |
 * | `string` + `format: date` | DATE |
 * | `string` + `format: time` / `airbyte_type: time_with(out)_timezone` | TIMETZ / TIME |
 * | `string` + `contentEncoding: base64` | BLOB |
 * | `array` of one of the scalar types above | that type's LIST, e.g. VARCHAR[] |
 * | `object`, other arrays, several types at once, no type | JSON |
 *
 * The Airbyte well-known types (`$ref: WellKnownTypes.json#/definitions/…`) map the same way.
 */

export type ScalarKind =
  | 'bigint'
  | 'double'
  | 'decimal'
  | 'boolean'
  | 'varchar'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'timetz'
  | 'blob';

export type ColumnType = { kind: ScalarKind; scale?: number } | { kind: 'list'; item: { kind: ScalarKind; scale?: number } } | { kind: 'json' };

export interface Column {
  /** The field name in the record, which is also the column name. */
  name: string;
  type: ColumnType;
}

/** Largest DECIMAL width DuckDB has; the scale comes from `multipleOf`. */
export const DECIMAL_WIDTH = 38;
const MAX_DECIMAL_SCALE = 18;

/** The metadata columns every stream table gets after its own. */
export const METADATA_COLUMNS = {
  /** When the source emitted the record (the record's `emitted_at`). */
  extractedAt: '_airbyte_extracted_at',
  /** `{"sync_id": N, "changes": [...]}`: which sync loaded the row, and fields nulled on the way. */
  meta: '_airbyte_meta',
} as const;

export function sqlType(type: ColumnType): string {
  switch (type.kind) {
    case 'list':
      return `${sqlType(type.item)}[]`;
    case 'json':
      return 'JSON';
    case 'decimal':
      return `DECIMAL(${DECIMAL_WIDTH}, ${type.scale ?? 0})`;
    default:
      return SQL_NAMES[type.kind];
  }
}

const SQL_NAMES: Record<Exclude<ScalarKind, 'decimal'>, string> = {
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  varchar: 'VARCHAR',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  time: 'TIME',
  timetz: 'TIME WITH TIME ZONE',
  blob: 'BLOB',
};

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema's non-null JSON types (a missing `type` gives none). */
function typesOf(schema: Schema): string[] {
  const declared = schema.type;
  const list = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared.filter((t): t is string => typeof t === 'string') : [];
  return list.filter((t) => t !== 'null');
}

const WELL_KNOWN: Record<string, ColumnType> = {
  String: { kind: 'varchar' },
  BinaryData: { kind: 'blob' },
  Date: { kind: 'date' },
  TimestampWithTimezone: { kind: 'timestamptz' },
  TimestampWithoutTimezone: { kind: 'timestamp' },
  TimeWithTimezone: { kind: 'timetz' },
  TimeWithoutTimezone: { kind: 'time' },
  Number: { kind: 'double' },
  Integer: { kind: 'bigint' },
  Boolean: { kind: 'boolean' },
};

/** `multipleOf: 0.01` -> 2; undefined unless it is exactly a power of ten no finer than 10^-18. */
function decimalScale(multipleOf: unknown): number | undefined {
  if (typeof multipleOf !== 'number' || !(multipleOf > 0) || multipleOf > 1) return undefined;
  for (let scale = 0; scale <= MAX_DECIMAL_SCALE; scale++) {
    if (Number(`1e-${scale}`) === multipleOf) return scale;
  }
  return undefined;
}

function stringType(schema: Schema): ColumnType {
  const airbyte = schema.airbyte_type;
  if (airbyte === 'timestamp_without_timezone') return { kind: 'timestamp' };
  if (airbyte === 'timestamp_with_timezone' || schema.format === 'date-time') return { kind: 'timestamptz' };
  if (airbyte === 'time_without_timezone') return { kind: 'time' };
  if (airbyte === 'time_with_timezone' || schema.format === 'time') return { kind: 'timetz' };
  if (schema.format === 'date' || airbyte === 'date') return { kind: 'date' };
  if (schema.contentEncoding === 'base64') return { kind: 'blob' };
  return { kind: 'varchar' };
}

/** The column type of one property's schema. */
export function columnType(schema: unknown): ColumnType {
  if (!isObject(schema)) return { kind: 'json' };
  if (typeof schema.$ref === 'string') {
    const name = /#\/definitions\/(\w+)$/.exec(schema.$ref)?.[1];
    return (name !== undefined && WELL_KNOWN[name]) || { kind: 'json' };
  }
  const types = typesOf(schema);
  // A union of types (["string", "integer"]) has no one column type: keep the value as JSON.
  if (types.length !== 1) return { kind: 'json' };
  switch (types[0]) {
    case 'integer':
      return { kind: 'bigint' };
    case 'number': {
      if (schema.airbyte_type === 'integer') return { kind: 'bigint' };
      const scale = decimalScale(schema.multipleOf);
      return scale === undefined ? { kind: 'double' } : { kind: 'decimal', scale };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return stringType(schema);
    case 'array': {
      const item = columnType(schema.items);
      return item.kind === 'list' || item.kind === 'json' ? { kind: 'json' } : { kind: 'list', item };
    }
    default:
      return { kind: 'json' };
  }
}

export class SchemaError extends Error {}

/**
 * The columns of a stream, in the schema's property order. Throws SchemaError for names DuckDB
 * cannot keep apart (it compares identifiers case-insensitively) or that clash with metadata.
 */
export function columnsOf(jsonSchema: unknown): Column[] {
  const properties = isObject(jsonSchema) && isObject(jsonSchema.properties) ? jsonSchema.properties : {};
  const seen = new Map<string, string>();
  const columns: Column[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (name === '') throw new SchemaError('the schema has a field with an empty name');
    if (name.toLowerCase().startsWith('_airbyte_')) throw new SchemaError(`field '${name}' clashes with the metadata columns (_airbyte_…)`);
    const folded = name.toLowerCase();
    const clash = seen.get(folded);
    if (clash !== undefined) throw new SchemaError(`fields '${clash}' and '${name}' differ only in case, which DuckDB column names cannot`);
    seen.set(folded, name);
    columns.push({ name, type: columnType(schema) });
  }
  return columns;
}

/**
 * The primary key columns from `source_defined_primary_key` (a list of field paths), or [] when
 * the stream has none. A nested path cannot be a column: such a key is not enforced.
 */
export function primaryKeyOf(paths: unknown, columns: Column[]): { key: string[]; problem?: string } {
  if (!Array.isArray(paths) || paths.length === 0) return { key: [] };
  const key: string[] = [];
  for (const path of paths) {
    if (!Array.isArray(path) || path.length !== 1 || typeof path[0] !== 'string') {
      return { key: [], problem: `primary key ${JSON.stringify(paths)} has a nested or malformed path; it is not enforced` };
    }
    const column = columns.find((c) => c.name === path[0]);
    if (!column) return { key: [], problem: `primary key field '${String(path[0])}' is not in the schema; it is not enforced` };
    if (column.type.kind === 'json' || column.type.kind === 'list') {
      return { key: [], problem: `primary key field '${column.name}' is not a scalar; it is not enforced` };
    }
    key.push(column.name);
  }
  return { key };
}
