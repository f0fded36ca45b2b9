import { describe, expect, it } from 'vitest';
import { parseKrollDateTime, toKrollLocal, utcIso } from '../../src/kroll/time.js';

// US Eastern time in 2026: daylight time (UTC-4) from 2026-03-08 02:00 to 2026-11-01 02:00,
// standard time (UTC-5) otherwise. The expected instants below follow from that rule alone.
describe('Kroll local dates (America/New_York, no offset) to UTC', () => {
  it.each([
    ['2026-01-15 12:00:00', '2026-01-15T17:00:00.000Z'],
    ['2026-07-04 12:05:00', '2026-07-04T16:05:00.000Z'],
    ['2026-07-04T12:05:00', '2026-07-04T16:05:00.000Z'],
    ['2026-11-03T14:05:00', '2026-11-03T19:05:00.000Z'],
    ['2026-03-08 01:59:59', '2026-03-08T06:59:59.000Z'],
    ['2026-03-08 03:00:00', '2026-03-08T07:00:00.000Z'],
    ['2026-11-01 00:59:00', '2026-11-01T04:59:00.000Z'],
    ['2026-11-01 02:30:00', '2026-11-01T07:30:00.000Z'],
    ['2026-12-31 23:59:59.5', '2027-01-01T04:59:59.500Z'],
    ['2026-06-30', '2026-06-30T04:00:00.000Z'],
    ['11/30/2026 4:12:15 PM', '2026-11-30T21:12:15.000Z'],
    ['7/4/2026 12:00 AM', '2026-07-04T04:00:00.000Z'],
    ['7/4/2026 12:30 PM', '2026-07-04T16:30:00.000Z'],
    ['7/4/2026 18:45', '2026-07-04T22:45:00.000Z'],
  ])('%s -> %s', (local, utc) => {
    expect(parseKrollDateTime(local)).toBe(utc);
  });

  it('reads the repeated hour of November as its first (daylight) occurrence', () => {
    expect(parseKrollDateTime('2026-11-01 01:30:00')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('keeps years before 100 (WCF writes DateTime.MinValue, 0001-01-01, for a date it has not got)', () => {
    expect(parseKrollDateTime('0001-01-01T00:00:00')?.slice(0, 10)).toBe('0001-01-01');
    expect(parseKrollDateTime('0099-12-31T23:00:00Z')).toBe('0099-12-31T23:00:00.000Z');
  });

  it('honours an explicit offset or Z when one is present', () => {
    expect(parseKrollDateTime('2026-07-04T12:05:00Z')).toBe('2026-07-04T12:05:00.000Z');
    expect(parseKrollDateTime('2026-07-04T12:05:00-07:00')).toBe('2026-07-04T19:05:00.000Z');
  });

  it.each(['', 'soon', '2026-02-30', '2026-13-01', '13/45/2026', '2026-07-04 25:00', '7/4/2026 13:00 PM'])('rejects %j', (text) => {
    expect(parseKrollDateTime(text)).toBeUndefined();
  });

  it('writes UTC instants back as Kroll local time for requests', () => {
    expect(toKrollLocal(new Date('2026-07-04T16:05:00Z'))).toBe('2026-07-04T12:05:00');
    expect(toKrollLocal(new Date('2026-01-15T17:00:00Z'))).toBe('2026-01-15T12:00:00');
    expect(toKrollLocal(new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00');
  });
});

describe('UTC instants as ISO-8601 text', () => {
  it('writes exactly what Date.prototype.toISOString writes', () => {
    const instants = [
      0, -1, 1, 999, 86_399_999, 86_400_000, -86_400_001, Date.UTC(2026, 6, 4, 16, 5), Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2028, 1, 29, 12), Date.UTC(1969, 11, 31, 23, 59, 59, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1),
      Date.UTC(-1, 0, 1), 8.64e15, -8.64e15, 1_796_328_732_953.5,
    ];
    // and a spread of instants over the years a feed can hold, every millisecond digit included
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 3_600_000 * 7 + 61_001) instants.push(ms);
    for (const ms of instants) expect(utcIso(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws for an instant Date cannot hold, as toISOString does', () => {
    expect(() => utcIso(Number.NaN)).toThrow(RangeError);
    expect(() => utcIso(8.64e15 + 1)).toThrow(RangeError);
  });
});
