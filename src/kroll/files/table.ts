/**
 * Rows of a product file under its header: the first non-blank line names the columns; rows are
 * checked against it. A ragged row (wrong number of fields) is skipped and reported with its
 * line; a copy of the header line mid-file (files glued together) is skipped; blank lines are
 * ignored.
 */
import { TransientError } from '../../protocol/errors.js';
import { keepsRow, readRows, type DelimitedFormat, type Row, type RowFilter } from './rows.js';

/** A file whose last line has no line break: cut short (see cutShortError in openTable). */
export class FileCutShortError extends TransientError {}

export interface TableIssue {
  kind: 'ragged' | 'repeated_header' | 'encoding';
  file: string;
  line: number;
  message: string;
}

export interface Table {
  file: string;
  /** Column names as the file spells them, trailing unnamed columns dropped. */
  header: string[];
  headerLine: number;
  /** Batches of rows that fit the header, each row with exactly header.length fields. */
  rows: AsyncGenerator<Row[]>;
  /** Counts so far: data rows (kept or ragged; not blank lines or repeated headers), ragged rows. */
  readonly stats: { rows: number; ragged: number };
  /** Stops reading (closes the file) when the rows are not read to the end. */
  close(): Promise<void>;
}

/** Header names are matched ignoring case, spaces, underscores and hyphens. */
export function normalizeColumnName(name: string): string {
  return name.replace(/[\s_\-\uFEFF]/g, '').toLowerCase();
}

function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

export async function openTable(
  localPath: string,
  format: DelimitedFormat,
  file: string,
  onIssue: (issue: TableIssue) => void,
  /** Rows to keep (see RowFilter); the caller sets its column once it has the header. */
  filter?: RowFilter,
  /** A last line stopped mid-row: fails the read (a copy of a whole file), or is a ragged row (a file's first bytes). */
  cutShort: 'fail' | 'ragged' = 'fail',
): Promise<Table> {
  const batches = readRows(localPath, format, file, (message) => onIssue({ kind: 'encoding', file, line: 0, message }), filter);
  let headerRow: Row | undefined;
  let leftover: Row[] = [];
  while (headerRow === undefined) {
    const next = await batches.next();
    if (next.done) break;
    const index = next.value.findIndex((row) => !isBlank(row.fields));
    if (index >= 0) {
      headerRow = next.value[index]!;
      leftover = next.value.slice(index + 1);
    }
  }
  const stats = { rows: 0, ragged: 0 };
  if (headerRow === undefined) {
    return { file, header: [], headerLine: 0, rows: (async function* () {})(), stats, close: async () => undefined };
  }

  const header = headerRow.fields.map((name) => name.trim());
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  const width = header.length;
  const headerKey = header.map(normalizeColumnName).join('\u0000');
  const firstKey = normalizeColumnName(header[0]!);
  // Only a first field about as short as the first column name can start a copy of the header:
  // this keeps the normalization off the per-row path.
  const maybeHeader = (first: string): boolean => first.length <= header[0]!.length + 4 && normalizeColumnName(first) === firstKey;

  /**
   * Kroll ends every line with a line break: a last line without one was cut, though the file's
   * size held still (Kroll writing it, a broken upload). With all its fields, the cut is inside the
   * last one (a price of 140.99 read as 1); with fewer, inside the row. Either way the rows after
   * the cut are missing, so the read fails and the next sync tries again.
   */
  const cutShortError = (row: Row): FileCutShortError => {
    const where =
      row.fields.length < width
        ? `ends in the middle of line ${row.line}: its last line has ${row.fields.length} of the header's ${width} fields and no line break`
        : `does not end with a line break: its last line (line ${row.line}) may stop inside its last field`;
    return new FileCutShortError(
      `${file} ${where}. The file looks cut short (Kroll writing it, or a broken upload); read as it is, every row after the cut would be missing. The next sync will try again.`,
    );
  };

  const fit = (rows: Row[]): Row[] => {
    const kept: Row[] = [];
    for (const row of rows) {
      const { fields } = row;
      if (row.unterminated && cutShort === 'fail' && !isBlank(fields)) throw cutShortError(row);
      if (fields.length !== width) {
        // Trailing empty fields (a delimiter at the end of the line) carry nothing: tolerated.
        if (fields.length > width && fields.slice(width).every((f) => f === '')) {
          fields.length = width;
        } else {
          if (fields[0]!.trim() === '' && isBlank(fields)) continue;
          stats.rows++;
          stats.ragged++;
          onIssue({
            kind: 'ragged',
            file,
            line: row.line,
            message: `${file} line ${row.line} has ${fields.length} fields where the header has ${width}; the row is skipped.`,
          });
          continue;
        }
      }
      if (maybeHeader(fields[0]!) && fields.map(normalizeColumnName).join('\u0000') === headerKey) {
        onIssue({ kind: 'repeated_header', file, line: row.line, message: `${file} line ${row.line} repeats the header line; it is skipped.` });
        continue;
      }
      if (fields[0]!.trim() === '' && isBlank(fields)) continue;
      stats.rows++;
      kept.push(row);
    }
    return kept;
  };

  async function* rows(): AsyncGenerator<Row[]> {
    // The rows read with the header were split before the filter had its column.
    const first = fit(leftover.filter((row) => keepsRow(filter, row.fields)));
    if (first.length) yield first;
    for await (const batch of batches) {
      const kept = fit(batch);
      if (kept.length) yield kept;
    }
  }

  const close = async (): Promise<void> => {
    await batches.return(undefined);
  };
  return { file, header, headerLine: headerRow.line, rows: rows(), stats, close };
}
