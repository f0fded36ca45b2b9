/**
 * When states are echoed: in the order they came, each once every record before it is answered,
 * however out of order the answers arrive; and what each state's destinationStats counts.
 */
import { describe, expect, it } from 'vitest';
import type { AirbyteStateMessage, AirbyteStateStats } from '../../src/generated/protocol.js';
import { Ledger, type Ticket } from '../../src/destination/ledger.js';

const stream = (name: string): AirbyteStateMessage => ({ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state: { name } } });
const global: AirbyteStateMessage = { type: 'GLOBAL', global: { stream_states: [] } };

function ledger() {
  const echoes: [string, AirbyteStateStats][] = [];
  return { echoes, ledger: new Ledger((text, stats) => echoes.push([text, stats])) };
}

describe('the ledger', () => {
  it('holds a state until every earlier record is answered, in any order, and echoes states in order', () => {
    const { echoes, ledger: l } = ledger();
    const a = l.record({ name: 's' });
    const b = l.record({ name: 's' });
    l.state(stream('s'), 'S1');
    const c = l.record({ name: 's' });
    l.state(stream('s'), 'S2');
    l.finish(c, false); // the newest answered first: nothing can go yet
    l.finish(b, true);
    expect(echoes).toEqual([]);
    l.finish(a, false);
    expect(echoes).toEqual([
      ['S1', { recordCount: 2, rejectedRecordCount: 1 }],
      ['S2', { recordCount: 1, rejectedRecordCount: 0 }],
    ]);
    expect(l.open).toBe(0);
  });

  it('echoes at once a state with nothing open before it, even when later records are open', () => {
    const { echoes, ledger: l } = ledger();
    l.state(stream('s'), 'S0');
    const a = l.record({ name: 's' });
    l.state(stream('s'), 'S1');
    expect(echoes.map(([t]) => t)).toEqual(['S0']);
    expect(echoes[0]![1]).toEqual({ recordCount: 0, rejectedRecordCount: 0 });
    l.finish(a, false);
    expect(echoes.map(([t]) => t)).toEqual(['S0', 'S1']);
  });

  it("counts a stream state's own stream since its previous state, and a global state everything", () => {
    const { echoes, ledger: l } = ledger();
    const tickets: Ticket[] = [l.record({ name: 'a' }), l.record({ name: 'b' }), l.record({ name: 'a' })];
    l.state(stream('a'), 'A1');
    tickets.push(l.record({ name: 'b' }));
    l.state(global, 'G1');
    tickets.forEach((t, i) => l.finish(t, i === 1));
    expect(echoes).toEqual([
      ['A1', { recordCount: 2, rejectedRecordCount: 0 }],
      ['G1', { recordCount: 2, rejectedRecordCount: 1 }],
    ]);
  });

  it('never answers a record twice', () => {
    const { ledger: l } = ledger();
    const a = l.record({ name: 's' });
    l.finish(a, false);
    expect(() => l.finish(a, false)).toThrow(/answered twice/);
  });
});
