import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, type TableIssue } from '../../../src/kroll/files/table.js';
import type { DelimitedFormat, Row } from '../../../src/kroll/files/rows.js';
import { testFolder } from '../../helpers/temp.js';

const dir = testFolder('kroll-table-');
let n = 0;
const TAB: DelimitedFormat = { delimiter: '\t', quote: null, encoding: 'auto' };
const MB = 1024 * 1024;

function file(bytes: Buffer | string): string {
  const path = join(dir, `f${n++}.txt`);
  writeFileSync(path, bytes);
  return path;
}

async function read(path: string, format: DelimitedFormat = TAB, cutShort: 'fail' | 'ragged' = 'fail') {
  const issues: TableIssue[] = [];
  const table = await openTable(path, format, 'Test.txt', (issue) => issues.push(issue), undefined, cutShort);
  const rows: Row[] = [];
  for await (const batch of table.rows) rows.push(...batch);
  return { header: table.header, rows, issues };
}

// Windows-1252 bytes of the characters Kroll's files carry: ® AE, ™ 99, ° B0, € 80, “ 93, ” 94.
const CP1252 = Buffer.concat([
  Buffer.from('Sku\tProductName\r\nA-1\tLight', 'latin1'),
  Buffer.from([0xae]),
  Buffer.from(' 12" barrel ', 'latin1'),
  Buffer.from([0x99, 0x20, 0xb0, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94]),
  Buffer.from('\r\n', 'latin1'),
]);
const EXPECTED_NAME = 'Light\u00ae 12" barrel \u2122 \u00b0 \u20ac \u201cq\u201d';

describe('encodings', () => {
  it('decodes Windows-1252 (auto)', async () => {
    const { rows } = await read(file(CP1252));
    expect(rows).toEqual([{ line: 2, fields: ['A-1', EXPECTED_NAME] }]);
  });

  it('decodes UTF-8 without a byte-order mark (auto)', async () => {
    const { rows } = await read(file(Buffer.from(`Sku\tProductName\r\nA-1\t${EXPECTED_NAME}\r\n`, 'utf8')));
    expect(rows[0]!.fields[1]).toBe(EXPECTED_NAME);
  });

  it('decodes UTF-8 with a byte-order mark, which wins over a configured Windows-1252', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Sku\tProductName\r\nA-1\t${EXPECTED_NAME}\r\n`, 'utf8')]);
    for (const encoding of ['auto', 'windows-1252'] as const) {
      const { header, rows } = await read(file(bytes), { ...TAB, encoding });
      expect(header).toEqual(['Sku', 'ProductName']);
      expect(rows[0]!.fields[1]).toBe(EXPECTED_NAME);
    }
  });

  it('decides on the first non-ASCII byte even when it comes after the first megabyte', async () => {
    const filler = Array.from({ length: 40_000 }, (_, i) => `F-${i}\tplain ascii row number ${i}\r\n`).join('');
    expect(filler.length).toBeGreaterThan(MB + 100_000);
    const bytes = Buffer.concat([Buffer.from(`Sku\tProductName\r\n${filler}`, 'latin1'), CP1252.subarray(CP1252.indexOf('A-1'))]);
    const { rows } = await read(file(bytes));
    expect(rows).toHaveLength(40_001);
    expect(rows.at(-1)).toEqual({ line: 40_002, fields: ['A-1', EXPECTED_NAME] });
  });

  it('keeps a UTF-8 character split across two read chunks whole', async () => {
    const head = 'Sku\tProductName\n';
    const padding = 'x'.repeat(MB - Buffer.byteLength(head) - 'B-1\t'.length - 1);
    const text = `${head}B-1\t${padding}\u20ac tail\n`; // € is 3 bytes, starting one byte before the boundary
    const { rows } = await read(file(Buffer.from(text, 'utf8')));
    expect(rows[0]!.fields[1]).toBe(`${padding}\u20ac tail`);
  });

  it('rejects UTF-16 with a clear error', async () => {
    await expect(read(file(Buffer.from('\ufeffSku\tStatus\r\n', 'utf16le')))).rejects.toThrow(/Test.txt is UTF-16/);
  });
});

describe('lines', () => {
  const body = ['Sku\tStatus', 'A-1\tStock', 'A-2\tDisco', 'A-3\tCLSO'];
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends with the right line numbers', async (_name, eol) => {
    const { rows } = await read(file(body.join(eol) + eol));
    expect(rows).toEqual([
      { line: 2, fields: ['A-1', 'Stock'] },
      { line: 3, fields: ['A-2', 'Disco'] },
      { line: 4, fields: ['A-3', 'CLSO'] },
    ]);
  });

  it('fails on a last line without a line end: the file was cut, inside the row or its last field', async () => {
    await expect(read(file(body.join('\r\n')))).rejects.toThrow(
      'Test.txt does not end with a line break: its last line (line 4) may stop inside its last field. The file looks cut short',
    );
    await expect(read(file(`${body.join('\r\n')}\r\nA-4`))).rejects.toThrow("Test.txt ends in the middle of line 5: its last line has 1 of the header's 2 fields and no line break.");
  });

  it('reads a last line without a line end as it is where the file may be its first bytes (cutShort ragged)', async () => {
    const { rows, issues } = await read(file(`${body.join('\r\n')}\r\nA-4`), TAB, 'ragged');
    expect(rows.at(-1)).toEqual({ line: 4, fields: ['A-3', 'CLSO'] });
    expect(issues.map((i) => i.message)).toEqual(["Test.txt line 5 has 1 fields where the header has 2; the row is skipped."]);
  });

  it('does not count a CRLF split across read chunks as two line ends', async () => {
    const first = 'Sku\tStatus\r\n';
    const long = `L-1\t${'y'.repeat(MB - first.length - 'L-1\t'.length - 1)}`; // its CR is the chunk's last byte
    const { rows } = await read(file(`${first}${long}\r\nL-2\tStock\r\n`));
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([
      [2, 'L-1'],
      [3, 'L-2'],
    ]);
  });

  it('keeps raw inch marks: no quoting in tab-delimited text', async () => {
    const { rows } = await read(file('Sku\tName\tNote\r\nA-1\t"Hunter" 12" barrel\t3/4" "\r\n'));
    expect(rows[0]!.fields).toEqual(['A-1', '"Hunter" 12" barrel', '3/4" "']);
  });
});

describe('rows under the header', () => {
  it('skips a ragged row, naming the file and line', async () => {
    const { rows, issues } = await read(file('Sku\tStatus\tNote\r\nA-1\tStock\tok\r\nA-2\tStock\r\nA-3\tDisco\tx\ty\r\nA-4\tCLSO\t\r\n'));
    expect(rows.map((r) => r.fields[0])).toEqual(['A-1', 'A-4']);
    expect(issues).toEqual([
      { kind: 'ragged', file: 'Test.txt', line: 3, message: 'Test.txt line 3 has 2 fields where the header has 3; the row is skipped.' },
      { kind: 'ragged', file: 'Test.txt', line: 4, message: 'Test.txt line 4 has 4 fields where the header has 3; the row is skipped.' },
    ]);
  });

  it('tolerates trailing empty fields (a delimiter at the end of a line)', async () => {
    const { rows, issues } = await read(file('Sku\tStatus\t\r\nA-1\tStock\t\r\nA-2\tDisco\t\t\r\n'));
    expect(rows.map((r) => r.fields)).toEqual([
      ['A-1', 'Stock'],
      ['A-2', 'Disco'],
    ]);
    expect(issues).toEqual([]);
  });

  it('skips a repeated header line mid-file, in any case and spacing', async () => {
    const { rows, issues } = await read(file('Sku\tStatus\r\nA-1\tStock\r\nSKU\t status \r\nA-2\tDisco\r\n'));
    expect(rows.map((r) => r.fields[0])).toEqual(['A-1', 'A-2']);
    expect(issues.map((i) => [i.kind, i.line])).toEqual([['repeated_header', 3]]);
  });

  it('ignores blank lines, including whitespace-only ones, and counts them as lines', async () => {
    const { rows, issues } = await read(file('\r\nSku\tStatus\r\n\r\nA-1\tStock\r\n \t \r\n\r\nA-2\tDisco\r\n\r\n'));
    expect(rows).toEqual([
      { line: 4, fields: ['A-1', 'Stock'] },
      { line: 7, fields: ['A-2', 'Disco'] },
    ]);
    expect(issues).toEqual([]);
  });

  it('gives an empty header for a zero-byte or blank file', async () => {
    expect((await read(file(''))).header).toEqual([]);
    expect((await read(file('\r\n\r\n'))).header).toEqual([]);
  });

  it('reads quoted values with csv-parse when the config says the file is quoted', async () => {
    const { header, rows } = await read(file('Sku,Name,Note\r\nA-1,"Light, 12"" barrel","multi\r\nline"\r\nA-2,plain,x\r\n'), {
      delimiter: ',',
      quote: '"',
      encoding: 'auto',
    });
    expect(header).toEqual(['Sku', 'Name', 'Note']);
    expect(rows.map((r) => r.fields)).toEqual([
      ['A-1', 'Light, 12" barrel', 'multi\r\nline'],
      ['A-2', 'plain', 'x'],
    ]);
  });

  it('keeps inch marks inside single-quoted values', async () => {
    const { rows } = await read(file("Sku,Name\r\nA-1,'Plate, 11\" x 14\", it''s curved'\r\nA-2,8\" Boots\r\n"), {
      delimiter: ',',
      quote: "'",
      encoding: 'auto',
    });
    expect(rows.map((r) => r.fields)).toEqual([
      ['A-1', 'Plate, 11" x 14", it\'s curved'],
      ['A-2', '8" Boots'],
    ]);
  });
});
