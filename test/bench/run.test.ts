/**
 * The benchmarks do not rot: `npm run bench` (dist/bench/run.js, built by `npm test` too) runs each
 * benchmark once at a tiny size, prints one JSON line per case with the figures the README quotes,
 * and fails when a run's check fails. Speed is not asserted: that is the benchmarks' own job.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../../dist/bench/run.js', import.meta.url));

function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench', () => {
  it('runs every benchmark and prints one JSON line per case with its figures', async () => {
    const run = await bench([
      ...['--runs', '1', '--products', '3000', '--inventory', '3000', '--shipments', '300'],
      ...['--destination', '40', '--concurrency', '1,4', '--latency-ms', '5'],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.map((l) => l.name)).toEqual(['products-floor', 'products', 'inventory-api', 'shipments', 'destination', 'destination']);
    for (const line of lines) {
      expect(line).toMatchObject({ runs: 1, seconds_runs: [line.seconds] });
      for (const key of ['records', 'seconds', 'records_per_s', 'mb_per_s', 'peak_rss_mib']) expect(line[key], `${line.name} ${key}`).toBeGreaterThan(0);
      expect(Math.abs(line.records_per_s - line.records / line.seconds)).toBeLessThan(line.records_per_s / 100 + 1); // seconds are rounded
    }
    const [floor, products, inventory, shipments, serial, parallel] = lines;
    expect(floor!.records).toBe(3000);
    expect(products!.floor_ratio).toBe(Number((products!.records_per_s / floor!.records_per_s).toFixed(3)));
    expect(inventory!.api_calls).toBe(Math.ceil(inventory!.records / 1000));
    expect(shipments!.records).toBe(shipments!.shipments + shipments!.shipment_lines);
    expect([serial!.params, parallel!.params]).toEqual([
      { orders: 40, concurrency: 1, latency_ms: 5 },
      { orders: 40, concurrency: 4, latency_ms: 5 },
    ]);
    expect(serial!.max_in_flight).toBe(1);
    expect(parallel!.max_in_flight).toBeGreaterThan(1);
    expect(parallel!.max_in_flight).toBeLessThanOrEqual(4);
    for (const d of [serial!, parallel!]) {
      expect(d.kroll_wait_share).toBeGreaterThan(0);
      expect(d.kroll_wait_share).toBeLessThanOrEqual(1);
    }
    expect(run.stderr).toMatch(/benchmark +params +records +s +records\/s/);
  });

  it('fails when a run does not do what it measures', async () => {
    // The destination's config allows at most 16 orders at once: every write fails its check.
    const run = await bench(['--only', 'destination', '--runs', '1', '--destination', '5', '--concurrency', '17']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/destination-kroll write: .*(exit code|error trace)/);
  });

  it('documents every benchmark and option in --help', async () => {
    const run = await bench(['--help']);
    expect(run.code).toBe(0);
    for (const word of ['products', 'inventory', 'shipments', 'destination', '--only', '--runs', '--concurrency', '--latency-ms']) expect(run.stdout).toContain(word);
  });
});
