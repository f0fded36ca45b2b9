/**
 * From a file's header and a layout to typed items: columns are found by name (case, spaces,
 * underscores and order do not matter), values parsed by kind, and columns the layout does not
 * know are kept as text under their own header name.
 */
import { ConfigError } from '../../protocol/errors.js';
import { delimiterFix, delimiterName, likelyDelimiter } from '../files/sniff.js';
import { normalizeColumnName } from '../files/table.js';
import type { Row } from '../files/rows.js';
import { parseKrollDateTime } from '../time.js';
import { STOCK_STATUSES, type ColumnKind, type Columns, type ItemOf, type StockStatus } from './layout.js';

export interface ResolvedColumns<C extends Columns> {
  /** Index of each field's column in a row, -1 when an optional column is absent. */
  indexes: { [K in keyof C]: number };
  /** The header name each field is read from (or would be, when missing). */
  names: { [K in keyof C]: string };
  /** Columns of the file the layout does not know. */
  extra: { index: number; name: string }[];
  /** Optional columns the file lacks (their fields stay null), by header name. */
  missing: string[];
  /** The fields of those columns, in the same order. */
  missingFields: (keyof C & string)[];
}

/** The file's header against the layout, required columns included whether found or not. */
export interface ColumnMatch<C extends Columns> extends ResolvedColumns<C> {
  /** Required fields whose column the file lacks, with the header name looked for. */
  missingRequired: { field: keyof C & string; name: string }[];
}

/** How the config names a file's columns, and what to tell a user whose file lacks one. */
export interface ColumnNaming<C extends Columns> {
  /** Header names that replace the layout's: field -> header name in the file. */
  overrides?: Partial<Record<keyof C & string, string>>;
  /** A sentence telling how to read these fields from other header names (which setting to change). */
  renameHint?: (fields: (keyof C & string)[]) => string;
}

export interface ValueIssue {
  file: string;
  line: number;
  column: string;
  message: string;
}

/** Finds each field's column by header name; never throws (see requireColumns). */
export function matchColumns<C extends Columns>(columns: C, header: string[], naming: ColumnNaming<C> = {}): ColumnMatch<C> {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalizeColumnName(name);
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });

  const indexes = {} as { [K in keyof C]: number };
  const names = {} as { [K in keyof C]: string };
  const used = new Set<number>();
  const missingRequired: ColumnMatch<C>['missingRequired'] = [];
  const missing: string[] = [];
  const missingFields: (keyof C & string)[] = [];
  for (const [field, spec] of Object.entries(columns) as [keyof C & string, Columns[string]][]) {
    const name = naming.overrides?.[field] ?? spec.header;
    const index = positions.get(normalizeColumnName(name)) ?? -1;
    indexes[field] = index;
    names[field] = index >= 0 ? header[index]! : name;
    if (index >= 0) used.add(index);
    else if (spec.required) missingRequired.push({ field, name });
    else {
      missing.push(name);
      missingFields.push(field);
    }
  }
  const extra = header.flatMap((name, index) => (used.has(index) || name === '' ? [] : [{ index, name }]));
  return { indexes, names, extra, missing, missingFields, missingRequired };
}

/** A config error naming the file and every required column it lacks, and what to change. */
export function missingColumnsError<C extends Columns>(match: ColumnMatch<C>, header: string[], file: string, naming: ColumnNaming<C> = {}): ConfigError {
  const list = match.missingRequired.map(({ name }) => `'${name}'`).join(', ');
  const found = header.join(', ');
  const rename = naming.renameHint ? ` ${naming.renameHint(match.missingRequired.map(({ field }) => field))}` : '';
  // A header read as one column that another delimiter splits: that is the cause, said first.
  const guess = header.length === 1 ? likelyDelimiter(header[0]!) : null;
  if (guess) {
    return new ConfigError(
      `${file}: its header is one column with the configured file_delimiter, but ${guess.fields} columns with ${delimiterName(guess.delimiter)}. ${delimiterFix(guess.delimiter)} ` +
        `(Read as one column, it has no column ${list} (required).)`,
    );
  }
  return new ConfigError(
    `${file} has no column ${list} (required). Its header has: ${found.length > 300 ? `${found.slice(0, 300)}…` : found || '(nothing)'}.${rename} ` +
      `If the file is not tab-delimited, set file_delimiter; if its values are in quotes, set file_quoting.`,
  );
}

/** The columns a file is read with; a config error when a required one is missing. */
export function resolveColumns<C extends Columns>(columns: C, header: string[], file: string, naming: ColumnNaming<C> = {}): ResolvedColumns<C> {
  const match = matchColumns(columns, header, naming);
  if (match.missingRequired.length > 0) throw missingColumnsError(match, header, file, naming);
  return match;
}

const TRUE_WORDS = new Set(['y', 'yes', 'true', 't', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'false', 'f', '0']);
const STATUS_WORDS = new Map<string, StockStatus>([
  ...STOCK_STATUSES.map((s) => [s.toLowerCase(), s] as [string, StockStatus]),
  ['discontinued', 'Disco'],
  ['closeout', 'CLSO'],
  ['instock', 'Stock'],
]);

type Parsed = string | number | boolean | null | undefined;

function toNumber(text: string): number | undefined {
  let value = Number(text);
  if (Number.isNaN(value)) value = Number(text.replace(/[$,\s]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** The value of a non-blank cell, or undefined when it is not of its kind. */
function parseValue(kind: ColumnKind, text: string): Parsed {
  switch (kind) {
    case 'text':
      return text;
    case 'number':
      return toNumber(text);
    case 'integer': {
      const value = toNumber(text);
      return value !== undefined && Number.isInteger(value) ? value : undefined;
    }
    case 'boolean': {
      const word = text.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    }
    case 'datetime':
      return parseKrollDateTime(text);
    case 'status':
      return STATUS_WORDS.get(text.toLowerCase());
  }
}

const EXPECTED: Record<ColumnKind, string> = {
  text: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'Y/N (or True/False, 1/0)',
  datetime: 'a date and time',
  status: `one of ${STOCK_STATUSES.join(', ')}`,
};

export type RowMapper<C extends Columns> = (row: Row) => ItemOf<C>;

export function createRowMapper<C extends Columns>(
  columns: C,
  resolved: ResolvedColumns<C>,
  file: string,
  onIssue: (issue: ValueIssue) => void,
): RowMapper<C> {
  const fields = (Object.keys(columns) as (keyof C & string)[]).map((field) => ({
    field,
    index: resolved.indexes[field],
    kind: columns[field]!.kind,
    header: resolved.names[field],
  }));
  const extra = resolved.extra;

  return (row: Row): ItemOf<C> => {
    const item: Record<string, unknown> = {};
    for (const { field, index, kind, header } of fields) {
      const raw = index >= 0 ? row.fields[index]! : '';
      const text = raw.trim();
      if (text === '') {
        item[field] = null;
        continue;
      }
      const value = parseValue(kind, text);
      if (value === undefined) {
        const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
        onIssue({
          file,
          line: row.line,
          column: header,
          message: `${file} line ${row.line}, column ${header}: '${shown}' is not ${EXPECTED[kind]}; the field is left empty.`,
        });
        item[field] = null;
      } else {
        item[field] = value;
      }
    }
    item.line = row.line;
    if (extra.length === 0) {
      item.extra = null;
    } else {
      const values: Record<string, string> = {};
      for (const { index, name } of extra) values[name] = row.fields[index]!;
      item.extra = values;
    }
    return item as ItemOf<C>;
  };
}
