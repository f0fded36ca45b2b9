/** "1 row", "2 rows": counts in log lines read as sentences. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** The parts that apply, joined for a log line: "a; b; c". */
export function clauses(...parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join('; ');
}
