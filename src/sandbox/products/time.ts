/**
 * Kroll's files carry local time (America/New_York) without an offset. The generator keeps the
 * true instant in UTC and formats it with Intl.DateTimeFormat; the zone's offset is looked up
 * once per UTC hour (New York changes offset only on whole UTC hours), which keeps a million
 * rows fast.
 */

export const KROLL_TIME_ZONE = 'America/New_York';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: KROLL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const HOUR = 3_600_000;
const offsetByHour = new Map<number, number>();

/** The zone's offset from UTC (ms, negative in New York) at the instant `ms`. */
export function newYorkOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR;
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const local = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const offset = local - at;
  offsetByHour.set(hour, offset);
  return offset;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `YYYY-MM-DD HH:MM:SS` in New York local time. */
export function formatNewYorkLocal(ms: number): string {
  const d = new Date(ms + newYorkOffsetMs(ms));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/**
 * True when the local rendering of `ms` also names another instant (the repeated hour when
 * daylight saving time ends): such a LastUpdated could not be turned back into one instant.
 */
export function isAmbiguousNewYork(ms: number): boolean {
  if (newYorkOffsetMs(ms - HOUR) === newYorkOffsetMs(ms + HOUR)) return false;
  const local = formatNewYorkLocal(ms);
  return formatNewYorkLocal(ms + HOUR) === local || formatNewYorkLocal(ms - HOUR) === local;
}
