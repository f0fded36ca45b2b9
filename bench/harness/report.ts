/** From the runs of a case to its JSON line (stdout) and a row of the summary table (stderr). */
import type { Measurement } from './child.js';
import type { BenchCase } from './types.js';

export interface CaseResult {
  name: string;
  params: Record<string, number | string>;
  records: number;
  /** Median wall seconds. */
  seconds: number;
  records_per_s: number;
  /** Megabytes (10^6 bytes) of stdout per second, or of stdin for a destination. */
  mb_per_s: number;
  /** Median peak RSS of the child, MiB. */
  peak_rss_mib: number;
  peak_rss_mib_max: number;
  runs: number;
  /** records_per_s divided by the floor's records_per_s (both medians), when the case has a floor. */
  floor_ratio?: number;
  /** Median user + system CPU seconds of the child. */
  cpu_s: number | null;
  /** CPU seconds of the consuming bench process over wall seconds: well below 1 = not the limit. */
  consumer_cpu_share: number;
  seconds_runs: number[];
  sandbox_start_s: number;
  [extra: string]: unknown;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function summarize(
  benchCase: BenchCase,
  runs: { measurement: Measurement; records: number; bytes: number; extra: Record<string, number> }[],
  sandboxStartSeconds: number,
): CaseResult {
  const seconds = median(runs.map((r) => r.measurement.seconds));
  const records = median(runs.map((r) => r.records));
  const bytes = median(runs.map((r) => r.bytes));
  const cpu = runs.every((r) => r.measurement.cpuSeconds !== null) ? median(runs.map((r) => r.measurement.cpuSeconds!)) : null;
  const extraKeys = [...new Set(runs.flatMap((r) => Object.keys(r.extra)))];
  const extra = Object.fromEntries(extraKeys.map((key) => [key, round(median(runs.map((r) => r.extra[key] ?? Number.NaN)), 4)]));
  return {
    name: benchCase.name,
    params: benchCase.params,
    records,
    seconds: round(seconds, 3),
    records_per_s: Math.round(records / seconds),
    mb_per_s: round(bytes / 1e6 / seconds, 2),
    peak_rss_mib: round(median(runs.map((r) => r.measurement.peakRssMib)), 1),
    peak_rss_mib_max: round(Math.max(...runs.map((r) => r.measurement.peakRssMib)), 1),
    runs: runs.length,
    cpu_s: cpu === null ? null : round(cpu, 2),
    consumer_cpu_share: round(median(runs.map((r) => r.measurement.consumerCpuSeconds / r.measurement.seconds)), 3),
    seconds_runs: runs.map((r) => round(r.measurement.seconds, 3)),
    sandbox_start_s: round(sandboxStartSeconds, 1),
    ...extra,
  };
}

export function table(results: CaseResult[]): string {
  const header = ['benchmark', 'params', 'records', 's', 'records/s', 'MB/s', 'RSS MiB', 'x floor', 'cpu s', 'consumer'];
  const rows = results.map((r) => [
    r.name,
    Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' '),
    String(r.records),
    r.seconds.toFixed(2),
    String(r.records_per_s),
    r.mb_per_s.toFixed(1),
    r.peak_rss_mib.toFixed(0),
    r.floor_ratio === undefined ? '' : r.floor_ratio.toFixed(2),
    r.cpu_s === null ? '' : r.cpu_s.toFixed(1),
    `${(r.consumer_cpu_share * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
