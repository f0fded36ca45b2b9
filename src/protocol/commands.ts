/**
 * What every connector's commands share: the config loaded once (secrets handed to the writer
 * before anything else, unknown keys warned about), `spec`, and `check`, whose config problems are
 * a FAILED status with exit 0, as the platform expects.
 */
import type { AirbyteMessage, ConnectorSpecification } from '../generated/protocol.js';
import type { Command } from './cli.js';
import { loadConfigFile } from './config.js';
import { ConfigError } from './errors.js';
import { connectionStatusMessage, specMessage } from './messages.js';
import type { MessageWriter } from './output.js';

/**
 * The config file validated against the spec, then by `checkSettings` (what the spec cannot say);
 * its secrets are masked in every message from then on.
 */
export function loadConnectorConfig<T>(
  connector: string,
  path: string,
  spec: ConnectorSpecification,
  out: MessageWriter,
  checkSettings: (config: T, path: string) => void,
): T {
  const { config, redactor, unknown } = loadConfigFile<T>(path, spec);
  out.useRedactor(redactor);
  checkSettings(config, path);
  for (const { key, suggestion } of unknown) {
    out.log('WARN', `Config key '${key}' is not a setting of ${connector}; it is ignored.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`);
  }
  return config;
}

export function specCommand(spec: ConnectorSpecification): Command {
  return {
    options: {},
    async run(_args, out) {
      out.message(specMessage(spec));
    },
  };
}

export function checkCommand<T>(
  loadConfig: (path: string, out: MessageWriter) => T,
  check: (config: T, signal: AbortSignal) => Promise<AirbyteMessage>,
): Command {
  return {
    options: { config: 'required' },
    async run(args, out, signal) {
      let config: T;
      try {
        config = loadConfig(args.config!, out);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        out.message(connectionStatusMessage('FAILED', error.message));
        return 0;
      }
      out.message(await check(config, signal));
    },
  };
}
