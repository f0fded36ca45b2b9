/**
 * Record values into appender calls, one column at a time. A value that does not fit its column
 * (a date-time that is not one, a fraction in an integer column) is stored as NULL and reported,
 * as Airbyte destinations do with a DESTINATION_TYPECAST_ERROR change in `_airbyte_meta`; it
 * never fails the load. Every value is converted before anything is appended for it, so a bad
 * value cannot leave a row half-written.
 */
import {
  DECIMAL,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeTZValue,
  DuckDBTimeValue,
  LIST,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DOUBLE,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  TIMETZ,
  VARCHAR,
  DuckDBBlobValue,
} from '@duckdb/node-api';
import { DECIMAL_WIDTH, type ColumnType, type ScalarKind } from './columns.js';
import { parseDate, parseInstant, parseTime, parseTimestamp } from './temporal.js';

/** What a converter returns for a value that does not fit the column. */
export const UNFIT = Symbol('unfit');

type Converter<T> = (value: unknown) => T | typeof UNFIT;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function toBigInt(value: unknown): bigint | typeof UNFIT {
  let result: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) result = BigInt(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) result = BigInt(value.trim());
  else return UNFIT;
  return result >= INT64_MIN && result <= INT64_MAX ? result : UNFIT;
}

function toDouble(value: unknown): number | typeof UNFIT {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return UNFIT;
  const text = value.trim();
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
  const match = NUMBER_TEXT.exec(text);
  return match && (match[2] || match[3]) ? Number(text) : UNFIT;
}

/**
 * The value scaled by 10^scale as an exact integer, rounded half away from zero. Worked on the
 * decimal digits of the number's shortest text, so 0.1 + 0.2 style binary noise never shows.
 */
export function scaledDecimal(value: unknown, scale: number): bigint | typeof UNFIT {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') text = value.trim();
  else return UNFIT;
  const match = NUMBER_TEXT.exec(text);
  if (!match || !(match[2] || match[3])) return UNFIT;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  // The number is digits * 10^(exponent - fraction.length); we want it * 10^scale.
  const shift = Number(exponent) - fraction.length + scale;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = BigInt(digits || '0') * 10n ** BigInt(shift);
  } else if (-shift > digits.length + 1) {
    scaled = 0n;
  } else {
    const divisor = 10n ** BigInt(-shift);
    const n = BigInt(digits || '0');
    scaled = n / divisor + ((n % divisor) * 2n >= divisor ? 1n : 0n);
  }
  if (sign === '-') scaled = -scaled;
  return scaled < 10n ** BigInt(DECIMAL_WIDTH) && scaled > -(10n ** BigInt(DECIMAL_WIDTH)) ? scaled : UNFIT;
}

function toBoolean(value: unknown): boolean | typeof UNFIT {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return UNFIT;
}

/** Strings as they are; other JSON values as their JSON text (what the source sent). */
function toVarchar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function textOf<T>(parse: (text: string) => T | undefined): Converter<T> {
  return (value) => {
    if (typeof value !== 'string') return UNFIT;
    return parse(value) ?? UNFIT;
  };
}

interface ScalarHandler {
  type: DuckDBType;
  /** To the value the appender takes. */
  convert: Converter<DuckDBValue>;
  append(appender: DuckDBAppender, value: DuckDBValue): void;
}

function scalarHandler(kind: ScalarKind, scale = 0): ScalarHandler {
  switch (kind) {
    case 'bigint':
      return { type: BIGINT, convert: toBigInt, append: (a, v) => a.appendBigInt(v as bigint) };
    case 'double':
      return { type: DOUBLE, convert: toDouble, append: (a, v) => a.appendDouble(v as number) };
    case 'decimal': {
      const convert: Converter<DuckDBValue> = (value) => {
        const scaled = scaledDecimal(value, scale);
        return scaled === UNFIT ? UNFIT : new DuckDBDecimalValue(scaled, DECIMAL_WIDTH, scale);
      };
      return { type: DECIMAL(DECIMAL_WIDTH, scale), convert, append: (a, v) => a.appendDecimal(v as DuckDBDecimalValue) };
    }
    case 'boolean':
      return { type: BOOLEAN, convert: toBoolean, append: (a, v) => a.appendBoolean(v as boolean) };
    case 'varchar':
      return { type: VARCHAR, convert: toVarchar, append: (a, v) => a.appendVarchar(v as string) };
    case 'timestamptz':
      return {
        type: TIMESTAMPTZ,
        convert: textOf((t) => {
          const micros = parseInstant(t);
          return micros === undefined ? undefined : new DuckDBTimestampTZValue(micros);
        }),
        append: (a, v) => a.appendTimestampTZ(v as DuckDBTimestampTZValue),
      };
    case 'timestamp':
      return {
        type: TIMESTAMP,
        // A local date-time: the wall-clock time as written, any offset ignored.
        convert: textOf((t) => {
          const parsed = parseTimestamp(t);
          return parsed === undefined ? undefined : new DuckDBTimestampValue(parsed.localMicros);
        }),
        append: (a, v) => a.appendTimestamp(v as DuckDBTimestampValue),
      };
    case 'date':
      return {
        type: DATE,
        convert: textOf((t) => {
          const days = parseDate(t.trim());
          return days === undefined ? undefined : new DuckDBDateValue(days);
        }),
        append: (a, v) => a.appendDate(v as DuckDBDateValue),
      };
    case 'time':
      return {
        type: TIME,
        convert: textOf((t) => {
          const parsed = parseTime(t);
          return parsed === undefined ? undefined : new DuckDBTimeValue(parsed.micros);
        }),
        append: (a, v) => a.appendTime(v as DuckDBTimeValue),
      };
    case 'timetz':
      return {
        type: TIMETZ,
        convert: textOf((t) => {
          const parsed = parseTime(t);
          return parsed === undefined ? undefined : DuckDBTimeTZValue.fromMicrosAndOffset(parsed.micros, parsed.offset ?? 0);
        }),
        append: (a, v) => a.appendTimeTZ(v as DuckDBTimeTZValue),
      };
    case 'blob':
      return {
        type: BLOB,
        convert: (value) => (typeof value === 'string' && BASE64.test(value) ? new DuckDBBlobValue(Buffer.from(value, 'base64')) : UNFIT),
        append: (a, v) => a.appendBlob((v as DuckDBBlobValue).bytes),
      };
  }
}

/**
 * One column: `convert` checks and converts a record's value (null for NULL, UNFIT when it does
 * not fit the column) without touching the appender; `append` then appends the converted value.
 */
export interface ColumnConverter {
  convert(value: unknown): DuckDBValue | typeof UNFIT;
  append(appender: DuckDBAppender, converted: DuckDBValue): void;
}

const appendJson = (a: DuckDBAppender, v: DuckDBValue): void => (v === null ? a.appendNull() : a.appendVarchar(v as string));

export function columnConverter(type: ColumnType): ColumnConverter {
  if (type.kind === 'json') {
    return { convert: (value) => (value === null || value === undefined ? null : JSON.stringify(value)), append: appendJson };
  }
  if (type.kind === 'list') {
    const item = scalarHandler(type.item.kind, type.item.scale);
    const listType = LIST(item.type);
    return {
      convert(value) {
        if (value === null || value === undefined) return null;
        if (!Array.isArray(value)) return UNFIT;
        const items: DuckDBValue[] = [];
        for (const element of value) {
          const converted = element === null || element === undefined ? null : item.convert(element);
          if (converted === UNFIT) return UNFIT;
          items.push(converted);
        }
        return new DuckDBListValue(items);
      },
      append: (a, v) => (v === null ? a.appendNull() : a.appendList(v as DuckDBListValue, listType)),
    };
  }
  const handler = scalarHandler(type.kind, type.scale);
  return {
    convert: (value) => (value === null || value === undefined ? null : handler.convert(value)),
    append: (a, v) => (v === null ? a.appendNull() : handler.append(a, v)),
  };
}
