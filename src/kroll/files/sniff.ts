/**
 * What the first bytes of a product file say about its format, for a diagnosis: how its lines
 * end, and which delimiter its header line is written with. Reading never guesses (the config
 * says the format); this only tells a user which setting would fit a file that does not.
 */

/** Delimiters product files are written with in practice. */
const DELIMITERS = ['\t', ',', ';', '|'] as const;

export type LineEnd = 'CRLF' | 'LF' | 'CR';

/** The line ends found in a text, most frequent first. */
export function lineEnds(text: string): LineEnd[] {
  const crlf = text.split('\r\n').length - 1;
  const cr = text.split('\r').length - 1 - crlf;
  const lf = text.split('\n').length - 1 - crlf;
  return (
    [
      ['CRLF', crlf],
      ['LF', lf],
      ['CR', cr],
    ] as [LineEnd, number][]
  )
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([end]) => end);
}

/** The first line of a text that is not blank. */
export function firstLine(text: string): string {
  return text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
}

/**
 * The delimiter that splits a header line into the most fields, when it is not `configured`; left
 * out, the line is one field with the configured one (a header read as a single column).
 */
export function likelyDelimiter(headerLine: string, configured?: string): { delimiter: string; fields: number } | null {
  const fields = (d: string) => headerLine.split(d).length;
  const best = DELIMITERS.map((d) => ({ delimiter: d as string, fields: fields(d) })).sort((a, b) => b.fields - a.fields)[0]!;
  return best.delimiter !== configured && best.fields > (configured === undefined ? 1 : fields(configured)) ? best : null;
}

/** What to change for a file written with `delimiter`. */
export function delimiterFix(delimiter: string): string {
  return `Set "file_delimiter": ${JSON.stringify(delimiterSetting(delimiter))}.`;
}

/** How a delimiter is written in the config (file_delimiter). */
export function delimiterSetting(delimiter: string): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}

/** A delimiter for people: "tab", "','". */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}
