/**
 * The state file of `read`: a JSON array of AirbyteStateMessage (STREAM or GLOBAL), or the
 * legacy single object. An empty file, `null` or `[]` means no state. STATE lines copied whole
 * from a connector's output (with their `{"type": "STATE", "state": ...}` envelope) are accepted.
 */
import { ConfigError } from './errors.js';
import { parseJson, readTextFile, isObject } from './files.js';

/** Each stream's last known state, by stream name. */
export type StreamStates = Map<string, unknown>;

function streamName(descriptor: unknown, where: string): string {
  if (!isObject(descriptor) || typeof descriptor.name !== 'string' || descriptor.name === '') {
    throw new ConfigError(`State ${where}: stream_descriptor.name is missing.`);
  }
  return descriptor.name;
}

function addMessage(states: StreamStates, message: unknown, where: string): void {
  if (!isObject(message)) throw new ConfigError(`State ${where} is not an object.`);
  // A STATE line copied as the connector printed it: the state is inside the message envelope.
  if (message.type === 'STATE' && isObject(message.state)) return addMessage(states, message.state, where);
  if (isObject(message.stream)) {
    states.set(streamName(message.stream.stream_descriptor, where), message.stream.stream_state ?? undefined);
  } else if (isObject(message.global)) {
    const entries = message.global.stream_states;
    if (!Array.isArray(entries)) throw new ConfigError(`State ${where}: global.stream_states must be an array.`);
    entries.forEach((entry, i) => {
      if (!isObject(entry)) throw new ConfigError(`State ${where}, stream_states[${i}] is not an object.`);
      states.set(streamName(entry.stream_descriptor, `${where}, stream_states[${i}]`), entry.stream_state ?? undefined);
    });
  } else if (isObject(message.data)) {
    addLegacy(states, message.data, `State ${where}`);
  } else {
    throw new ConfigError(
      `State ${where} has none of 'stream', 'global' or 'data'; expected a state message such as ` +
        `{"type": "STREAM", "stream": {"stream_descriptor": {"name": "products"}, "stream_state": {...}}}.`,
    );
  }
}

/**
 * Legacy state: one object keyed by stream name, each value a stream's state object. Anything
 * else is no state at all, and a read that went on without it would start every stream over.
 */
function addLegacy(states: StreamStates, data: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(data)) {
    if (value !== null && typeof value !== 'object') {
      throw new ConfigError(
        `${where} is not a state: its '${name}' holds ${typeof value === 'string' ? 'a string' : `a ${typeof value}`}, where a legacy state holds ` +
          `each stream's state object by stream name. A state file holds a JSON array of state messages, such as ` +
          `[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "products"}, "stream_state": {...}}}].`,
      );
    }
    states.set(name, value ?? undefined);
  }
}

export function parseState(text: string, path: string): StreamStates {
  const states: StreamStates = new Map();
  if (text.trim() === '') return states;
  const parsed = parseJson(text, 'state', path);
  if (parsed === null) return states;
  if (Array.isArray(parsed)) {
    parsed.forEach((message, i) => addMessage(states, message, `${path} [${i}]`));
  } else if (isObject(parsed) && ('type' in parsed || 'stream' in parsed || 'global' in parsed || 'data' in parsed)) {
    addMessage(states, parsed, path);
  } else if (isObject(parsed)) {
    addLegacy(states, parsed, `The state file ${path}`);
  } else {
    throw new ConfigError(`The state file ${path} must hold a JSON array of state messages.`);
  }
  return states;
}

export function loadStateFile(path: string | undefined): StreamStates {
  return path === undefined ? new Map() : parseState(readTextFile(path, 'state'), path);
}
