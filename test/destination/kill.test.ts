/**
 * A write killed with SIGKILL (the platform losing its pod) at several points, then run again the
 * way the platform does: from the last state the killed write echoed, with every record after it
 * sent again. No order is lost and none is placed twice, as the sandbox's own record shows; the
 * orders the killed write placed without acknowledging them come back as duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { stateEchoProblems } from '../acceptance/harness/destination.js';
import { logsOf } from '../helpers/protocol.js';
import { CATALOG, destinationUnderTest, lines, placedByPo, recordMessage, request, stateMessage, write, type DestinationUnderTest } from './helpers.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  // Slow enough answers that a kill finds orders with Kroll whose answers have not come back.
  under = await destinationUnderTest({ seed: 43, apiLatencyMs: 60 });
});
afterAll(async () => {
  await under?.close();
});

/** 12 orders, a state after every second one. */
function input(prefix: string): AirbyteMessage[] {
  return Array.from({ length: 12 }, (_, i) => request(`${prefix}-${i + 1}`, under)).flatMap((r, i) => [recordMessage(r), ...(i % 2 === 1 ? [stateMessage(i)] : [])]);
}

const placedOf = (prefix: string): string[] => under.box.api.placedOrders().map((p) => p.request.purchaseOrderNumber).filter((po) => po.startsWith(`${prefix}-`));

/** Starts the write, kills it once the sandbox holds `killAfter` of its orders, and returns the states it echoed. */
async function killedWrite(sent: AirbyteMessage[], prefix: string, killAfter: number): Promise<AirbyteMessage[]> {
  const started = await under.destination.start('write', { config: { ...under.config, concurrency: 2 }, catalog: CATALOG });
  const echoed: AirbyteMessage[] = [];
  started.onLine((line) => {
    const message = JSON.parse(line) as AirbyteMessage;
    if (message.type === 'STATE') echoed.push(message);
  });
  started.end(lines(sent));
  while (placedOf(prefix).length < killAfter) await new Promise((r) => setTimeout(r, 2));
  started.kill('SIGKILL');
  const run = await started.finished;
  expect(run.signal).toBe('SIGKILL');
  // Calls the killed write had made still run at Kroll (and may place their orders): wait for them.
  while (under.box.api.requests().some((r) => r.status === 0)) await new Promise((r) => setTimeout(r, 5));
  return echoed;
}

describe('a write killed with SIGKILL and run again from its last echoed state', () => {
  it.each([
    ['as its first order is placed', 'K1', 1],
    ['mid-way', 'K5', 5],
    ['near its end', 'K11', 11],
  ])('%s loses no order and places none twice', async (_when, prefix, killAfter) => {
    const sent = input(prefix);
    const echoed = await killedWrite(sent, prefix, killAfter);
    const placedByKilled = new Set(placedOf(prefix));

    // Every state the killed write echoed covers orders that are placed.
    const last = echoed.at(-1);
    const resumeAt = last === undefined ? 0 : sent.findIndex((m) => m.type === 'STATE' && JSON.stringify(m.state!.stream) === JSON.stringify(last.state!.stream)) + 1;
    for (const m of sent.slice(0, resumeAt)) if (m.type === 'RECORD') expect(placedByKilled.has(String(m.record!.data.order_id))).toBe(true);

    // The platform sends again everything after the last acknowledged state.
    const again = sent.slice(resumeAt);
    const run = await write(under, again);
    expect(run.code).toBe(0);
    expect(stateEchoProblems(again, run.messages)).toEqual([]);

    const placed = placedByPo(under.box);
    for (const m of sent.filter((x) => x.type === 'RECORD')) expect(placed.get(String(m.record!.data.order_id)), String(m.record!.data.order_id)).toHaveLength(1);
    // What the killed write placed but never acknowledged is a duplicate now, and only that.
    const resent = again.filter((m) => m.type === 'RECORD').map((m) => String(m.record!.data.order_id));
    const duplicates = logsOf(run.messages, 'INFO').filter((l) => l.includes('(DuplicatePurchaseOrder)')).map((l) => /^Order (\S+)/.exec(l)![1]);
    expect(duplicates.sort()).toEqual(resent.filter((id) => placedByKilled.has(id)).sort());
    expect(placedByKilled.size).toBeGreaterThanOrEqual(killAfter);
  });
});
