/**
 * Loads a connector config and validates it against the connector's spec, once, with ajv. Defaults
 * from the spec are filled in, so the rest of the code reads a complete config.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ConnectorSpecification } from '../generated/protocol.js';
import { ConfigError } from './errors.js';
import { readJsonFile } from './files.js';
import { Redactor, secretValues, userInfoSecrets } from './redact.js';

// ajv-formats is CommonJS with a default export; under NodeNext the callable is one level down.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface LoadedConfig<T> {
  config: T;
  redactor: Redactor;
  /** Keys the spec does not know, each with the nearest known key when one is close. */
  unknown: { key: string; suggestion?: string }[];
}

/** Edit distance, for "did you mean" on a misspelt key; keys are short, so the plain algorithm. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known name nearest to a misspelt one, when it is at most two edits away. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const nearest = known.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return nearest && nearest.d <= 2 ? nearest.k : undefined;
}

function unknownKeys(config: Record<string, unknown>, properties: Record<string, unknown>): LoadedConfig<unknown>['unknown'] {
  const known = Object.keys(properties);
  return Object.keys(config)
    .filter((key) => !(key in properties))
    .map((key) => {
      const suggestion = didYouMean(key, known);
      return suggestion ? { key, suggestion } : { key };
    });
}

function fieldName(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return path ? `${path}.${missing}` : missing;
  }
  return path || '(the config itself)';
}

/** Ajv's wording for one error, never quoting the value (it could be a password); `near` says the config's key misspelt as it. */
function describeError(error: ErrorObject, near: (field: string) => string | undefined): string {
  const field = fieldName(error);
  switch (error.keyword) {
    case 'required': {
      const misspelt = near(field);
      return `'${field}' is required${misspelt ? ` (the config has '${misspelt}': did you mean '${field}'?)` : ''}`;
    }
    case 'enum':
      return `'${field}' must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern': {
      const descriptor = (error.parentSchema as { pattern_descriptor?: string } | undefined)?.pattern_descriptor;
      return `'${field}' must look like ${descriptor ?? `the pattern ${(error.params as { pattern: string }).pattern}`}`;
    }
    default:
      return `'${field}' ${error.message ?? 'is invalid'}`;
  }
}

export function createConfigValidator(spec: ConnectorSpecification) {
  // verbose: errors carry their schema, for pattern_descriptor (their data is never shown).
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
  addFormats(ajv);
  const validate = ajv.compile(spec.connectionSpecification);

  return function validateConfig<T>(raw: unknown, source: string): LoadedConfig<T> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ConfigError(`The config in ${source} must be a JSON object.`);
    }
    // Keys starting with '_' are the platform's own notes, not settings.
    const config = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
    // Secrets are known before validation, so that no later message can leak them.
    const redactor = new Redactor([...secretValues(spec.connectionSpecification, config), ...userInfoSecrets(config)]);
    const properties = (spec.connectionSpecification as { properties?: Record<string, unknown> }).properties ?? {};
    const unknown = unknownKeys(config, properties);
    if (!validate(config)) {
      // A misspelt key is the likely cause of a missing one: said with it, and the others after.
      const near = (field: string) => unknown.find((u) => u.suggestion === field)?.key;
      const problems = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => describeError(e, near)))];
      const told = new Set((validate.errors ?? []).filter((e) => e.keyword === 'required').map(fieldName));
      const others = unknown.filter((u) => u.suggestion !== undefined && !told.has(u.suggestion));
      const hints = others.map((u) => ` The config also has '${u.key}': did you mean '${u.suggestion}'?`).join('');
      throw new ConfigError(`Invalid config (${source}): ${problems.join('; ')}.${hints}`);
    }
    return { config: config as T, redactor, unknown };
  };
}

export function loadConfigFile<T>(path: string, spec: ConnectorSpecification): LoadedConfig<T> {
  return createConfigValidator(spec)<T>(readJsonFile(path, 'config'), path);
}
