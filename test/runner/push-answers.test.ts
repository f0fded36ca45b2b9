/**
 * What kroll push makes of destination-kroll's messages: each echoed state is one record's answer,
 * of the kind the destination's line about the order tells, its lines being the destination's own
 * (describeOutcome), so the two cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { describeOutcome, type Outcome } from '../../src/destination/answer.js';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import type { LogLevel } from '../../src/protocol/messages.js';
import type { PushOutcome } from '../../src/runner/duckdb/pushes.js';
import { Answers } from '../../src/runner/push/answers.js';

const ORDER = 'Order A-1 (stdin line 2)';

async function outcomeOf(lines: { level: LogLevel; message: string }[], rejected = false): Promise<PushOutcome> {
  const got: PushOutcome[] = [];
  const answers = new Answers(7, { info() {}, warn() {}, error() {} }, false, async (_record, outcome) => {
    got.push(outcome);
  });
  answers.sent({ record: 1, stdinLine: 2, where: 'orders.jsonl line 1', orderId: 'A-1', fingerprint: 'f' });
  for (const { level, message } of lines) await answers.handle({ type: 'LOG', log: { level, message } });
  const echo: AirbyteMessage = {
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: 'fulfillment_requests' }, stream_state: { push_id: 7, record: 1 } }, destinationStats: { recordCount: 1, rejectedRecordCount: rejected ? 1 : 0 } },
  };
  await answers.handle(echo);
  return got[0]!;
}

const line = { lineNumber: 2, quantityOrdered: 3, sku: 'STRE-1' };
const told = (outcome: Outcome, retried = false) => [describeOutcome(ORDER, outcome, retried)];

describe("kroll push's kinds of answer", () => {
  it.each<[string, { level: LogLevel; message: string }[], PushOutcome]>([
    ['accepted', told({ kind: 'placed', status: 'OrderAccepted', confirmation: '8000001', rejectedLines: [], comment: null }), 'placed'],
    ['partially accepted', told({ kind: 'placed', status: 'OrderPartiallyAccepted', confirmation: '8000001', rejectedLines: [], comment: null }), 'partially_placed'],
    ['a duplicate after a lost answer of this write', told({ kind: 'duplicate', confirmation: '8000001' }, true), 'placed'],
    ['a duplicate of an order placed before', told({ kind: 'duplicate', confirmation: '8000001' }), 'already_with_kroll'],
    ['a duplicate after a lost answer, Kroll holding every line', told({ kind: 'duplicate', confirmation: '8000001', held: { notPlaced: [], of: 2 } }, true), 'placed'],
    ['a duplicate after a lost answer, a line not placed', told({ kind: 'duplicate', confirmation: '8000001', held: { notPlaced: [line], of: 2 } }, true), 'partially_placed'],
    ['a duplicate after a lost answer, its lines unknown', told({ kind: 'duplicate', confirmation: '8000001', held: { unknown: 'no answer' } }, true), 'placed'],
    ['a duplicate placed before, a line not placed', told({ kind: 'duplicate', confirmation: '8000001', held: { notPlaced: [line], of: 2 } }), 'already_with_kroll'],
  ])('%s', async (_what, lines, outcome) => {
    expect(await outcomeOf(lines)).toBe(outcome);
  });

  it('a rejection, whatever its line says', async () => {
    expect(await outcomeOf(told({ kind: 'rejected', reason: 'error 202: SKU not found', rejectedLines: [] }), true)).toBe('rejected');
  });
});
