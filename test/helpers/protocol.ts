/**
 * Validates what a connector printed against the Airbyte protocol schema (the vendored copy of
 * airbyte_protocol.yaml) and records against their stream schemas, as Airbyte's acceptance tests
 * would: integers must be integers, and records carry no field their schema does not declare.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import type { AirbyteMessage } from '../../src/generated/protocol.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const PROTOCOL_YAML = new URL('../../vendor/airbyte-protocol/airbyte_protocol.yaml', import.meta.url);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const protocol = parseYaml(readFileSync(PROTOCOL_YAML, 'utf8')) as Record<string, unknown>;
delete protocol.version;
ajv.addSchema(protocol, 'airbyte_protocol');
const validateAirbyteMessage = ajv.getSchema('airbyte_protocol#/definitions/AirbyteMessage')!;

export function protocolValidator(definition: string): ValidateFunction {
  return ajv.getSchema(`airbyte_protocol#/definitions/${definition}`)!;
}

const PAYLOAD: Record<AirbyteMessage['type'], keyof AirbyteMessage> = {
  RECORD: 'record',
  STATE: 'state',
  LOG: 'log',
  SPEC: 'spec',
  CONNECTION_STATUS: 'connectionStatus',
  CATALOG: 'catalog',
  TRACE: 'trace',
  CONTROL: 'control',
  DESTINATION_CATALOG: 'destination_catalog',
};

/** Throws unless the message is a valid AirbyteMessage whose payload matches its type. */
export function assertValidMessage(message: unknown): asserts message is AirbyteMessage {
  if (!validateAirbyteMessage(message)) {
    throw new Error(`Invalid AirbyteMessage ${JSON.stringify(message).slice(0, 500)}: ${ajv.errorsText(validateAirbyteMessage.errors)}`);
  }
  const m = message as AirbyteMessage;
  const expected = PAYLOAD[m.type];
  const present = Object.values(PAYLOAD).filter((key) => (m as Record<string, unknown>)[key] !== undefined);
  if (present.length !== 1 || present[0] !== expected) {
    throw new Error(`Message of type ${m.type} carries ${present.join(', ') || 'no payload'}: ${JSON.stringify(m).slice(0, 300)}`);
  }
  if (m.type === 'RECORD' && !Number.isInteger(m.record!.emitted_at)) throw new Error('RECORD emitted_at is not an integer');
  if (m.type === 'TRACE') {
    const t = m.trace!;
    const member = { ERROR: 'error', ESTIMATE: 'estimate', STREAM_STATUS: 'stream_status', ANALYTICS: 'analytics' }[t.type];
    if ((t as Record<string, unknown>)[member] === undefined) throw new Error(`TRACE ${t.type} without ${member}`);
  }
}

/** Every line of a connector's stdout as a validated message; any other line fails. */
export function parseMessages(stdout: string): AirbyteMessage[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`stdout line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
      }
      assertValidMessage(parsed);
      return parsed;
    });
}

const recordValidators = new Map<string, ValidateFunction>();

/** A record validator for a stream schema in catalogs/, with undeclared top-level fields forbidden. */
export function recordValidator(stream: string): ValidateFunction {
  let validate = recordValidators.get(stream);
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL(`../../catalogs/${stream}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const strictAjv = new Ajv({ strict: false, allErrors: true });
    addFormats(strictAjv);
    validate = strictAjv.compile({ ...schema, additionalProperties: false });
    recordValidators.set(stream, validate);
  }
  return validate;
}

export function assertValidRecord(stream: string, data: unknown): void {
  const validate = recordValidator(stream);
  if (!validate(data)) {
    throw new Error(`Invalid ${stream} record ${JSON.stringify(data).slice(0, 400)}: ${JSON.stringify(validate.errors)}`);
  }
}

export function recordsOf(messages: AirbyteMessage[], stream: string): Record<string, unknown>[] {
  return messages.filter((m) => m.type === 'RECORD' && m.record!.stream === stream).map((m) => m.record!.data as Record<string, unknown>);
}

export function statusesOf(messages: AirbyteMessage[], stream: string): string[] {
  return messages
    .filter((m) => m.type === 'TRACE' && m.trace!.type === 'STREAM_STATUS' && m.trace!.stream_status!.stream_descriptor.name === stream)
    .map((m) => m.trace!.stream_status!.status);
}

export function statesOf(messages: AirbyteMessage[], stream: string) {
  return messages.filter((m) => m.type === 'STATE' && m.state!.stream?.stream_descriptor.name === stream).map((m) => m.state!);
}

export function errorsOf(messages: AirbyteMessage[]) {
  return messages.filter((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR').map((m) => m.trace!.error!);
}

export function logsOf(messages: AirbyteMessage[], level?: string): string[] {
  return messages.filter((m) => m.type === 'LOG' && (level === undefined || m.log!.level === level)).map((m) => m.log!.message);
}
