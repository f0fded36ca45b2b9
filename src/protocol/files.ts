/** Reading the JSON files the platform hands a connector (config, catalog, state). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './errors.js';

/** A file shipped with the package (spec/, catalogs/), found from this module's own location. */
export function packageFile(...segments: string[]): string {
  return fileURLToPath(new URL(`../../${segments.join('/')}`, import.meta.url));
}

export function readPackageJson<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(packageFile(...segments), 'utf8')) as T;
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'error'})`;
    throw new ConfigError(`The ${what} file ${path} ${reason}.`, { cause: error });
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Parses JSON text. V8's own message can quote the text around the error, and a config holds
 * passwords, so the message is rebuilt from the position alone.
 */
export function parseJson(text: string, what: string, path: string): unknown {
  // Editors on Windows save JSON with a byte-order mark; JSON.parse refuses it.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`;
    const end = /end of JSON input/.test((error as Error).message) ? ' (it ends too early)' : '';
    throw new ConfigError(`The ${what} file ${path} is not valid JSON${where}${end}.`);
  }
}

export function readJsonFile(path: string, what: string): unknown {
  return parseJson(readTextFile(path, what), what, path);
}

/** A JSON object (not null, not an array): what a config, a catalog entry or a state must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
