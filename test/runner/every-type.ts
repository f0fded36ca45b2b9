/** A synthetic stream schema with every JSON type and format combination the runner maps. */

/** Each property's schema, and the DuckDB type the README's mapping table gives it. */
export const EVERY_TYPE: Record<string, [schema: Record<string, unknown>, sql: string]> = {
  id: [{ type: 'string' }, 'VARCHAR'],
  int: [{ type: 'integer' }, 'BIGINT'],
  int_nullable: [{ type: ['integer', 'null'] }, 'BIGINT'],
  int_null_first: [{ type: ['null', 'integer'] }, 'BIGINT'],
  int_as_airbyte_number: [{ type: 'number', airbyte_type: 'integer' }, 'BIGINT'],
  num: [{ type: ['number', 'null'] }, 'DOUBLE'],
  cents: [{ type: ['number', 'null'], multipleOf: 0.01 }, 'DECIMAL(38, 2)'],
  mills: [{ type: 'number', multipleOf: 0.001 }, 'DECIMAL(38, 3)'],
  whole_multiple: [{ type: 'number', multipleOf: 1 }, 'DECIMAL(38, 0)'],
  odd_multiple: [{ type: 'number', multipleOf: 0.25 }, 'DOUBLE'],
  flag: [{ type: ['boolean', 'null'] }, 'BOOLEAN'],
  text: [{ type: ['string', 'null'] }, 'VARCHAR'],
  enum_text: [{ type: ['string', 'null'], enum: ['a', 'b', null] }, 'VARCHAR'],
  instant: [{ type: ['string', 'null'], format: 'date-time' }, 'TIMESTAMP WITH TIME ZONE'],
  instant_airbyte: [{ type: 'string', format: 'date-time', airbyte_type: 'timestamp_with_timezone' }, 'TIMESTAMP WITH TIME ZONE'],
  instant_airbyte_only: [{ type: 'string', airbyte_type: 'timestamp_with_timezone' }, 'TIMESTAMP WITH TIME ZONE'],
  local_time_stamp: [{ type: 'string', format: 'date-time', airbyte_type: 'timestamp_without_timezone' }, 'TIMESTAMP'],
  day: [{ type: ['string', 'null'], format: 'date' }, 'DATE'],
  clock: [{ type: 'string', format: 'time', airbyte_type: 'time_without_timezone' }, 'TIME'],
  clock_tz: [{ type: 'string', format: 'time', airbyte_type: 'time_with_timezone' }, 'TIME WITH TIME ZONE'],
  clock_plain_format: [{ type: 'string', format: 'time' }, 'TIME WITH TIME ZONE'],
  bytes: [{ type: 'string', contentEncoding: 'base64' }, 'BLOB'],
  other_format: [{ type: 'string', format: 'email' }, 'VARCHAR'],
  tags: [{ type: ['array', 'null'], items: { type: 'string' } }, 'VARCHAR[]'],
  counts: [{ type: 'array', items: { type: ['integer', 'null'] } }, 'BIGINT[]'],
  amounts: [{ type: 'array', items: { type: 'number', multipleOf: 0.01 } }, 'DECIMAL(38, 2)[]'],
  ratios: [{ type: 'array', items: { type: 'number' } }, 'DOUBLE[]'],
  flags: [{ type: 'array', items: { type: 'boolean' } }, 'BOOLEAN[]'],
  instants: [{ type: 'array', items: { type: 'string', format: 'date-time' } }, 'TIMESTAMP WITH TIME ZONE[]'],
  days: [{ type: 'array', items: { type: 'string', format: 'date' } }, 'DATE[]'],
  lines: [{ type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } }, 'JSON'],
  matrix: [{ type: 'array', items: { type: 'array', items: { type: 'integer' } } }, 'JSON'],
  untyped_array: [{ type: 'array' }, 'JSON'],
  doc: [{ type: ['object', 'null'], additionalProperties: true }, 'JSON'],
  union: [{ type: ['string', 'integer'] }, 'JSON'],
  anything: [{}, 'JSON'],
  only_null: [{ type: 'null' }, 'JSON'],
  wk_string: [{ $ref: 'WellKnownTypes.json#/definitions/String' }, 'VARCHAR'],
  wk_binary: [{ $ref: 'WellKnownTypes.json#/definitions/BinaryData' }, 'BLOB'],
  wk_date: [{ $ref: 'WellKnownTypes.json#/definitions/Date' }, 'DATE'],
  wk_instant: [{ $ref: 'WellKnownTypes.json#/definitions/TimestampWithTimezone' }, 'TIMESTAMP WITH TIME ZONE'],
  wk_local: [{ $ref: 'WellKnownTypes.json#/definitions/TimestampWithoutTimezone' }, 'TIMESTAMP'],
  wk_time_tz: [{ $ref: 'WellKnownTypes.json#/definitions/TimeWithTimezone' }, 'TIME WITH TIME ZONE'],
  wk_time: [{ $ref: 'WellKnownTypes.json#/definitions/TimeWithoutTimezone' }, 'TIME'],
  wk_number: [{ $ref: 'WellKnownTypes.json#/definitions/Number' }, 'DOUBLE'],
  wk_integer: [{ $ref: 'WellKnownTypes.json#/definitions/Integer' }, 'BIGINT'],
  wk_boolean: [{ $ref: 'WellKnownTypes.json#/definitions/Boolean' }, 'BOOLEAN'],
  wk_unknown: [{ $ref: 'WellKnownTypes.json#/definitions/Nope' }, 'JSON'],
};

export const EVERY_TYPE_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(Object.entries(EVERY_TYPE).map(([name, [schema]]) => [name, schema])),
};

const micros = (iso: string, extraMicros = 0): string => String(BigInt(Date.parse(iso)) * 1000n + BigInt(extraMicros));

/**
 * A record with a value for every field, and each value as read back from DuckDB with
 * `readBack(column)`; the expected text is worked out by hand (instants from Date.parse).
 */
export const EVERY_TYPE_RECORD: Record<string, [value: unknown, expected: string | null]> = {
  id: ['row-1', 'row-1'],
  int: [42, '42'],
  int_nullable: [-7, '-7'],
  int_null_first: ['9007199254740993', '9007199254740993'],
  int_as_airbyte_number: [3, '3'],
  num: [1.5, '1.5'],
  cents: [19.99, '19.99'],
  mills: [0.1 + 0.2, '0.300'],
  whole_multiple: [12, '12'],
  odd_multiple: [0.75, '0.75'],
  flag: [true, 'true'],
  text: ['naïve “quotes”, a 12" barrel', 'naïve “quotes”, a 12" barrel'],
  enum_text: ['a', 'a'],
  // 01:59:59 EST on the night clocks went forward is 06:59:59 UTC.
  instant: ['2026-03-08T01:59:59.123456-05:00', micros('2026-03-08T06:59:59Z', 123_456)],
  instant_airbyte: ['2026-12-01T00:00:00Z', micros('2026-12-01T00:00:00Z')],
  // No offset: taken as UTC.
  instant_airbyte_only: ['2026-01-02 03:04:05', micros('2026-01-02T03:04:05Z')],
  // A local date-time keeps its wall-clock time; the offset is not applied.
  local_time_stamp: ['2026-07-04T12:30:00+02:00', '2026-07-04 12:30:00'],
  day: ['2024-02-29', '2024-02-29'],
  clock: ['13:45:30.25', '13:45:30.25'],
  clock_tz: ['08:00:00+05:30', '08:00:00+05:30'],
  clock_plain_format: ['23:59:59Z', '23:59:59+00'],
  bytes: [Buffer.from('Kroll®').toString('base64'), Buffer.from('Kroll®').toString('base64')],
  other_format: ['buyer@example.com', 'buyer@example.com'],
  tags: [['1Z999AA10123456784', '1Z999AA10123456785'], '[1Z999AA10123456784, 1Z999AA10123456785]'],
  counts: [[1, null, 3], '[1, NULL, 3]'],
  // Rounded half away from zero on the decimal digits: 2.345 is 2.35, though the double is below it.
  amounts: [[0.1, 2.345], '[0.10, 2.35]'],
  ratios: [[0.5, -1], '[0.5, -1.0]'],
  flags: [[true, false], '[true, false]'],
  instants: [['2026-01-01T00:00:00Z'], `[${micros('2026-01-01T00:00:00Z')}]`],
  days: [['2026-01-01', '1999-12-31'], '[2026-01-01, 1999-12-31]'],
  lines: [[{ sku: 'STRE-69280', quantity: 2 }], '[{"sku":"STRE-69280","quantity":2}]'],
  matrix: [[[1, 2], [3]], '[[1,2],[3]]'],
  untyped_array: [[1, 'x'], '[1,"x"]'],
  doc: [{ a: { b: 1 }, c: null }, '{"a":{"b":1},"c":null}'],
  union: [5, '5'],
  anything: ['text', '"text"'],
  only_null: [null, null],
  wk_string: ['s', 's'],
  wk_binary: [Buffer.from([0, 1, 2, 255]).toString('base64'), 'AAEC/w=='],
  wk_date: ['2026-02-03', '2026-02-03'],
  wk_instant: ['2026-02-03T04:05:06.789+01:00', micros('2026-02-03T03:05:06.789Z')],
  wk_local: ['2026-02-03T04:05:06', '2026-02-03 04:05:06'],
  wk_time_tz: ['04:05:06-07:00', '04:05:06-07'],
  wk_time: ['04:05:06', '04:05:06'],
  wk_number: ['1.25', '1.25'],
  wk_integer: ['-12', '-12'],
  wk_boolean: [false, 'false'],
  wk_unknown: [{ x: 1 }, '{"x":1}'],
};

/** SQL that renders a column of the every-type table as the text in EVERY_TYPE_RECORD. */
export function readBack(column: string): string {
  const sql = EVERY_TYPE[column]![1];
  const q = `"${column}"`;
  if (sql === 'TIMESTAMP WITH TIME ZONE') return `epoch_us(${q})::VARCHAR`;
  if (sql === 'TIMESTAMP WITH TIME ZONE[]') return `list_transform(${q}, x -> epoch_us(x))::VARCHAR`;
  if (sql === 'BLOB') return `base64(${q})`;
  return `${q}::VARCHAR`;
}
