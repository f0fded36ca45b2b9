/**
 * CAT's incremental checks (TestIncremental) for every stream discover offers incrementally: two
 * sequential reads, resuming from sampled checkpoints, and a state from the far future; then a
 * read after the sandbox's data moved on, which must send records past the state's cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteStream } from '../../src/generated/protocol.js';
import type { ConnectorRun } from './harness/connector.js';
import { compareCursors, configuredCatalog, cursorOfState, farFutureCursor, latestStates, sampleCheckpoints, stateInput } from './harness/catalogs.js';
import { recordsByStream, statesOfStream } from './harness/read-checks.js';
import { isObject } from './harness/schema.js';
import { STREAM_OPTIONS, sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
let incremental: AirbyteStream[];
let first: ConnectorRun;
let second: ConnectorRun;
let firstStates: Map<string, unknown>;

const DAY_MS = 86_400_000;
const catalogOf = (streams: AirbyteStream[]) => configuredCatalog(streams, 'incremental');
const cursorValue = (stream: AirbyteStream, record: Record<string, unknown>): unknown =>
  stream.default_cursor_field!.reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), record);
const sortedJson = (records: Record<string, unknown>[] | undefined) => (records ?? []).map((r) => JSON.stringify(r)).sort();

/** The state's cursor moved back by the stream's lookback, if it has one. */
function lowestAllowed(stream: AirbyteStream, stateCursor: unknown): unknown {
  const days = STREAM_OPTIONS[stream.name]?.lookbackDays?.(under.config) ?? 0;
  return days === 0 ? stateCursor : new Date(Date.parse(String(stateCursor)) - days * DAY_MS).toISOString();
}

beforeAll(async () => {
  under = await sourceUnderTest(66);
  incremental = under.streams.filter((s) => s.supported_sync_modes.includes('incremental'));
  first = await under.source.run('read', { config: under.config, catalog: catalogOf(incremental) });
  firstStates = latestStates(first.messages.filter((m) => m.type === 'STATE').map((m) => m.state!));
  second = await under.source.run('read', { config: under.config, catalog: catalogOf(incremental), state: stateInput(firstStates) });
});
afterAll(async () => {
  await under?.close();
});

describe('two sequential reads', () => {
  it('first: records and states for every incremental stream', () => {
    expect(incremental.map((s) => s.name)).toContain('products');
    expect(first.code).toBe(0);
    const records = recordsByStream(first.messages);
    for (const { name } of incremental) {
      expect(records.get(name)?.length ?? 0, name).toBeGreaterThan(0);
      expect(statesOfStream(first.messages, name).length, name).toBeGreaterThan(0);
    }
  });

  it("second, with the first's state: different records", () => {
    expect(second.code).toBe(0);
    const [records1, records2] = [recordsByStream(first.messages), recordsByStream(second.messages)];
    for (const { name } of incremental) expect(sortedJson(records2.get(name)), name).not.toEqual(sortedJson(records1.get(name)));
  });

  it("respects the cursor: the first read's at or before the state's, the second's at or after it (less a lookback)", () => {
    const [records1, records2] = [recordsByStream(first.messages), recordsByStream(second.messages)];
    for (const stream of incremental) {
      const stateCursor = cursorOfState(firstStates.get(stream.name), stream.default_cursor_field!);
      expect(stateCursor, `${stream.name}: the cursor in the state, under ${stream.default_cursor_field!.at(-1)}`).toBeDefined();
      for (const record of records1.get(stream.name) ?? []) expect(compareCursors(cursorValue(stream, record), stateCursor)).toBeLessThanOrEqual(0);
      const lowest = lowestAllowed(stream, stateCursor);
      for (const record of records2.get(stream.name) ?? []) expect(compareCursors(cursorValue(stream, record), lowest)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('resuming from sampled checkpoints', () => {
  it('sends at least the records still to come after each, and not the whole read again', async () => {
    for (const stream of incremental) {
      const full = await under.source.run('read', { config: under.config, catalog: catalogOf([stream]) });
      const records = recordsByStream(full.messages).get(stream.name) ?? [];
      const checkpoints = sampleCheckpoints(statesOfStream(full.messages, stream.name), records.length);
      expect(records.length, stream.name).toBeGreaterThan(0);
      expect(checkpoints.length, stream.name).toBeGreaterThan(0);
      for (const checkpoint of checkpoints) {
        const state = stateInput(new Map([[stream.name, checkpoint.state.stream!.stream_state]]));
        const resumed = await under.source.run('read', { config: under.config, catalog: catalogOf([stream]), state });
        expect(resumed.code).toBe(0);
        const again = recordsByStream(resumed.messages).get(stream.name) ?? [];
        expect(again.length, `${stream.name} from checkpoint ${checkpoint.index}`).toBeGreaterThanOrEqual(checkpoint.remaining);
        expect(sortedJson(again), `${stream.name} from checkpoint ${checkpoint.index}`).not.toEqual(sortedJson(records));
      }
    }
  });

  it('has checkpoints in the middle of a stream to resume from', async () => {
    const products = incremental.find((s) => s.name === 'products')!;
    const full = await under.source.run('read', { config: under.config, catalog: catalogOf([products]) });
    const records = recordsByStream(full.messages).get('products')!;
    const sampled = sampleCheckpoints(statesOfStream(full.messages, 'products'), records.length);
    expect(sampled.length).toBeGreaterThanOrEqual(3);
    expect(sampled.every((c) => c.remaining > 0)).toBe(true);
  });
});

describe('a state from the far future', () => {
  it('yields no records, and a state for every stream', async () => {
    const future = new Map(incremental.map((s) => [s.name, { [s.default_cursor_field!.at(-1)!]: farFutureCursor(s) }]));
    const run = await under.source.run('read', { config: under.config, catalog: catalogOf(incremental), state: stateInput(future) });
    expect(run.code).toBe(0);
    expect(run.messages.filter((m) => m.type === 'RECORD')).toEqual([]);
    for (const { name } of incremental) expect(statesOfStream(run.messages, name).length, name).toBeGreaterThanOrEqual(1);
  });
});

// Last: it changes the sandbox's data.
describe('after the data moved on', () => {
  it("sends records past the state's cursor (and none before it, less a lookback)", async () => {
    const refreshed = incremental.filter((s) => STREAM_OPTIONS[s.name]?.refresh);
    expect(refreshed.map((s) => s.name)).toEqual(expect.arrayContaining(['products', 'purchase_orders', 'purchase_order_lines']));
    for (const stream of refreshed) await STREAM_OPTIONS[stream.name]!.refresh!(under.box);
    const run = await under.source.run('read', { config: under.config, catalog: catalogOf(refreshed), state: stateInput(firstStates) });
    expect(run.code).toBe(0);
    const records = recordsByStream(run.messages);
    for (const stream of refreshed) {
      const stateCursor = cursorOfState(firstStates.get(stream.name), stream.default_cursor_field!);
      expect(records.get(stream.name)?.length ?? 0, stream.name).toBeGreaterThan(0);
      const past = records.get(stream.name)!.filter((record) => compareCursors(cursorValue(stream, record), stateCursor) > 0);
      expect(past.length, stream.name).toBeGreaterThan(0);
      // A stream with a lookback reads its window again; one without sends only what is newer.
      const lowest = lowestAllowed(stream, stateCursor);
      for (const record of records.get(stream.name)!) {
        const since = compareCursors(cursorValue(stream, record), lowest);
        if (STREAM_OPTIONS[stream.name]?.lookbackDays) expect(since, stream.name).toBeGreaterThanOrEqual(0);
        else expect(since, stream.name).toBeGreaterThan(0);
      }
    }
  });
});
