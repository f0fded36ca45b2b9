/**
 * Kroll's dates: local time in America/New_York without an offset, in files and in the API.
 * They are converted to UTC with the offset in force at that local time, so a date in July is
 * four hours behind UTC and one in January five, and the change-over nights come out right.
 */
const ZONE = 'America/New_York';
const HOUR = 3_600_000;

const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Wall-clock time in New York at a UTC instant, expressed as if it were UTC milliseconds. */
function wallClockAt(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneParts.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return utc(parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

// Intl is slow (microseconds a call) and a file holds a million timestamps over a few hundred
// distinct local hours; the zone's offset is constant within a local hour, so cache by hour.
const offsetByLocalHour = new Map<number, number>();

/**
 * The zone's offset at a wall-clock time, chosen as Temporal's "compatible" rule does: the hour
 * repeated in November is read as its first (daylight) occurrence, and a time in the hour skipped
 * in March is moved forward by the gap.
 */
function offsetFor(wallMs: number): number {
  const day = 24 * HOUR;
  const before = wallClockAt(wallMs - day) - (wallMs - day);
  const after = wallClockAt(wallMs + day) - (wallMs + day);
  const fits = (offset: number) => wallClockAt(wallMs - offset) === wallMs;
  if (fits(before) && fits(after)) return Math.max(before, after); // repeated hour: the earlier instant
  if (fits(before)) return before;
  if (fits(after)) return after;
  return before; // skipped hour
}

/** UTC milliseconds of a New York wall-clock time given as if it were UTC milliseconds. */
export function newYorkToUtcMs(wallMs: number): number {
  const hourKey = Math.floor(wallMs / HOUR);
  let offset = offsetByLocalHour.get(hourKey);
  if (offset === undefined) {
    offset = offsetFor(hourKey * HOUR);
    if (offsetByLocalHour.size > 100_000) offsetByLocalHour.clear();
    offsetByLocalHour.set(hourKey, offset);
  }
  return wallMs - offset;
}

const DAY = 24 * HOUR;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
// "YYYY-MM-DDT" by day since the epoch; a file's timestamps fall on a few hundred days.
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()` for an instant in milliseconds, without its cost (about 0.8 us a
 * call, measured; a million-row feed formats a timestamp per row): the date part is the engine's
 * own, cached by day, and the time of day is put together from digit tables.
 */
export function utcIso(ms: number): string {
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const iso = new Date(day * DAY).toISOString();
    prefix = iso.slice(0, iso.indexOf('T') + 1);
    if (dayPrefixes.size >= 10_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY;
  const hour = Math.floor(rest / HOUR);
  rest -= hour * HOUR;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[rest - second * 1000]}Z`;
}

const ISO_LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** Date.UTC, but years 0..99 are those years (Date.UTC reads them as 1900..1999). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Only those years need a Date object: an inventory export parses a timestamp per row.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month in the proleptic Gregorian calendar, as Date counts them. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function valid(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

/**
 * A Kroll date-time as UTC ISO-8601 (`2026-07-04T16:05:00.000Z`), or undefined when the text is
 * not a date. Accepts `YYYY-MM-DD[ HH:MM[:SS[.fff]]]` (with T or a space), `M/D/YYYY [h:mm[:ss] [AM|PM]]`,
 * and, should Kroll ever send one, an explicit `Z` or offset, which is then honoured.
 */
export function parseKrollDateTime(text: string): string | undefined {
  let year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0;
  let zone: string | undefined;
  const iso = ISO_LOCAL.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    if (iso[4] !== undefined) {
      hour = Number(iso[4]);
      minute = Number(iso[5]);
    }
    if (iso[6] !== undefined) second = Number(iso[6]);
    if (iso[7] !== undefined) ms = Math.round(Number(`0.${iso[7]}`) * 1000);
    zone = iso[8];
  } else {
    const us = US_LOCAL.exec(text);
    if (!us) return undefined;
    month = Number(us[1]);
    day = Number(us[2]);
    year = Number(us[3]);
    if (us[4] !== undefined) {
      hour = Number(us[4]);
      minute = Number(us[5]);
    }
    if (us[6] !== undefined) second = Number(us[6]);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
  }
  if (!valid(year, month, day, hour, minute, second)) return undefined;
  const wall = utc(year, month, day, hour, minute, second, ms);
  if (zone === undefined) return utcIso(newYorkToUtcMs(wall));
  if (/^z$/i.test(zone)) return utcIso(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[+:-]/g, '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return utcIso(wall - offsetMs);
}

/** A UTC instant as Kroll's local time, `YYYY-MM-DDTHH:MM:SS` without an offset, for requests. */
export function toKrollLocal(instant: Date): string {
  const wall = new Date(wallClockAt(Math.floor(instant.getTime() / 1000) * 1000));
  return wall.toISOString().slice(0, 19);
}
