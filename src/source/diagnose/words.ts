/** Sizes, times and ages as the diagnosis writes them for people. */
import { count } from '../../protocol/wording.js';

export function bytes(n: number): string {
  return count(n, 'byte');
}

/** "2026-03-20 06:00:00 UTC" */
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "3 minutes", "5.2 hours", "3.0 days". */
export function duration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return count(Math.round(minutes), 'minute');
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} hours`;
  return `${(hours / 24).toFixed(1)} days`;
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** A record as indented JSON lines, long text cut (the JSON report has it whole). */
export function recordLines(record: object, width = 100): string[] {
  const shortened = JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' && value.length > width ? `${value.slice(0, width)}…` : value), 2);
  return shortened.split('\n');
}

/** Rows of text cells as aligned columns. */
export function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
