/**
 * The read checks of Airbyte's Connector Acceptance Tests (TestBasicRead and the stricter rules of
 * its harness checklist): records valid against their stream's schema with real integers and no
 * undeclared top-level field, scalar non-null primary keys, stream statuses, STREAM states with
 * sourceStats counting the records since the stream's previous state.
 */
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import type { ValidateFunction } from 'ajv';
import type { AirbyteMessage, AirbyteStateMessage, AirbyteStream } from '../../../src/generated/protocol.js';
import type { ConnectorRun } from './connector.js';
import { draft07 } from './spec-checks.js';
import { isObject, typesOf, type Schema } from './schema.js';

/** CAT's date-time rule: its own pattern, and a value Date can read. */
const DATE_TIME = /^\d{4}-\d?\d-\d?\d(\s|T)\d?\d:\d?\d:\d?\d(.\d+)?.*$/;

/** A record validator per stream: the discovered schema with undeclared top-level fields forbidden. */
export function recordValidators(streams: AirbyteStream[]): Map<string, ValidateFunction> {
  const ajv = draft07();
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) });
  return new Map(streams.map((s) => [s.name, ajv.compile({ ...(s.json_schema as Schema), additionalProperties: false })]));
}

/**
 * Integers written as integers: JSON.parse reads 1.0 as 1, so the literal is checked in the raw
 * line (CAT's Python reads 1.0 as a float, which is not an integer).
 */
export function integerLiteralProblems(schema: Schema, lossless: unknown, path = ''): string[] {
  if (lossless === null || lossless === undefined) return [];
  const types = typesOf(schema);
  if (isLosslessNumber(lossless)) {
    const isIntegerField = types.includes('integer') && !types.includes('number');
    return isIntegerField && !/^-?\d+$/.test(lossless.value) ? [`${path || '/'}: integer written as ${lossless.value}`] : [];
  }
  if (Array.isArray(lossless)) {
    return isObject(schema.items) ? lossless.flatMap((item, i) => integerLiteralProblems(schema.items as Schema, item, `${path}/${i}`)) : [];
  }
  if (isObject(lossless) && isObject(schema.properties)) {
    const properties = schema.properties;
    return Object.entries(lossless).flatMap(([key, value]) => (isObject(properties[key]) ? integerLiteralProblems(properties[key] as Schema, value, `${path}/${key}`) : []));
  }
  return [];
}

export function recordProblems(run: ConnectorRun, streams: AirbyteStream[]): string[] {
  const validators = recordValidators(streams);
  const byName = new Map(streams.map((s) => [s.name, s]));
  const problems: string[] = [];
  run.messages.forEach((message, i) => {
    if (message.type !== 'RECORD') return;
    const { stream: name, data } = message.record!;
    const stream = byName.get(name);
    if (!stream) return problems.push(`a record of stream ${name}, which discover does not have`);
    const validate = validators.get(name)!;
    if (!validate(data)) problems.push(`${name} record ${JSON.stringify(data).slice(0, 200)}: ${JSON.stringify(validate.errors).slice(0, 400)}`);
    const lossless = (parseLossless(run.lines[i]!) as { record: { data: unknown } }).record.data;
    for (const p of integerLiteralProblems(stream.json_schema as Schema, lossless)) problems.push(`${name} record: ${p}`);
    for (const p of primaryKeyValueProblems(stream, data)) problems.push(p);
    return undefined;
  });
  return problems.slice(0, 20);
}

/** Primary key values are not objects or arrays, and not all null. */
export function primaryKeyValueProblems(stream: AirbyteStream, data: Record<string, unknown>): string[] {
  const keys = stream.source_defined_primary_key ?? [];
  if (keys.length === 0) return [];
  const values = keys.map((path) => path.reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), data));
  const problems = values.filter((v) => v !== null && typeof v === 'object').map(() => `${stream.name}: a primary key value is an object or array`);
  if (values.every((v) => v === null || v === undefined)) problems.push(`${stream.name}: a record whose primary key is null`);
  return problems;
}

export function recordsByStream(messages: AirbyteMessage[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const m of messages) {
    if (m.type !== 'RECORD') continue;
    const list = out.get(m.record!.stream) ?? [];
    list.push(m.record!.data as Record<string, unknown>);
    out.set(m.record!.stream, list);
  }
  return out;
}

/** For every configured stream: STARTED first, COMPLETE last, RUNNING between (at least once). */
export function statusProblems(messages: AirbyteMessage[], streams: string[]): string[] {
  return streams.flatMap((name) => {
    const statuses = messages
      .filter((m) => m.type === 'TRACE' && m.trace!.type === 'STREAM_STATUS' && m.trace!.stream_status!.stream_descriptor.name === name)
      .map((m) => m.trace!.stream_status!.status);
    const middle = statuses.slice(1, -1);
    const ok = statuses.length >= 3 && statuses[0] === 'STARTED' && statuses.at(-1) === 'COMPLETE' && middle.every((s) => s === 'RUNNING');
    return ok ? [] : [`${name}: statuses ${statuses.join(', ') || 'none'}`];
  });
}

export function statesOfStream(messages: AirbyteMessage[], stream: string): AirbyteStateMessage[] {
  return messages.filter((m) => m.type === 'STATE' && m.state!.stream?.stream_descriptor.name === stream).map((m) => m.state!);
}

/**
 * STREAM states only, at least one per configured stream, each with sourceStats.recordCount equal
 * to the stream's records since its previous state; no state twice in a row for a stream.
 */
export function stateProblems(messages: AirbyteMessage[], streams: string[]): string[] {
  const problems: string[] = [];
  const states = messages.filter((m) => m.type === 'STATE');
  if (states.length < streams.length) problems.push(`${states.length} STATE messages for ${streams.length} streams`);
  const sinceState = new Map<string, number>();
  const previous = new Map<string, string>();
  for (const m of messages) {
    if (m.type === 'RECORD') sinceState.set(m.record!.stream, (sinceState.get(m.record!.stream) ?? 0) + 1);
    if (m.type !== 'STATE') continue;
    const state = m.state!;
    if (state.type !== 'STREAM' || !state.stream) {
      problems.push(`a ${state.type ?? 'LEGACY'} state: ${JSON.stringify(state).slice(0, 200)}`);
      continue;
    }
    const name = state.stream.stream_descriptor.name;
    if (!state.sourceStats) problems.push(`${name}: a state without sourceStats`);
    else if (state.sourceStats.recordCount !== (sinceState.get(name) ?? 0)) {
      problems.push(`${name}: sourceStats.recordCount ${state.sourceStats.recordCount}, but ${sinceState.get(name) ?? 0} records since the previous state`);
    }
    const content = JSON.stringify(state.stream.stream_state);
    if (previous.get(name) === content) problems.push(`${name}: the same state twice in a row`);
    previous.set(name, content);
    sinceState.set(name, 0);
  }
  for (const name of streams) if (!statesOfStream(messages, name).length) problems.push(`${name}: no state`);
  return problems;
}

/** Record identity for comparisons: the primary key's values, or the whole record. */
export function recordKey(stream: AirbyteStream | undefined, data: Record<string, unknown>): string {
  const keys = stream?.source_defined_primary_key ?? [];
  if (keys.length === 0) return JSON.stringify(data);
  return JSON.stringify(keys.map((path) => path.reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), data)));
}
