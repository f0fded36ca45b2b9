/**
 * The write under Kroll's faults, through the sandbox's fault switches. The path that makes
 * retries safe is tested exactly: an order placed whose answer is lost (an empty 200 after the
 * operation ran), retried with the same Purchase Order Number, answered as a duplicate: placed
 * once, counted once. And what stops a write: retries run out (Kroll down), credentials refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { injectedFault } from '../../src/sandbox/api/server.js';
import { productAt } from '../../src/sandbox/index.js';
import { stateEchoProblems } from '../acceptance/harness/destination.js';
import { errorsOf, logsOf } from '../helpers/protocol.js';
import { CATALOG, destinationUnderTest, echoedStates, lines, placedByPo, recordMessage, request, stateMessage, write, type DestinationUnderTest } from './helpers.js';

const open: DestinationUnderTest[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((u) => u.close()));
});

async function under(options: Parameters<typeof destinationUnderTest>[0]): Promise<DestinationUnderTest> {
  const u = await destinationUnderTest(options);
  open.push(u);
  return u;
}

/** The first seed from `from` for which the sandbox's request 1 gets `first` and the next `clean` requests nothing. */
function seedWhere(first: 'empty' | 'fault' | 'throttled', rates: { emptyRate?: number; faultRate?: number; throttleRate?: number }, from = 100, clean = 1): number {
  const r = { emptyRate: 0, faultRate: 0, throttleRate: 0, ...rates };
  const fits = (seed: number) => injectedFault(seed, 1, r) === first && Array.from({ length: clean }, (_, i) => injectedFault(seed, i + 2, r)).every((f) => f === null);
  for (let seed = from; ; seed++) if (fits(seed)) return seed;
}

/** A product of the sandbox that is discontinued: a line asking more than it has is rejected, the rest of the order placed. */
function discontinued(seed: number) {
  return Array.from({ length: 300 }, (_, i) => productAt(seed, i)).find((p) => p.productId.trim() !== '' && p.status === 'Disco' && p.inventory !== null)!;
}

describe('a lost answer', () => {
  it('is retried, answered as a duplicate, and the order is placed once and counted once', async () => {
    const seed = seedWhere('empty', { emptyRate: 0.5 });
    const u = await under({ seed, apiEmptyRate: 0.5 });
    const sent = [recordMessage(request('E-1', u)), stateMessage(1)];
    const run = await write(u, sent);

    expect(run.code).toBe(0);
    // The sandbox's own record: the first call placed the order and its answer was lost; the
    // retry carried the same number and was answered (a duplicate); one order exists.
    const calls = u.box.api.requests().filter((r) => r.operation === 'SubmitPurchaseOrder');
    expect(calls.map((c) => [c.purchaseOrderNumber, c.injected, c.status])).toEqual([
      ['E-1', 'empty', 200],
      ['E-1', null, 200],
    ]);
    const placed = placedByPo(u.box).get('E-1')!;
    expect(placed).toHaveLength(1);
    const confirmation = placed[0]!.order.orderConfirmationNumber;
    expect(logsOf(run.messages, 'WARN')).toEqual([
      expect.stringMatching(/^Order E-1: SubmitPurchaseOrder attempt 1 failed \(an empty 200 answer\); trying again in \d+\.\d s\. Safe: /),
    ]);
    expect(logsOf(run.messages, 'INFO')).toContain(
      `Order E-1 (stdin line 1) is already with Kroll under confirmation number ${confirmation} (DuplicatePurchaseOrder): an earlier attempt placed it and its answer was lost; Kroll holds each of its 2 lines; counted as placed, once.`,
    );
    // This write placed it: the totals say so, not "already with Kroll".
    expect(logsOf(run.messages, 'INFO').at(-1)).toBe('The write is complete: 1 record read: 1 order placed, 0 already with Kroll, 0 rejected (0 invalid, 0 by Kroll); 1 state acknowledged.');
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([{ recordCount: 1, rejectedRecordCount: 0 }]);
  });

  it("of a partial acceptance is told from Kroll's order: the lines Kroll did not place, and the order counted as partially placed", async () => {
    // Request 1 places the order (its answer lost), 2 is the duplicate, 3 the look-up.
    const seed = seedWhere('empty', { emptyRate: 0.5 }, 100, 2);
    const u = await under({ seed, apiEmptyRate: 0.5 });
    const disco = discontinued(seed);
    const record = request('E-2', u, {
      lines: [
        { sku: u.inStock[0]!.sku, quantity: 1 },
        { sku: disco.sku, quantity: disco.inventory!.quantityAvailable + 3 },
      ],
    });
    const run = await write(u, [recordMessage(record), stateMessage(1)]);

    expect(run.code).toBe(0);
    expect(u.box.api.requests().map((r) => [r.operation, r.injected])).toEqual([
      ['SubmitPurchaseOrder', 'empty'],
      ['SubmitPurchaseOrder', null],
      ['CheckOrderStatus', null],
    ]);
    // The sandbox's truth: the order was partially accepted; its rejected line is the one to tell.
    const [placed] = placedByPo(u.box).get('E-2')!;
    expect(placed!.fulfillmentStatus).toBe('OrderPartiallyAccepted');
    const rejected = placed!.rejectedLines.map((l) => `line ${l.lineNumber} ${l.sku} (${l.quantityRequested} ordered)`);
    expect(rejected).toEqual([`line 2 ${disco.sku} (${disco.inventory!.quantityAvailable + 3} ordered)`]);
    expect(logsOf(run.messages, 'WARN')).toContain(
      `Order E-2 (stdin line 1) is already with Kroll under confirmation number ${placed!.order.orderConfirmationNumber} (DuplicatePurchaseOrder): ` +
        `an earlier attempt placed it and its answer was lost; Kroll holds 1 of its 2 lines; not placed (not in Kroll's order, or canceled): ${rejected.join(', ')}; ` +
        'counted as partially placed, once.',
    );
    expect(logsOf(run.messages, 'INFO').at(-1)).toBe(
      'The write is complete: 1 record read: 1 order placed (1 partially), 0 already with Kroll, 0 rejected (0 invalid, 0 by Kroll); 1 state acknowledged.',
    );
  });
});

describe('a duplicate', () => {
  it('of an order placed before is looked up too, and a look-up that fails is a warning of what to check, not a failure', async () => {
    const u = await under({ seed: 11, apiWithoutOperations: ['CheckOrderStatus'] });
    const sent = [recordMessage(request('U-1', u)), stateMessage(1)];
    expect((await write(u, sent)).code).toBe(0);
    const again = await write(u, sent);

    expect(again.code).toBe(0);
    expect(placedByPo(u.box).get('U-1')).toHaveLength(1);
    const confirmation = placedByPo(u.box).get('U-1')![0]!.order.orderConfirmationNumber;
    expect(logsOf(again.messages, 'WARN')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Order U-1 \\(stdin line 1\\) is already with Kroll under confirmation number ${confirmation} \\(DuplicatePurchaseOrder\\): it was placed before; ` +
            `which of its lines Kroll holds is unknown \\(CheckOrderStatus: .*does not offer CheckOrderStatus.*\\): ask Kroll about order ${confirmation} \\(CheckOrderStatus\\), ` +
            'or see its lines in purchase_order_lines after the next source-kroll sync; counted as already with Kroll, not placed again\\.$',
        ),
      ),
    ]);
    expect(echoedStates(again).map((s) => s.destinationStats)).toEqual([{ recordCount: 1, rejectedRecordCount: 0 }]);
  });
});

describe('every fault switch at once', () => {
  it('is survived: every order placed exactly once, every state echoed after its orders', async () => {
    const u = await under({ seed: 7, apiLatencyMs: 5, apiFaultRate: 0.2, apiThrottleRate: 0.2, apiEmptyRate: 0.2, apiRetryAfterSeconds: 0 });
    const records = Array.from({ length: 12 }, (_, i) => request(`Z-${i + 1}`, u));
    const sent: AirbyteMessage[] = records.flatMap((r, i) => [recordMessage(r), ...(i % 4 === 3 ? [stateMessage(i)] : [])]);
    const run = await write(u, sent, { ...u.config, api_retries: 12, concurrency: 3 });

    expect(run.code).toBe(0);
    const placed = placedByPo(u.box);
    for (const r of records) expect(placed.get(r.order_id), r.order_id).toHaveLength(1);
    expect(stateEchoProblems(sent, run.messages)).toEqual([]);
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual(Array(3).fill({ recordCount: 4, rejectedRecordCount: 0 }));
    // Each switch really hit an order, and every lost answer was followed by its duplicate.
    const calls = u.box.api.requests().filter((r) => r.operation === 'SubmitPurchaseOrder');
    expect(new Set(calls.map((c) => c.injected))).toEqual(new Set([null, 'fault', 'throttled', 'empty']));
    const lost = calls.filter((c) => c.injected === 'empty').map((c) => c.purchaseOrderNumber);
    expect(lost.length).toBeGreaterThan(0);
    const duplicates = [...logsOf(run.messages, 'INFO'), ...logsOf(run.messages, 'WARN')].filter((l) => l.includes('(DuplicatePurchaseOrder): an earlier attempt placed it'));
    expect(duplicates).toHaveLength(new Set(lost).size);
  });
});

describe('a write that cannot go on', () => {
  it('stops with a transient_error when Kroll stays down, echoing no state past the last answered order', async () => {
    const u = await under({ seed: 8 });
    const config = { ...u.config, api_retries: 2 };
    const started = await u.destination.start('write', { config, catalog: CATALOG });
    const echoes: string[] = [];
    let echoed: () => void = () => undefined;
    started.onLine((line) => {
      if ((JSON.parse(line) as AirbyteMessage).type === 'STATE') {
        echoes.push(line);
        echoed();
      }
    });
    const first = [recordMessage(request('N-1', u)), recordMessage(request('N-2', u)), stateMessage(1)];
    const waitEcho = new Promise<void>((resolve) => (echoed = resolve));
    started.write(lines(first));
    await waitEcho;
    await u.box.close(); // Kroll goes down
    const second = [recordMessage(request('N-3', u)), stateMessage(2)];
    started.end(lines(second));
    const run = await started.finished;

    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([
      // Named by the record's order_id (the default template's Purchase Order Number too), and its stdin line: after N-1, N-2 and a state.
      expect.objectContaining({
        failure_type: 'transient_error',
        message: expect.stringMatching(/^Order N-3 \(stdin line 4\): Kroll's dealer API did not answer SubmitPurchaseOrder at .* after 3 attempts .*connection refused/),
      }),
    ]);
    expect(echoedStates(run).map((s) => s.stream!.stream_state)).toEqual([{ position: 1 }]);
    expect(logsOf(run.messages, 'WARN').at(-1)).toBe(
      'The write stopped before its end: 3 records read: 2 orders placed, 0 already with Kroll, 0 rejected (0 invalid, 0 by Kroll), 1 without an answer; 1 state acknowledged. ' +
        'The next write takes the record without an answer again (Kroll answers an order it already has as a duplicate).',
    );
    expect(placedByPo(u.box).has('N-3')).toBe(false);
  });

  it('stops with a config_error when Kroll refuses the credentials, placing nothing', async () => {
    const u = await under({ seed: 9 });
    const wrong = { ...u.config, api_password: 'Not-the-API-key-0123456789abcdef' };
    const run = await write(u, [recordMessage(request('W-1', u)), stateMessage(1)], wrong);

    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: expect.stringMatching(/API username or API key rejected .* Check api_username, api_password and account_number\./) }),
    ]);
    expect(echoedStates(run)).toEqual([]);
    expect(u.box.api.placedOrders()).toEqual([]);
    for (const secret of [String(wrong.api_password), String(u.config.api_password)]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });
});
