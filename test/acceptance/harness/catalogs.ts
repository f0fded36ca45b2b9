/**
 * Configured catalogs and state inputs as Airbyte's acceptance tests build them from discover,
 * and the choice of checkpoints to resume from in its sequential-slices test.
 */
import type { AirbyteStateMessage, AirbyteStream, ConfiguredAirbyteCatalog, SyncMode } from '../../../src/generated/protocol.js';
import { fieldSchema, typesOf, type Schema } from './schema.js';

/** Each stream in the given mode (default: its first supported one, as basic read does). */
export function configuredCatalog(streams: AirbyteStream[], syncMode?: SyncMode): ConfiguredAirbyteCatalog {
  return {
    streams: streams.map((stream) => {
      const mode = syncMode ?? stream.supported_sync_modes[0]!;
      return {
        stream,
        sync_mode: mode,
        destination_sync_mode: 'append',
        ...(stream.default_cursor_field ? { cursor_field: stream.default_cursor_field } : {}),
        ...(stream.source_defined_primary_key ? { primary_key: stream.source_defined_primary_key } : {}),
      };
    }),
  };
}

/** CAT's invalid catalog: a stream that does not exist, in a sync mode that does not exist. */
export const INVALID_CATALOG = {
  streams: [
    {
      stream: {
        name: '__AIRBYTE__stream_that_does_not_exist',
        json_schema: { type: 'object', properties: { f1: { type: 'string' } } },
        supported_sync_modes: ['full_refresh'],
      },
      sync_mode: 'INVALID',
      destination_sync_mode: 'INVALID',
    },
  ],
};

/** A state file holding the given stream states, as the platform hands them back. */
export function stateInput(states: Map<string, unknown>): AirbyteStateMessage[] {
  return [...states].map(([name, streamState]) => ({ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state: streamState as never } }));
}

/** The latest stream_state of each stream among these states. */
export function latestStates(states: AirbyteStateMessage[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const state of states) if (state.stream) out.set(state.stream.stream_descriptor.name, state.stream.stream_state);
  return out;
}

/** The cursor value of a stream state: the value under the cursor field's own (last) name. */
export function cursorOfState(state: unknown, cursorField: string[]): unknown {
  return (state as Record<string, unknown> | null | undefined)?.[cursorField.at(-1)!];
}

/** A cursor value far in the future, of the cursor field's type. */
export function farFutureCursor(stream: AirbyteStream): unknown {
  const schema = fieldSchema(stream.json_schema as Schema, stream.default_cursor_field!) ?? {};
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) return 9_999_999_999_999;
  return schema.format === 'date' ? '2999-12-31' : '2999-12-31T00:00:00.000Z';
}

/** Compares cursor values: dates as times, numbers as numbers, anything else as text. */
export function compareCursors(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [ta, tb] = [Date.parse(String(a)), Date.parse(String(b))];
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export interface Checkpoint {
  /** Position among the collapsed, non-empty checkpoints. */
  index: number;
  state: AirbyteStateMessage;
  /** Records a read resumed from this checkpoint must send at least. */
  remaining: number;
}

/**
 * CAT's choice of checkpoints, for one stream's states of a read that sent `total` records:
 * identical consecutive states collapse into one (their counts summed), states that count no
 * record are dropped, each keeps the records still to come after it; with fewer than 3 only the
 * last is tried, otherwise about 5, leaving out the first and the last.
 */
export function sampleCheckpoints(states: AirbyteStateMessage[], total: number): Checkpoint[] {
  const collapsed: { state: AirbyteStateMessage; count: number }[] = [];
  for (const state of states) {
    const count = state.sourceStats?.recordCount ?? 0;
    const last = collapsed.at(-1);
    if (last && JSON.stringify(last.state.stream?.stream_state) === JSON.stringify(state.stream?.stream_state)) last.count += count;
    else collapsed.push({ state, count });
  }
  let seen = 0;
  const checkpoints = collapsed
    .filter((c) => c.count > 0)
    .map((c, index) => {
      seen += c.count;
      return { index, state: c.state, remaining: total - seen };
    });
  if (checkpoints.length < 3) return checkpoints.slice(-1);
  const rate = Math.floor(checkpoints.length / 5);
  return checkpoints.slice(1, -1).filter((c) => rate <= 1 || c.index % rate === 0);
}
