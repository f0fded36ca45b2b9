/**
 * ISO 8601 / RFC 3339 dates, times and timestamps as DuckDB keeps them: days since 1970-01-01,
 * and microseconds. Our own code because JavaScript's Date keeps milliseconds only (and reads
 * years 0..99 as 19xx), while DuckDB timestamps have microseconds.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** "+05:30" -> 19800 seconds; "Z" -> 0; undefined when absent; NaN when out of range. */
function offsetSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 15 || minutes > 59) return Number.NaN;
  return sign * (hours * 3600 + minutes * 60);
}

/** Microseconds of a time of day, or undefined when a part is out of range. */
function timeOfDayMicros(hour: string, minute: string, second: string | undefined, fraction: string | undefined): bigint | undefined {
  const h = Number(hour);
  const m = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (h > 23 || m > 59 || s > 59) return undefined;
  const micros = fraction === undefined ? 0n : BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  return BigInt(h * 3600 + m * 60 + s) * MICROS_PER_SECOND + micros;
}

export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return validDate(year, month, day) ? daysFromCivil(year, month, day) : undefined;
}

export interface ParsedTimestamp {
  /** Microseconds since 1970-01-01T00:00:00 of the wall-clock time written (offset not applied). */
  localMicros: bigint;
  /** The offset written, in seconds; undefined when the text has none. */
  offset: number | undefined;
}

/** A date-time ("2026-01-02T03:04:05.123456-05:00", "2026-01-02 03:04", or a date alone). */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!validDate(year, month, day)) return undefined;
  const time = match[4] === undefined ? 0n : timeOfDayMicros(match[4], match[5]!, match[6], match[7]);
  const offset = offsetSeconds(match[8]);
  if (time === undefined || Number.isNaN(offset)) return undefined;
  return { localMicros: BigInt(daysFromCivil(year, month, day)) * MICROS_PER_DAY + time, offset };
}

/** An instant: a timestamp without an offset is taken as UTC, as Airbyte destinations do. */
export function parseInstant(text: string): bigint | undefined {
  const parsed = parseTimestamp(text);
  if (!parsed) return undefined;
  return parsed.localMicros - BigInt(parsed.offset ?? 0) * MICROS_PER_SECOND;
}

/** A time of day ("13:45:00", "13:45:00.5+02:00"). */
export function parseTime(text: string): { micros: bigint; offset: number | undefined } | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const micros = timeOfDayMicros(match[1]!, match[2]!, match[3], match[4]);
  const offset = offsetSeconds(match[5]);
  if (micros === undefined || Number.isNaN(offset)) return undefined;
  return { micros, offset };
}
