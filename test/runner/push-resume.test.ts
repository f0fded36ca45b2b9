/**
 * A push stopped part-way and run again: killed with SIGKILL (its destination-kroll, orphaned,
 * finishes the records it had read and places them, but nobody records their answers), or stopped
 * with SIGTERM. The second push sends only what has no recorded answer, and every order ends up
 * placed exactly once, as the sandbox's own record shows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import { destinationUnderTest, request, type DestinationUnderTest } from '../destination/helpers.js';
import { query } from './helpers.js';
import { kroll, startKroll } from './kroll.js';
import { placedWith, pushFiles, submittedWith, summaryCount } from './push-helpers.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  // Slow answers, two at a time: a kill finds orders with Kroll and orders not yet sent.
  under = await destinationUnderTest({ seed: 67, apiLatencyMs: 80 });
});
afterAll(async () => {
  await under?.close();
});

const COUNT = 12;
const records = (prefix: string): FulfillmentRequestsRecord[] => Array.from({ length: COUNT }, (_, i) => request(`${prefix}-${i + 1}`, under));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie nobody reaps is gone for our purpose.
  return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Until the orphaned destination has exited and the sandbox has answered every call it got. */
async function settled(pid: number): Promise<void> {
  for (let i = 0; i < 1000 && (alive(pid) || under.box.api.requests().some((r) => r.status === 0)); i++) await sleep(10);
}

async function acknowledged(db: string): Promise<string[]> {
  return (await query(db, `SELECT order_id FROM _kroll_push_records ORDER BY order_id`)).map((r) => String(r.order_id));
}

/** Starts a push of COUNT orders, two at a time, and sends it `signal` once `answered` of them have their recorded answer. */
async function stoppedPush(prefix: string, answered: number, signal: NodeJS.Signals) {
  const files = pushFiles({ ...under.config, concurrency: 2 });
  const sent = records(prefix);
  const input = files.input(sent);
  const victim = startKroll(['push', '--verbose', '--config', files.config, '--input', input, '--db', files.db]);
  const pid = Number((await victim.waitFor(/destination-kroll write started \(pid (\d+)\)/))[1]);
  // --verbose shows an order's answer once it is recorded.
  await victim.waitFor(new RegExp(`(accepted by Kroll[\\s\\S]*){${answered}}`));
  victim.child.kill(signal);
  return { files, sent, input, pid, run: await victim.done };
}

describe('a push stopped part-way and run again', () => {
  it('after SIGKILL sends only the orders without a recorded answer, and places each exactly once', async () => {
    const { files, sent, input, pid, run } = await stoppedPush('PK', 4, 'SIGKILL');
    expect(run.signal).toBe('SIGKILL');
    await settled(pid);

    const recorded = await acknowledged(files.db);
    expect(recorded.length).toBeGreaterThanOrEqual(4);
    expect(recorded.length).toBeLessThan(COUNT);
    const callsBefore = submittedWith(under.box, 'PK-').length;
    const placedBefore = placedWith(under.box, 'PK-').size;

    const rerun = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(summaryCount(rerun.stderr, 'answered by an earlier push')).toBe(recorded.length);
    expect(summaryCount(rerun.stderr, 'to send')).toBe(COUNT - recorded.length);
    // No order with a recorded answer was sent again.
    const resent = submittedWith(under.box, 'PK-').slice(callsBefore);
    expect(resent.filter((po) => recorded.includes(po))).toEqual([]);
    expect(resent.sort()).toEqual(sent.map((r) => r.order_id).filter((id) => !recorded.includes(id)).sort());

    const placed = placedWith(under.box, 'PK-');
    for (const r of sent) expect(placed.get(r.order_id), r.order_id).toHaveLength(1);
    // What the orphan placed without its answer being recorded came back as already with Kroll.
    expect(summaryCount(rerun.stderr, 'already with Kroll')).toBe(placedBefore - recorded.length);
    expect(summaryCount(rerun.stderr, 'placed')).toBe(COUNT - placedBefore);
    expect(await acknowledged(files.db)).toEqual(sent.map((r) => r.order_id).sort());
    expect(await query(files.db, `SELECT push_id, status FROM _kroll_pushes ORDER BY push_id`)).toEqual([
      { push_id: '1', status: 'interrupted' },
      { push_id: '2', status: 'succeeded' },
    ]);
  });

  it('after SIGTERM exits 130 with what it had, and the next push completes it', async () => {
    const { files, sent, input, pid, run: stopped } = await stoppedPush('PT', 3, 'SIGTERM');
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('SIGTERM: stopping');
    expect(alive(pid)).toBe(false);
    await settled(pid);
    const recorded = await acknowledged(files.db);
    // The summary tells answers, not what was only written into the destination's stdin: its rows add up.
    const notGiven = /not given to destination-kroll/.test(stopped.stderr) ? summaryCount(stopped.stderr, 'not given to destination-kroll') : 0;
    expect(summaryCount(stopped.stderr, 'to send') - summaryCount(stopped.stderr, 'without an answer') - notGiven).toBe(recorded.length);
    expect(summaryCount(stopped.stderr, 'placed')).toBe(recorded.length);
    expect(stopped.stderr).not.toMatch(/^\s*sent\s/m);

    const rerun = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(summaryCount(rerun.stderr, 'answered by an earlier push')).toBe(recorded.length);
    const placed = placedWith(under.box, 'PT-');
    for (const r of sent) expect(placed.get(r.order_id), r.order_id).toHaveLength(1);
    expect(await query(files.db, `SELECT status FROM _kroll_pushes ORDER BY push_id`)).toEqual([{ status: 'interrupted' }, { status: 'succeeded' }]);
  });
});
