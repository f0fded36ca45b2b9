/** The diagnosis's first section: the config file, validated as every command validates it. */
import type { SourceConfig } from '../../generated/configs.js';
import { loadConfigFile, type LoadedConfig } from '../../protocol/config.js';
import { ConfigError } from '../../protocol/errors.js';
import { Redactor } from '../../protocol/redact.js';
import { mappingsSet } from '../columns.js';
import { accountNumber, apiConfigured, checkSettings, startDateMs } from '../settings.js';
import { sourceSpec } from '../spec.js';
import { SectionBuilder, type Section } from './report.js';

export interface LoadedDiagnoseConfig {
  section: Section;
  /** Undefined when the config cannot be used. */
  config: SourceConfig | undefined;
  redactor: Redactor;
}

export function diagnoseConfig(path: string): LoadedDiagnoseConfig {
  const section = new SectionBuilder('config', `Config ${path}`);
  let loaded: LoadedConfig<SourceConfig> | undefined;
  try {
    loaded = loadConfigFile<SourceConfig>(path, sourceSpec);
    checkSettings(loaded.config, path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    section.fail('config', 'config', error.message, { fix: 'Correct the config as the message says.' });
    return { section: section.build(), config: undefined, redactor: loaded?.redactor ?? new Redactor([]) };
  }
  const { config, redactor, unknown } = loaded;
  section.ok('config', 'config', 'valid against the spec of source-kroll');
  for (const { key, suggestion } of unknown) {
    section.warn('config', 'unknown key', `'${key}' is not a setting of source-kroll; it is ignored.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, {
      fix: suggestion ? `Rename '${key}' to '${suggestion}'.` : `Remove '${key}'.`,
    });
  }
  const mapped = mappingsSet(config);
  if (mapped.length > 0) section.ok('config', 'column names', `set by the config: ${mapped.join(', ')}`);
  // check fails on it; here a warning among the rest, since the streams do run. Its subject is the
  // API: the streams that read from start_date are the dealer API's.
  if (apiConfigured(config) && startDateMs(config) > Date.now()) {
    section.warn('api', 'start date', `start_date ${config.start_date} is in the future: the order-side streams read nothing before that date`, {
      fix: 'Set start_date to the earliest date to sync.',
    });
  }
  const account = accountNumber(config);
  section.ok('config', 'account', `dealer account number ${account}${config.account_number?.trim() ? '' : ' (the FTP username)'}`);
  return { section: section.build(), config, redactor };
}
