/**
 * The source's catalog: every stream with its schema from catalogs/, keys and sync modes. The
 * dealer API's streams are listed only for a config with API credentials: an FTP-only config gets
 * the streams it can read (so `kroll sync` of it succeeds), and `check` says what the others need.
 */
import type { SourceConfig } from '../generated/configs.js';
import type { AirbyteCatalog, AirbyteStream } from '../generated/protocol.js';
import { readPackageJson } from '../protocol/files.js';
import { apiConfigured } from './settings.js';
import type { StreamDefinition } from './stream.js';
import { readers } from './streams/index.js';

export function streamSchema(name: string): Record<string, unknown> {
  return readPackageJson<Record<string, unknown>>('catalogs', `${name}.json`);
}

export function airbyteStream(definition: StreamDefinition): AirbyteStream {
  const stream: AirbyteStream = {
    name: definition.name,
    json_schema: streamSchema(definition.name),
    supported_sync_modes: definition.syncModes,
    source_defined_primary_key: definition.primaryKey,
    // Every stream can continue an interrupted read from its last checkpoint. The protocol asks a
    // resumable stream to set source_defined_cursor, even when (as for a full-refresh stream) its
    // cursor is the source's own resume position rather than a field.
    is_resumable: true,
    source_defined_cursor: true,
  };
  if (definition.cursorField) stream.default_cursor_field = definition.cursorField;
  return stream;
}

/**
 * For a config without API credentials: which streams discover leaves out and why, for a log line
 * (a runner asked for one of them can tell its user).
 */
export function unlistedNote(config: SourceConfig): string | undefined {
  if (apiConfigured(config)) return undefined;
  const names = readers.filter((reader) => reader.api).flatMap((reader) => reader.streams.map((s) => s.name));
  return `The streams ${names.join(', ').replace(/, ([^,]+)$/, ' and $1')} read Kroll's dealer API, and need api_username and api_password in the config: they are not listed.`;
}

/** Without a config, every stream. */
export function discover(config?: SourceConfig): AirbyteCatalog {
  const offered = readers.filter((reader) => !reader.api || config === undefined || apiConfigured(config));
  return { streams: offered.flatMap((reader) => reader.streams).map(airbyteStream) };
}
