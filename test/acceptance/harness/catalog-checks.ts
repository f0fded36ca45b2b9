/**
 * The discovery checks of Airbyte's Connector Acceptance Tests (TestDiscovery), plus the catalog
 * conventions the platform and CAT's other suites rely on, each returning the problems it finds.
 */
import type { AirbyteStream } from '../../../src/generated/protocol.js';
import { draft07 } from './spec-checks.js';
import { additionalPropertiesProblems } from './spec-checks.js';
import { fieldSchema, isObject, schemaNodes, typesOf, type Schema } from './schema.js';

const schemaOf = (stream: AirbyteStream): Schema => stream.json_schema as Schema;

export function streamNameProblems(streams: AirbyteStream[]): string[] {
  const names = streams.map((s) => s.name);
  if (names.length === 0) return ['the catalog has no stream'];
  return names.filter((name, i) => names.indexOf(name) !== i).map((name) => `stream ${name} is listed twice`);
}

export function schemaValidityProblems(stream: AirbyteStream): string[] {
  const ajv = draft07();
  return ajv.validateSchema(schemaOf(stream)) ? [] : [`${stream.name}: not a valid draft-07 schema: ${ajv.errorsText(ajv.errors)}`];
}

/** Keywords a stream schema must not use: CAT's $ref, allOf and not. */
export function streamKeywordProblems(stream: AirbyteStream): string[] {
  return schemaNodes(schemaOf(stream)).flatMap((n) => ['$ref', 'allOf', 'not'].filter((k) => k in n.schema).map((k) => `${stream.name}${n.path}: uses ${k}`));
}

export function streamAdditionalPropertiesProblems(stream: AirbyteStream): string[] {
  return additionalPropertiesProblems(schemaOf(stream)).map((p) => `${stream.name}${p}`);
}

/** Sync modes present, full refresh first (basic read configures a stream with its first mode). */
export function syncModeProblems(stream: AirbyteStream): string[] {
  const modes = stream.supported_sync_modes ?? [];
  if (modes.length === 0) return [`${stream.name}: no supported_sync_modes`];
  return modes[0] === 'full_refresh' ? [] : [`${stream.name}: supported_sync_modes starts with ${modes[0]}, not full_refresh`];
}

/** Primary keys defined, present in the schema, and of scalar types. */
export function primaryKeyProblems(stream: AirbyteStream): string[] {
  const keys = stream.source_defined_primary_key ?? [];
  if (keys.length === 0) return [`${stream.name}: no source_defined_primary_key`];
  return keys.flatMap((path) => {
    const schema = fieldSchema(schemaOf(stream), path);
    if (!schema) return [`${stream.name}: primary key ${path.join('.')} is not in the schema`];
    const types = typesOf(schema);
    if (types.length === 0) return [`${stream.name}: primary key ${path.join('.')} has no type`];
    return types.some((t) => t === 'object' || t === 'array') ? [`${stream.name}: primary key ${path.join('.')} is of type ${types.join('/')}`] : [];
  });
}

/**
 * Cursors: a default_cursor_field that is in the schema; incremental streams define their cursor
 * and are resumable; a resumable stream sets source_defined_cursor (the protocol requires it).
 */
export function cursorProblems(stream: AirbyteStream): string[] {
  const problems: string[] = [];
  const cursor = stream.default_cursor_field;
  if (cursor && cursor.length > 0 && !fieldSchema(schemaOf(stream), cursor)) problems.push(`${stream.name}: cursor ${cursor.join('.')} is not in the schema`);
  if (stream.supported_sync_modes.includes('incremental')) {
    if (stream.source_defined_cursor !== true || !cursor?.length) problems.push(`${stream.name}: incremental without a source-defined default cursor`);
    if (stream.is_resumable !== true) problems.push(`${stream.name}: incremental but not is_resumable`);
  }
  if (stream.is_resumable === true && stream.source_defined_cursor === undefined) problems.push(`${stream.name}: is_resumable without source_defined_cursor`);
  return problems;
}

const TYPES = ['null', 'string', 'number', 'integer', 'boolean', 'object', 'array'];
const FORMATS = ['date', 'date-time'];
const AIRBYTE_TYPES = ['timestamp_with_timezone', 'timestamp_without_timezone', 'integer'];

/** Only the types, formats and airbyte_types destinations know, in combinations that make sense. */
export function dataTypeProblems(stream: AirbyteStream): string[] {
  const problems: string[] = [];
  for (const { schema, path } of schemaNodes(schemaOf(stream))) {
    const where = `${stream.name}${path || '/'}`;
    const types = typesOf(schema);
    for (const t of types.filter((t) => !TYPES.includes(t))) problems.push(`${where}: type ${t}`);
    const nonNull = types.filter((t) => t !== 'null');
    if ('format' in schema) {
      if (!FORMATS.includes(String(schema.format))) problems.push(`${where}: format ${String(schema.format)}`);
      if (nonNull.length !== 1 || nonNull[0] !== 'string') problems.push(`${where}: format on type ${types.join('/')}`);
    }
    if ('airbyte_type' in schema) {
      const airbyteType = String(schema.airbyte_type);
      if (!AIRBYTE_TYPES.includes(airbyteType)) problems.push(`${where}: airbyte_type ${airbyteType}`);
      else if (airbyteType === 'integer' ? !nonNull.every((t) => t === 'number' || t === 'integer') : schema.format !== 'date-time') {
        problems.push(`${where}: airbyte_type ${airbyteType} with type ${types.join('/')} and format ${String(schema.format)}`);
      }
    }
  }
  return problems;
}

/** Every check of a discovered stream. */
export function streamProblems(stream: AirbyteStream): Record<string, string[]> {
  if (!isObject(stream.json_schema)) return { schema: [`${stream.name}: json_schema is not an object`] };
  return {
    'valid draft-07 schema': schemaValidityProblems(stream),
    'no $ref, allOf or not': streamKeywordProblems(stream),
    'additionalProperties true where present': streamAdditionalPropertiesProblems(stream),
    'sync modes, full refresh first': syncModeProblems(stream),
    'primary keys in the schema, scalar': primaryKeyProblems(stream),
    'cursors in the schema, incremental resumable': cursorProblems(stream),
    'supported data types and formats': dataTypeProblems(stream),
  };
}
