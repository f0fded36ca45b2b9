/** The configured catalog of `read` and `write`: which streams, in which sync mode. */
import type { ConfiguredAirbyteStream, SyncMode } from '../generated/protocol.js';
import { ConfigError } from './errors.js';
import { readJsonFile } from './files.js';

export interface ConfiguredStream {
  name: string;
  /** Where it is, for messages: "catalog configured_catalog.json, streams[2]". */
  where: string;
  syncMode: SyncMode;
  cursorField: string[] | undefined;
  destinationSyncMode: ConfiguredAirbyteStream['destination_sync_mode'];
  /** The stream's schema as the platform sent it. */
  jsonSchema: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const WRAP_HINT = 'wrap each stream as {"stream": <the discovered stream>, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}';

export function parseConfiguredCatalog(raw: unknown, path: string): ConfiguredStream[] {
  if (isObject(raw) && raw.type === 'CATALOG') {
    throw new ConfigError(`The catalog file ${path} holds discover's CATALOG message, not a configured catalog: take its 'catalog' and ${WRAP_HINT}.`);
  }
  if (!isObject(raw) || !Array.isArray(raw.streams)) {
    throw new ConfigError(`The catalog file ${path} must be a configured catalog: an object with a 'streams' array.`);
  }
  const seen = new Set<string>();
  return raw.streams.map((entry: unknown, i: number): ConfiguredStream => {
    const where = `catalog ${path}, streams[${i}]`;
    if (isObject(entry) && typeof entry.name === 'string' && entry.stream === undefined) {
      throw new ConfigError(`In the ${where}: this is a discovered stream, not a configured one: ${WRAP_HINT}.`);
    }
    if (!isObject(entry) || !isObject(entry.stream) || typeof entry.stream.name !== 'string') {
      throw new ConfigError(`In the ${where}: 'stream.name' is missing.`);
    }
    const name = entry.stream.name;
    if (seen.has(name)) throw new ConfigError(`In the ${where}: stream '${name}' is listed twice.`);
    seen.add(name);
    if (entry.sync_mode === undefined) throw new ConfigError(`In the ${where}: stream '${name}' has no sync_mode; use "full_refresh" or "incremental".`);
    if (entry.sync_mode !== 'full_refresh' && entry.sync_mode !== 'incremental') {
      throw new ConfigError(`In the ${where}: stream '${name}' has sync_mode ${JSON.stringify(entry.sync_mode)}; use "full_refresh" or "incremental".`);
    }
    const cursor = entry.cursor_field;
    return {
      name,
      where,
      syncMode: entry.sync_mode,
      cursorField: Array.isArray(cursor) && cursor.every((c) => typeof c === 'string') ? (cursor as string[]) : undefined,
      destinationSyncMode: entry.destination_sync_mode as ConfiguredStream['destinationSyncMode'],
      jsonSchema: isObject(entry.stream.json_schema) ? entry.stream.json_schema : {},
    };
  });
}

export function loadCatalogFile(path: string): ConfiguredStream[] {
  return parseConfiguredCatalog(readJsonFile(path, 'catalog'), path);
}
