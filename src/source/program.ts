/** The commands of `source-kroll`, the Airbyte source for Kroll's product files and dealer API. */
import type { SourceConfig } from '../generated/configs.js';
import { loadCatalogFile } from '../protocol/catalog.js';
import type { Program } from '../protocol/cli.js';
import { checkCommand, loadConnectorConfig, specCommand } from '../protocol/commands.js';
import { catalogMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/output.js';
import { loadStateFile } from '../protocol/state.js';
import { check } from './check.js';
import { runDiagnose } from './diagnose/index.js';
import { discover, unlistedNote } from './discover.js';
import { read } from './read.js';
import { checkSettings } from './settings.js';
import { sourceSpec } from './spec.js';

function loadConfig(path: string, out: MessageWriter): SourceConfig {
  return loadConnectorConfig<SourceConfig>('source-kroll', path, sourceSpec, out, checkSettings);
}

export const sourceProgram: Program = {
  name: 'source-kroll',
  commands: {
    spec: specCommand(sourceSpec),
    check: checkCommand(loadConfig, check),
    discover: {
      options: { config: 'required' },
      async run(args, out) {
        const config = loadConfig(args.config!, out);
        const note = unlistedNote(config);
        if (note) out.log('INFO', note);
        out.message(catalogMessage(discover(config)));
      },
    },
    read: {
      options: { config: 'required', catalog: 'required', state: 'optional' },
      async run(args, out, signal) {
        const config = loadConfig(args.config!, out);
        const catalog = loadCatalogFile(args.catalog!);
        const states = loadStateFile(args.state);
        return read(config, catalog, states, out, signal);
      },
    },
    diagnose: {
      options: { config: 'required' },
      flags: ['json'],
      values: { 'recheck-seconds': 'S' },
      help: [
        'diagnose is for people, not part of the Airbyte protocol: it prints a report (text, or JSON with',
        "--json) of what matches and what does not between the config, Kroll's FTP server and dealer API,",
        'and exits 1 when a check fails. --recheck-seconds: the wait between two looks at each file (5).',
      ].join('\n'),
      run: runDiagnose,
      protocol: false,
    },
  },
};
