/**
 * Text of a delimited product file to rows of fields, with their line numbers, in batches (one
 * batch per chunk read from disk, so the caller can apply back-pressure between batches).
 *
 * Kroll's files are not quoted: a `"` is an inch mark, not a quote. Such a file needs no CSV
 * state machine, and splitting lines and fields with the engine's native string functions is
 * several times faster than a general CSV parser (see bench/README.md). When the config says the
 * values are quoted, csv-parse reads the file instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { FileDecoder, type FileEncoding } from './decode.js';

export interface DelimitedFormat {
  delimiter: string;
  quote: '"' | "'" | null;
  encoding: FileEncoding;
}

/**
 * Keeps only some rows, judged by one field: set `column` once the header is known (until then,
 * -1, every row is kept). On the split path the field is cut from the line before the line is
 * split, so a row that is not kept costs little; line numbers count every line all the same.
 */
export interface RowFilter {
  column: number;
  keep(field: string): boolean;
}

/** Whether a row's fields pass the filter (no filter, or no column yet: every row). */
export function keepsRow(filter: RowFilter | undefined, fields: string[]): boolean {
  return filter === undefined || filter.column < 0 || filter.keep(fields[filter.column] ?? '');
}

/** The field at `column` of the line text[from, to) not yet split: '' when the line has fewer fields. */
function fieldOf(text: string, from: number, to: number, delimiter: string, column: number): string {
  let start = from;
  for (let i = 0; i < column; i++) {
    const at = text.indexOf(delimiter, start);
    if (at < 0 || at >= to) return '';
    start = at + delimiter.length;
  }
  const end = text.indexOf(delimiter, start);
  return text.slice(start, end < 0 || end > to ? to : end);
}

export interface Row {
  /** 1-based line of the file where the row starts. */
  line: number;
  fields: string[];
  /** The file's last line, and no line break ends it (the split path only): a file may be cut short there. */
  unterminated?: true;
}

// The file is read in large chunks (fewer trips through libuv's thread pool) and decoded in
// small slices, one batch each. A slice's text must stay under V8's large-object size (128 KiB,
// and Windows-1252 text with a ’ or ™ is two bytes a character): the fields of a batch are views
// into that text, and a large object still alive at a young-generation GC is promoted at once.
// With 64 KiB slices that promoted about a megabyte per GC and the old generation grew with the
// catalog (peak RSS ~360 MiB at 1M SKUs); with 32 KiB it stays flat (bench/README.md).
const READ_CHUNK = 256 * 1024;
const BATCH_BYTES = 32 * 1024;

/** Splits decoded text into lines across chunk boundaries, counting lines. */
class LineSplitter {
  private carry = '';
  private line = 0;
  /** The previous chunk ended in CR: an LF at the start of this one belongs to that line break. */
  private afterCr = false;

  constructor(
    private readonly delimiter: string,
    private readonly filter: RowFilter | undefined,
  ) {}

  push(text: string, rows: Row[]): void {
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = text.endsWith('\r');
    // Line breaks found with indexOf rather than split(/\r\n|\r|\n/): a line of another
    // partition (RowFilter) is then judged by its SKU alone and never cut out as a string.
    const all = this.carry + text;
    let start = 0;
    let cr = all.indexOf('\r');
    let lf = all.indexOf('\n');
    while (cr >= 0 || lf >= 0) {
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      this.add(all, start, end, rows);
      start = end + (end === cr && lf === end + 1 ? 2 : 1);
      if (cr >= 0 && cr < start) cr = all.indexOf('\r', start);
      if (lf >= 0 && lf < start) lf = all.indexOf('\n', start);
    }
    this.carry = all.slice(start);
  }

  end(rows: Row[]): void {
    const before = rows.length;
    if (this.carry !== '') this.add(this.carry, 0, this.carry.length, rows);
    if (rows.length > before) rows[rows.length - 1]!.unterminated = true;
    this.carry = '';
  }

  /** The line of `text` from `start` to `end` (its break excluded). */
  private add(text: string, start: number, end: number, rows: Row[]): void {
    this.line++;
    if (end === start) return;
    const filter = this.filter;
    if (filter !== undefined && filter.column >= 0 && !filter.keep(fieldOf(text, start, end, this.delimiter, filter.column))) return;
    rows.push({ line: this.line, fields: text.slice(start, end).split(this.delimiter) });
  }
}

type Warn = (message: string) => void;

/**
 * The file in chunks, all read into one buffer: each is decoded (copied into strings) before the
 * next is read. A fresh buffer per chunk (as a read stream has) is garbage only the next GC frees:
 * with the join on two threads that was ~10 MB of dead chunks per thread at any time (measured).
 * The reads are synchronous: the file is a local copy just written (in the page cache), each chunk
 * was awaited before it was parsed anyway, and at 1M SKUs on two threads peak RSS was ~15 MB lower
 * (289 against 293-310 MiB, four runs each) at the same speed as FileHandle.read.
 */
async function* fileChunks(localPath: string): AsyncGenerator<Buffer> {
  const fd = openSync(localPath, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_CHUNK);
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

async function* splitRows(localPath: string, format: DelimitedFormat, file: string, warn: Warn, filter: RowFilter | undefined): AsyncGenerator<Row[]> {
  const decoder = new FileDecoder(format.encoding, file, warn);
  const splitter = new LineSplitter(format.delimiter, filter);
  for await (const chunk of fileChunks(localPath)) {
    for (let start = 0; start < chunk.length; start += BATCH_BYTES) {
      const rows: Row[] = [];
      splitter.push(decoder.write(chunk.subarray(start, start + BATCH_BYTES)), rows);
      if (rows.length) yield rows;
    }
  }
  const rows: Row[] = [];
  splitter.push(decoder.end(), rows);
  splitter.end(rows);
  if (rows.length) yield rows;
}

async function* decodedText(localPath: string, decoder: FileDecoder): AsyncGenerator<string> {
  for await (const chunk of fileChunks(localPath)) {
    for (let start = 0; start < chunk.length; start += BATCH_BYTES) yield decoder.write(chunk.subarray(start, start + BATCH_BYTES));
  }
  yield decoder.end();
}

async function* parseQuotedRows(localPath: string, format: DelimitedFormat, file: string, warn: Warn, filter: RowFilter | undefined): AsyncGenerator<Row[]> {
  const parser = Readable.from(decodedText(localPath, new FileDecoder(format.encoding, file, warn))).pipe(
    parseCsv({
      delimiter: format.delimiter,
      quote: format.quote!,
      // A quote is escaped by doubling it; csv-parse's default escape is always '"', which would
      // eat the inch marks inside single-quoted values.
      escape: format.quote!,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let batch: Row[] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!keepsRow(filter, record)) continue;
    batch.push({ line: info.lines, fields: record });
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** `warn` hears about text that looks mis-decoded (see FileDecoder). */
export function readRows(localPath: string, format: DelimitedFormat, file: string, warn: Warn = () => {}, filter?: RowFilter): AsyncGenerator<Row[]> {
  return format.quote === null ? splitRows(localPath, format, file, warn, filter) : parseQuotedRows(localPath, format, file, warn, filter);
}
