/**
 * One product file, as the connector would read it: its format (encoding, delimiter, quoting,
 * line ends), its header's columns against the layout and the config's names, and its rows, read
 * with the connector's own parsing. Lines go to the file's section; the first item goes back to
 * the caller, which shows it as the record the connector would emit.
 */
import { open } from 'node:fs/promises';
import type { SourceConfig } from '../../generated/configs.js';
import { FileDecoder } from '../../kroll/files/decode.js';
import type { LocalFile } from '../../kroll/files/fetch.js';
import { delimiterFix, delimiterName, firstLine, likelyDelimiter, lineEnds } from '../../kroll/files/sniff.js';
import { FileCutShortError, normalizeColumnName } from '../../kroll/files/table.js';
import type { ColumnMatch } from '../../kroll/products/columns.js';
import {
  inspectHeader,
  openCatalog,
  openInventory,
  openStatus,
  type FileIssue,
  type ItemStream,
  type ProductFileOptions,
  type RowCounts,
} from '../../kroll/products/files.js';
import { PRODUCT_FILE_LAYOUTS, type Columns, type ProductFileKind } from '../../kroll/products/layout.js';
import { distance } from '../../protocol/config.js';
import { ConnectorError } from '../../protocol/errors.js';
import { FILE_TITLES, mappingExample, recordFieldOf } from '../columns.js';
import { HEAD_BYTES } from '../file-headers.js';
import { fileFormat, productFileOptions } from '../settings.js';
import { count } from '../../protocol/wording.js';
import { errorMessage, type SectionBuilder, type Subject } from './report.js';
import { table } from './words.js';

/** Where a file's unknown columns go. */
const EXTRA_GOES: Record<ProductFileKind, string> = {
  catalog: 'kept in products.extra_columns',
  inventory: 'kept in inventory.extra_columns',
  status: 'not read (the status file has no record of its own)',
};

async function firstBytes(path: string, max: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buffer, 0, max, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's format from its first bytes; false when the connector could not read it as set. */
async function checkFormat(local: LocalFile, config: SourceConfig, section: SectionBuilder, subject: Subject): Promise<boolean> {
  const path = local.remote.path;
  const head = await firstBytes(local.localPath, HEAD_BYTES);
  const warnings: string[] = [];
  const decoder = new FileDecoder(config.file_encoding, path, (message) => warnings.push(message));
  let text: string;
  try {
    text = decoder.write(head);
  } catch (error) {
    section.fail(subject, 'format', errorMessage(error), { fix: 'Ask Kroll for the file in Windows-1252 or UTF-8.' });
    return false;
  }
  const bom = head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  const encoding =
    decoder.encoding === undefined
      ? 'ASCII only (reads the same in Windows-1252 and UTF-8)'
      : `${decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding === 'windows-1252' ? 'Windows-1252' : 'ISO-8859-1'}` +
        (bom ? ' (byte-order mark)' : config.file_encoding === 'auto' ? ' (detected)' : ' (file_encoding)');
  const { delimiter, quote } = fileFormat(config);
  const headerLine = firstLine(text);
  const guess = likelyDelimiter(headerLine, delimiter);
  const ends = lineEnds(text);
  const message =
    `${encoding}, ${delimiterName(delimiter)}-delimited, ${quote === null ? 'no quoting' : `values in ${quote} quotes`}, ` +
    `${ends.length === 0 ? 'a single line' : `${ends.join(' and ')} line ends`} (from the first ${count(Math.min(head.length, HEAD_BYTES), 'byte')})`;
  if (guess && headerLine.split(delimiter).length <= 1) {
    section.fail(subject, 'format', `${message}: the header is one column with ${delimiterName(delimiter)}, but ${guess.fields} columns with ${delimiterName(guess.delimiter)}`, {
      fix: delimiterFix(guess.delimiter),
    });
    return false;
  }
  if (warnings.length > 0) {
    section.warn(subject, 'format', `${message}. ${warnings.join(' ')}`, { fix: `Check the characters of ${path}, or set file_encoding.` });
  } else {
    section.ok(subject, 'format', message);
  }
  return true;
}

/** The unknown column most like a missing one's name, when one is clearly like it. */
function likelyColumn(name: string, unknown: string[]): string | undefined {
  const target = normalizeColumnName(name);
  const scored = unknown
    .map((column) => {
      const candidate = normalizeColumnName(column);
      const near = candidate.includes(target) || target.includes(candidate) ? 0 : distance(target, candidate) / Math.max(target.length, candidate.length);
      return { column, near };
    })
    .sort((a, b) => a.near - b.near);
  return scored[0] && scored[0].near <= 0.5 ? scored[0].column : undefined;
}

function checkColumns<C extends Columns>(kind: ProductFileKind, header: string[], match: ColumnMatch<C>, section: SectionBuilder, subject: Subject): boolean {
  const layout = PRODUCT_FILE_LAYOUTS[kind] as Columns;
  const fieldOfIndex = new Map<number, string>();
  for (const [key, index] of Object.entries(match.indexes) as [string, number][]) if (index >= 0) fieldOfIndex.set(index, recordFieldOf(kind, key));
  const missingRequired = match.missingRequired.map(({ field, name }) => ({ field: recordFieldOf(kind, field), name }));
  const missingOptional = match.missingFields.map((key, i) => ({ field: recordFieldOf(kind, key), name: match.missing[i]! }));

  const rows = header.map((name, i) => [String(i + 1), name, fieldOfIndex.has(i) ? `-> ${fieldOfIndex.get(i)}` : name === '' ? '(no name: not read)' : `(unknown: ${EXTRA_GOES[kind]})`]);
  for (const { field, name } of missingRequired) rows.push(['-', name, `MISSING: ${field} (required)`]);
  for (const { field, name } of missingOptional) rows.push(['-', name, `missing: ${field} stays empty`]);
  const extras = match.extra.map((e) => e.name);
  const found = Object.keys(layout).length - missingRequired.length - missingOptional.length;
  const data = {
    columns: header.map((name, i) => ({ position: i + 1, header: name, field: fieldOfIndex.get(i) ?? null })),
    unknown_columns: extras,
    missing_required: missingRequired,
    missing_optional: missingOptional,
  };
  const summary =
    `${count(header.length, 'column')}: ${found} of ${count(Object.keys(layout).length, 'field')} found` +
    (extras.length > 0 ? `; ${extras.length} unknown (${extras.join(', ')}): ${EXTRA_GOES[kind]}` : '');

  const fix = (missing: { field: string; name: string }[]): string => {
    const guesses = Object.fromEntries(missing.map(({ field, name }) => [field, likelyColumn(name, extras) ?? '<its header name>']));
    return `If Kroll renamed ${missing.length === 1 ? 'the column' : 'these columns'}, set ${mappingExample(kind, guesses)}.`;
  };
  const more = { detail: table(rows), data };
  const listed = (missing: { field: string; name: string }[]) => missing.map(({ field, name }) => `'${name}' (${field})`).join(', ');
  const optional = missingOptional.length > 0 ? `; no column ${listed(missingOptional)}: ${missingOptional.length === 1 ? 'that field stays' : 'those fields stay'} empty` : '';
  if (missingRequired.length > 0) {
    section.fail(subject, 'columns', `${summary}; no column ${listed(missingRequired)}, which the ${FILE_TITLES[kind]} cannot do without${optional}`, {
      ...more,
      fix: fix([...missingRequired, ...missingOptional]),
    });
    return false;
  }
  if (missingOptional.length > 0) {
    section.warn(subject, 'columns', `${summary}${optional}`, { ...more, fix: fix(missingOptional) });
    return true;
  }
  section.ok(subject, 'columns', summary, more);
  return true;
}

/** The problems reading a file met, by kind: the first of each told in full, the others counted. */
class IssueTally {
  private readonly kinds = new Map<string, { message: string; count: number }>();

  add = (issue: FileIssue): void => {
    const kind = 'kind' in issue ? issue.kind : 'value';
    if (kind === 'missing_column') return; // the columns line tells those
    const seen = this.kinds.get(kind);
    if (seen) seen.count++;
    else this.kinds.set(kind, { message: issue.message, count: 1 });
  };

  get any(): boolean {
    return this.kinds.size > 0;
  }

  toString(): string {
    return [...this.kinds.values()].map(({ message, count }) => (count > 1 ? `${message.replace(/\.$/, '')} (and ${count - 1} more like it).` : message)).join(' ');
  }
}

export interface FileReading {
  /** The connector could read the file as the config says. */
  usable: boolean;
  /** The first item the connector would make a record of. */
  first?: object;
}

function openItems(kind: ProductFileKind, local: LocalFile, options: ProductFileOptions): Promise<ItemStream<object>> {
  if (kind === 'catalog') return openCatalog(local, options);
  if (kind === 'inventory') return openInventory(local, options);
  return openStatus(local, options);
}

/**
 * Checks a local copy of a product file (`complete` false for the first bytes only): format,
 * columns, rows. Returns its first item when the connector could read it.
 */
export async function readProductFile(kind: ProductFileKind, local: LocalFile, complete: boolean, config: SourceConfig, section: SectionBuilder): Promise<FileReading> {
  const subject: Subject = `file:${kind}`;
  const path = local.remote.path;
  try {
    if (!(await checkFormat(local, config, section, subject))) return { usable: false };
    const issues = new IssueTally();
    const options = productFileOptions(config, issues.add);
    const { header, match } = await inspectHeader(kind, local, options);
    if (header.length === 0) {
      section.fail(subject, 'columns', `${path} holds no header line${complete ? '' : ` in its first ${count(HEAD_BYTES, 'byte')}`}`);
      return { usable: false };
    }
    const { quote } = fileFormat(config);
    if (quote === null && header.length > 1 && header.every((name) => /^(".*"|'.*')$/.test(name))) {
      section.fail(subject, 'columns', `the header names are in quotes (${header.slice(0, 3).join(', ')}, …)`, {
        fix: `Set "file_quoting": "${header[0]!.startsWith('"') ? 'double_quote' : 'single_quote'}".`,
      });
      return { usable: false };
    }
    if (!checkColumns(kind, header, match, section, subject)) return { usable: false };

    const items = await openItems(kind, local, options);
    let first: object | undefined;
    let cut: FileCutShortError | undefined;
    try {
      for await (const batch of items.items) first ??= batch[0];
    } catch (error) {
      // The first bytes of a file end mid-row as a rule; a whole file that does is told, with the rows before it.
      if (!(error instanceof FileCutShortError)) throw error;
      if (complete) cut = error;
    }
    const counts = items.counts as RowCounts & { withoutProductId?: number };
    const where = complete ? '' : ` in the first ${count(HEAD_BYTES, 'byte')} (the rest is not read here)`;
    if (counts.rows === 0 && complete) {
      section.fail(subject, 'rows', `${path} has a header but no rows: a sync fails rather than report every product gone`, { fix: 'Try again once Kroll has regenerated it.' });
      return { usable: false };
    }
    const skipped = counts.withoutProductId ? ` ${count(counts.withoutProductId, 'row')} without a ProductId ${counts.withoutProductId === 1 ? 'is' : 'are'} skipped, as Kroll's integrations do.` : '';
    const read = `${count(counts.rows, 'row')}${where}`;
    if (first === undefined) {
      section.add({ status: complete ? 'fail' : 'warn', subject, check: 'rows', message: `${read}: not one the connector can use.${skipped} ${issues}`.trim() });
      return { usable: !complete };
    }
    if (cut) section.warn(subject, 'rows', `${read}.${skipped} ${issues} ${cut.message}`.replace(/ +/g, ' '));
    else if (issues.any) section.warn(subject, 'rows', `${read}.${skipped} ${issues}`);
    else section.ok(subject, 'rows', `${read}, read without a problem.${skipped}`);
    return { usable: true, first };
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    section.fail(subject, 'read', errorMessage(error));
    return { usable: false };
  }
}
