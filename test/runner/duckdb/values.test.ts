/** Dates, times and decimals as DuckDB keeps them, checked against Date.UTC and hand-worked values. */
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseDate, parseInstant, parseTime, parseTimestamp } from '../../../src/runner/duckdb/temporal.js';
import { UNFIT, scaledDecimal } from '../../../src/runner/duckdb/values.js';

const utcMicros = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => BigInt(Date.UTC(y, mo - 1, d, h, mi, s, ms)) * 1000n;

describe('dates', () => {
  it('count days from 1970-01-01 as Date.UTC does, leap years and centuries included', () => {
    for (const [y, mo, d] of [[1970, 1, 1], [2000, 2, 29], [1900, 3, 1], [2026, 12, 31], [1969, 12, 31], [1600, 1, 1], [2400, 2, 29]] as const) {
      expect(daysFromCivil(y, mo, d), `${y}-${mo}-${d}`).toBe(Date.UTC(y, mo - 1, d) / 86_400_000);
    }
  });

  it('refuse days that do not exist', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', 'today', '']) expect(parseDate(bad), bad).toBeUndefined();
  });
});

describe('timestamps', () => {
  it('read offsets, Z, no offset (UTC) and microseconds', () => {
    expect(parseInstant('2026-03-08T01:59:59.123456-05:00')).toBe(utcMicros(2026, 3, 8, 6, 59, 59) + 123_456n);
    expect(parseInstant('2026-03-08T12:00:00+05:30')).toBe(utcMicros(2026, 3, 8, 6, 30));
    expect(parseInstant('2026-03-08T12:00:00Z')).toBe(utcMicros(2026, 3, 8, 12));
    expect(parseInstant('2026-03-08 12:00:00')).toBe(utcMicros(2026, 3, 8, 12));
    expect(parseInstant('2026-03-08T12:00')).toBe(utcMicros(2026, 3, 8, 12));
    expect(parseInstant('2026-03-08')).toBe(utcMicros(2026, 3, 8));
    expect(parseInstant('2026-03-08T12:00:00.5Z')).toBe(utcMicros(2026, 3, 8, 12, 0, 0, 500));
    // Digits past the microsecond are dropped, as DuckDB keeps microseconds.
    expect(parseInstant('2026-03-08T12:00:00.1234567Z')).toBe(utcMicros(2026, 3, 8, 12) + 123_456n);
  });

  it('keep a local wall-clock time apart from its offset', () => {
    expect(parseTimestamp('2026-07-04T12:30:00+02:00')).toEqual({ localMicros: utcMicros(2026, 7, 4, 12, 30), offset: 7200 });
    expect(parseTimestamp('2026-07-04T12:30:00')).toEqual({ localMicros: utcMicros(2026, 7, 4, 12, 30), offset: undefined });
  });

  it('refuse what is not a date-time', () => {
    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T12:60:00Z', '2026-01-01T12:00:00+25:00', '1796328258349', '']) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });
});

describe('times of day', () => {
  it('read microseconds and offsets', () => {
    expect(parseTime('13:45:30.25')).toEqual({ micros: (13n * 3600n + 45n * 60n + 30n) * 1_000_000n + 250_000n, offset: undefined });
    expect(parseTime('08:00:00+05:30')).toEqual({ micros: 8n * 3600n * 1_000_000n, offset: 19_800 });
    expect(parseTime('23:59:59Z')).toEqual({ micros: (23n * 3600n + 59n * 60n + 59n) * 1_000_000n, offset: 0 });
    expect(parseTime('24:00:00')).toBeUndefined();
    expect(parseTime('noon')).toBeUndefined();
  });
});

describe('decimals', () => {
  it('scale the decimal digits of a number exactly, rounding half away from zero', () => {
    expect(scaledDecimal(19.99, 2)).toBe(1999n);
    expect(scaledDecimal(0.1 + 0.2, 3)).toBe(300n);
    expect(scaledDecimal(2.345, 2)).toBe(235n);
    expect(scaledDecimal(-2.345, 2)).toBe(-235n);
    expect(scaledDecimal(1.005, 2)).toBe(101n);
    expect(scaledDecimal(12, 0)).toBe(12n);
    expect(scaledDecimal(1e21, 2)).toBe(10n ** 23n);
    expect(scaledDecimal(1.5e-7, 2)).toBe(0n);
    expect(scaledDecimal('42.10', 2)).toBe(4210n);
    expect(scaledDecimal('.5', 1)).toBe(5n);
  });

  it('refuse what is not a number, and numbers too large for DECIMAL(38)', () => {
    for (const bad of ['abc', '', '1.2.3', true, null, {}, Number.NaN, Number.POSITIVE_INFINITY, '1e40']) expect(scaledDecimal(bad, 2), String(bad)).toBe(UNFIT);
  });
});
