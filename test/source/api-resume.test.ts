/**
 * bin/source-kroll killed with SIGKILL part-way through an order-side read, then run again with the
 * last STATE it printed (as the platform does): nothing is lost. What the killed run sent up to
 * that state, with what the resumed run sends, is every record of the generator's truth; and the
 * resumed run starts near where the killed one stopped, not from the beginning.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { CURSOR, expectedOrderRecords, keyOf, type OrderStream } from '../helpers/expected-orders.js';
import { parseMessages, recordsOf, statesOf } from '../helpers/protocol.js';
import { BIN, runBinary } from '../helpers/run.js';
import { expectNoSecrets, readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

const DAY = 86_400_000;
const STREAMS: OrderStream[] = ['shipments', 'shipment_lines'];
const PAGE_SIZE = 10;
const KILL_AFTER = 4;

let box: Sandbox;
let startMs: number;
beforeAll(async () => {
  // Slow answers and small pages, so the kill lands well before the end.
  box = await sandbox({ products: 100, seed: 41, orders: 200, apiLatencyMs: 25 });
  startMs = Date.parse(`${String(box.info.source_config.start_date)}T00:00:00Z`);
});
afterAll(async () => {
  await box?.close();
});

/** Runs a read and SIGKILLs it after its KILL_AFTER-th STATE of `stream`; the messages it printed by then. */
function readKilled(argv: string[], stream: string): Promise<AirbyteMessage[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN('source-kroll'), ...argv]);
    const lines: string[] = [];
    let states = 0;
    let killed = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (killed) return;
      lines.push(line);
      const message = JSON.parse(line) as AirbyteMessage;
      if (message.type === 'STATE' && message.state?.stream?.stream_descriptor.name === stream && ++states === KILL_AFTER) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the read ended (${signal ?? _code}) before its ${KILL_AFTER}th state`));
      else resolve(parseMessages(lines.join('\n')));
    });
  });
}

/** Records a destination keeps of a run: those before the run's last state of their stream. */
function committed(messages: AirbyteMessage[], stream: string): Record<string, unknown>[] {
  const lastState = messages.findLastIndex((m) => m.type === 'STATE' && m.state?.stream?.stream_descriptor.name === stream);
  return recordsOf(messages.slice(0, lastState + 1), stream);
}

function lastStates(messages: AirbyteMessage[]): unknown[] {
  return STREAMS.map((name) => statesOf(messages, name).at(-1));
}

describe.each(['incremental', 'full_refresh'] as const)('a %s read killed part-way', (syncMode) => {
  it('resumed from its last STATE loses nothing, and does not start over', async () => {
    const catalog = STREAMS.map((name) => ({ name, syncMode }));
    const config = { page_size: PAGE_SIZE };
    const killed = await readKilled(readFiles(box, catalog, { config }), 'shipments');
    const state = lastStates(killed);
    const resumed = await runBinary('source-kroll', readFiles(box, catalog, { config, state }));
    expect(resumed.code).toBe(0);
    expectNoSecrets(box, resumed.stdout, resumed.stderr, JSON.stringify(killed));

    const expected = expectedOrderRecords(box.api.book, startMs);
    for (const stream of STREAMS) {
      const before = committed(killed, stream);
      const after = recordsOf(resumed.messages, stream);
      expect(before.length, stream).toBeGreaterThan(0);
      const keys = new Set([...before, ...after].map((r) => keyOf(stream, r)));
      expect([...keys].sort(), stream).toEqual(expected[stream].map((r) => keyOf(stream, r)).sort());

      // The resumed run starts at the killed run's checkpoint less the lookback, far from the start.
      const stopped = statesOf(killed, stream).at(-1)!.stream!.stream_state as Record<string, unknown>;
      const cursor = String((syncMode === 'incremental' ? stopped : (stopped.resume as Record<string, unknown>))[CURSOR[stream]]);
      const from = Date.parse(cursor) - 3 * DAY;
      expect(Math.min(...after.map((r) => Date.parse(String(r[CURSOR[stream]]))))).toBeGreaterThanOrEqual(from);
      expect(after.length, stream).toBeLessThan(expected[stream].length);
      expect(after.length, stream).toBeGreaterThanOrEqual(expected[stream].length - before.length);
    }
  });
});
