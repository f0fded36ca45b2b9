/** The commands of `destination-kroll`, the Airbyte destination that places fulfillment requests with Kroll. */
import type { DestinationConfig } from '../generated/configs.js';
import { loadCatalogFile } from '../protocol/catalog.js';
import type { Program } from '../protocol/cli.js';
import { checkCommand, loadConnectorConfig, specCommand } from '../protocol/commands.js';
import { didYouMean } from '../protocol/config.js';
import { ConfigError } from '../protocol/errors.js';
import type { MessageWriter } from '../protocol/output.js';
import { check } from './check.js';
import { readMessages } from './input.js';
import { checkSettings } from './settings.js';
import { destinationSpec } from './spec.js';
import { write } from './write.js';

const TEMPLATE_ENTRIES = Object.keys(
  (destinationSpec.connectionSpecification as { properties: { field_mapping: { properties: object } } }).properties.field_mapping.properties,
);

/** What the spec cannot say; and a misspelt template entry would silently send the default field instead: refused. */
function checkDestinationSettings(config: DestinationConfig): void {
  checkSettings(config);
  for (const key of Object.keys(config.field_mapping)) {
    if (TEMPLATE_ENTRIES.includes(key)) continue;
    const suggestion = didYouMean(key, TEMPLATE_ENTRIES);
    throw new ConfigError(
      `Invalid config: 'field_mapping.${key}' is not a field of Kroll's purchase order the template can feed` +
        (suggestion ? ` (did you mean '${suggestion}'?)` : `; the template has ${TEMPLATE_ENTRIES.join(', ')}`) +
        '.',
    );
  }
}

function loadConfig(path: string, out: MessageWriter): DestinationConfig {
  return loadConnectorConfig<DestinationConfig>('destination-kroll', path, destinationSpec, out, checkDestinationSettings);
}

export const destinationProgram: Program = {
  name: 'destination-kroll',
  commands: {
    spec: specCommand(destinationSpec),
    check: checkCommand(loadConfig, check),
    write: {
      options: { config: 'required', catalog: 'required' },
      stdin: 'messages',
      help: [
        'write reads Airbyte messages (RECORD, STATE), one JSON object per line, on stdin until EOF, and',
        'echoes each STATE on stdout once every record before it has its final answer from Kroll.',
      ].join('\n'),
      async run(args, out, signal, stdin) {
        // First, so that stdin is closed below whatever fails.
        const input = readMessages(stdin);
        try {
          const config = loadConfig(args.config!, out);
          const catalog = loadCatalogFile(args.catalog!);
          return await write(config, catalog, input, out, signal);
        } finally {
          input.close();
        }
      },
    },
  },
};
