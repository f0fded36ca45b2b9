import { describe, expect, it } from 'vitest';
import { parseState } from '../../src/protocol/state.js';

describe('state file', () => {
  it('reads an array of STREAM states, ignoring extra properties the platform adds', () => {
    const text = JSON.stringify([
      { type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: '2026-12-01T00:00:00.000Z' } }, sourceStats: { recordCount: 3 }, id: 7 },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'inventory', namespace: null }, stream_state: { a: 1 } } },
    ]);
    expect([...parseState(text, 's.json')]).toEqual([
      ['products', { feed_modified_at: '2026-12-01T00:00:00.000Z' }],
      ['inventory', { a: 1 }],
    ]);
  });

  it('accepts STATE lines copied whole from the output, in an array or alone', () => {
    const line = { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: { feed_modified_at: 'x' } }, sourceStats: { recordCount: 5 } } };
    expect(parseState(JSON.stringify([line]), 's.json').get('products')).toEqual({ feed_modified_at: 'x' });
    expect(parseState(JSON.stringify(line), 's.json').get('products')).toEqual({ feed_modified_at: 'x' });
  });

  it('reads GLOBAL states per stream', () => {
    const text = JSON.stringify([{ type: 'GLOBAL', global: { shared_state: {}, stream_states: [{ stream_descriptor: { name: 'shipments' }, stream_state: { ship_date: 'x' } }] } }]);
    expect(parseState(text, 's.json').get('shipments')).toEqual({ ship_date: 'x' });
  });

  it.each(['', '  \n', 'null', '[]'])('treats %j as no state', (text) => {
    expect(parseState(text, 's.json').size).toBe(0);
  });

  it('accepts the legacy forms: one object by stream name, or {data: {...}}', () => {
    expect(parseState('{"products": {"feed_modified_at": "x"}}', 's.json').get('products')).toEqual({ feed_modified_at: 'x' });
    expect(parseState('{"data": {"inventory": {"y": 1}}}', 's.json').get('inventory')).toEqual({ y: 1 });
  });

  it('refuses an object that is no state at all, rather than read every stream from the start', () => {
    expect(() => parseState('{"foo": "bar"}', '/tmp/s.json')).toThrow(
      "The state file /tmp/s.json is not a state: its 'foo' holds a string, where a legacy state holds each stream's state object by stream name.",
    );
    expect(() => parseState('{"data": {"products": 3}}', '/tmp/s.json')).toThrow("State /tmp/s.json is not a state: its 'products' holds a number");
  });

  it('treats a null stream_state as no state for that stream', () => {
    const states = parseState(JSON.stringify([{ type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: null } }]), 's.json');
    expect(states.has('products')).toBe(true);
    expect(states.get('products')).toBeUndefined();
  });

  it('names the file and entry of a malformed state', () => {
    expect(() => parseState('[{"type": "STREAM"}]', '/tmp/s.json')).toThrow("State /tmp/s.json [0] has none of 'stream', 'global' or 'data'; expected a state message such as");
    expect(() => parseState('[{"type":"STREAM","stream":{"stream_state":{}}}]', '/tmp/s.json')).toThrow('stream_descriptor.name is missing');
    expect(() => parseState('[1,', '/tmp/s.json')).toThrow('The state file /tmp/s.json is not valid JSON');
  });
});
