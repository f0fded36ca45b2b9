/** The configured catalog of `read` and `write`: which streams, in which sync mode. */
import type { ConfiguredAirbyteStream, SyncMode } from '../generated/protocol.js';
import { ConfigError } from './errors.js';
import { readJsonFile, isObject } from './files.js';

export interface ConfiguredStream {
  name: string;
  /** The stream's namespace; null when it has none. A stream is its (namespace, name) pair. */
  namespace: string | null;
  /** Where it is, for messages: "catalog configured_catalog.json, streams[2]". */
  where: string;
  syncMode: SyncMode;
  cursorField: string[] | undefined;
  destinationSyncMode: ConfiguredAirbyteStream['destination_sync_mode'];
  /** The stream's schema as the platform sent it. */
  jsonSchema: Record<string, unknown>;
}

/** A stream's identity, (namespace, name), as one key; no namespace and an empty one are the same. */
export function streamKey(stream: { name: string; namespace?: string | null }): string {
  return `${stream.namespace ?? ''}\u0000${stream.name}`;
}

/** A stream as messages name it: 'orders', or 'orders' in namespace 'shop'. */
export function streamLabel(stream: { name: string; namespace?: string | null }): string {
  return stream.namespace ? `'${stream.name}' in namespace '${stream.namespace}'` : `'${stream.name}'`;
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
    const namespace = typeof entry.stream.namespace === 'string' && entry.stream.namespace !== '' ? entry.stream.namespace : null;
    const key = streamKey({ name, namespace });
    if (seen.has(key)) throw new ConfigError(`In the ${where}: stream ${streamLabel({ name, namespace })} is listed twice.`);
    seen.add(key);
    if (entry.sync_mode === undefined) throw new ConfigError(`In the ${where}: stream '${name}' has no sync_mode; use "full_refresh" or "incremental".`);
    if (entry.sync_mode !== 'full_refresh' && entry.sync_mode !== 'incremental') {
      throw new ConfigError(`In the ${where}: stream '${name}' has sync_mode ${JSON.stringify(entry.sync_mode)}; use "full_refresh" or "incremental".`);
    }
    const cursor = entry.cursor_field;
    return {
      name,
      namespace,
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
