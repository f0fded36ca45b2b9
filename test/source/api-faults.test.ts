/**
 * The sandbox's fault switches against the order-side streams: slow answers, SOAP faults, throttling
 * (503 with Retry-After) and empty 200 answers are each survived with the same records as a clean
 * run; throttling shows as a RATE_LIMITED stream status; SIGTERM stops a read that is waiting on
 * Kroll's Retry-After at once.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { sourceProgram } from '../../src/source/program.js';
import { ORDER_STREAMS, expectedOrderRecords } from '../helpers/expected-orders.js';
import { errorsOf, logsOf, parseMessages, recordsOf, statusesOf } from '../helpers/protocol.js';
import { BIN, runInProcess } from '../helpers/run.js';
import { expectNoSecrets, readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

// Every sandbox of this file holds the same data: the same seed and the same "now".
const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3_600_000);
const BASE: SandboxOptions = { products: 100, seed: 51, orders: 80, now: NOW };
const CATALOG = ORDER_STREAMS.map((name) => ({ name, syncMode: 'full_refresh' as const }));
const CONFIG = { page_size: 40 };

function recordsByStream(messages: AirbyteMessage[]): Record<string, string[]> {
  return Object.fromEntries(ORDER_STREAMS.map((name) => [name, recordsOf(messages, name).map((r) => JSON.stringify(r)).sort()]));
}

let clean: Record<string, string[]>;
beforeAll(async () => {
  const box = await sandbox(BASE);
  try {
    const run = await runInProcess(sourceProgram, readFiles(box, CATALOG, { config: CONFIG }));
    expect(run.code).toBe(0);
    clean = recordsByStream(run.messages);
    const start = Date.parse(`${String(box.info.source_config.start_date)}T00:00:00Z`);
    const expected = expectedOrderRecords(box.api.book, start);
    for (const name of ORDER_STREAMS) expect(clean[name]!.length, name).toBe(expected[name].length);
  } finally {
    await box.close();
  }
});

describe.each([
  { name: '--api-latency-ms 30', options: { apiLatencyMs: 30 }, injected: null },
  { name: '--api-fault-rate 0.25', options: { apiFaultRate: 0.25 }, injected: 'fault' },
  { name: '--api-throttle-rate 0.3', options: { apiThrottleRate: 0.3, apiRetryAfterSeconds: 0.05 }, injected: 'throttled' },
  { name: '--api-empty-rate 0.25', options: { apiEmptyRate: 0.25 }, injected: 'empty' },
])('$name', ({ options, injected }) => {
  let box: Sandbox;
  let messages: AirbyteMessage[];
  let code: number;
  beforeAll(async () => {
    box = await sandbox({ ...BASE, ...options });
    const run = await runInProcess(sourceProgram, readFiles(box, CATALOG, { config: CONFIG }));
    ({ code, messages } = run);
    // Retries log what each attempt got: never a secret.
    expectNoSecrets(box, run.stdout, run.stderr);
  });
  afterAll(async () => {
    await box?.close();
  });

  it('is survived with the same records as a clean run', () => {
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    expect(recordsByStream(messages)).toEqual(clean);
    for (const name of ORDER_STREAMS) expect(statusesOf(messages, name).at(-1), name).toBe('COMPLETE');
  });

  it('was hit, and each retry is in the log', () => {
    const hit = box.api.requests().filter((r) => r.injected !== null);
    if (injected === null) {
      expect(hit).toEqual([]);
      return;
    }
    expect(hit.length).toBeGreaterThan(2);
    expect(hit.every((r) => r.injected === injected)).toBe(true);
    const retries = logsOf(messages, 'WARN').filter((m) => /^Kroll's dealer API: Get\w+ attempt \d failed \(.*\); trying again in [\d.]+ s\.$/.test(m));
    expect(retries.length).toBe(hit.length);
  });

  it('reports RATE_LIMITED while Kroll throttles, and only then', () => {
    const limited = messages.filter((m) => m.trace?.stream_status?.reasons?.some((r) => r.type === 'RATE_LIMITED'));
    if (injected !== 'throttled') {
      expect(limited).toEqual([]);
      return;
    }
    const throttled = box.api.requests().filter((r) => r.injected === 'throttled').length;
    // One status per throttled call, for each stream of the reader that made it.
    expect(limited.length).toBe(2 * throttled);
    for (const m of limited) {
      expect(m.trace!.stream_status!.status).toBe('RUNNING');
      const reset = m.trace!.stream_status!.reasons![0]!.rate_limited!.quota_reset!;
      expect(reset).toBeGreaterThan(m.trace!.emitted_at);
      expect(reset).toBeLessThanOrEqual(m.trace!.emitted_at + 1000);
    }
  });
});

describe('SIGTERM while the read waits on Retry-After', () => {
  it('stops at once: INCOMPLETE, a transient error, exit 143', async () => {
    const box = await sandbox({ ...BASE, apiThrottleRate: 1, apiRetryAfterSeconds: 120 });
    try {
      const child = spawn(process.execPath, [BIN('source-kroll'), ...readFiles(box, [{ name: 'invoices' }])]);
      const lines: string[] = [];
      let signalledAt = 0;
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (signalledAt === 0 && line.includes('"RATE_LIMITED"')) {
          signalledAt = Date.now();
          child.kill('SIGTERM');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(code).toBe(143);
      const messages = parseMessages(lines.join('\n'));
      expect(statusesOf(messages, 'invoices')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
      expect(errorsOf(messages)).toEqual([expect.objectContaining({ failure_type: 'transient_error', message: 'Stopped by SIGTERM before it finished.' })]);
    } finally {
      await box.close();
    }
  });
});
