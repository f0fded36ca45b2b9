/**
 * Problems found in the product files, logged without flooding the log: the first few of each
 * kind in full, then how many there were in all. Its own module, so that a worker thread of the
 * products join loads no more than it needs.
 */
import type { FileIssue } from '../../kroll/products/files.js';
import type { LogLevel } from '../../protocol/messages.js';

type Log = (level: LogLevel, message: string) => void;

const ISSUE_TOTALS = {
  ragged: 'ragged rows skipped',
  repeated_header: 'repeated header lines skipped',
  skipped_row: 'rows without a Sku skipped',
  duplicate_sku: 'repeated SKUs',
  missing_column: 'missing columns',
  encoding: 'encoding warnings',
} as const;

/** Logs the first problems of each kind in full, and how many more there were at the end. */
export class IssueLog {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly log: Log,
    private readonly shownPerKind = 10,
    /** How a problem among the first of its kind is shown; a worker thread of the join passes it on instead. */
    private readonly show: (issue: FileIssue) => void = (issue) => log('WARN', issue.message),
  ) {}

  report = (issue: FileIssue): void => {
    const key = `${issue.file}\u0000${'kind' in issue ? issue.kind : 'value'}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.shownPerKind) this.show(issue);
  };

  /** How many problems of each kind were counted but not shown. */
  unshown(): [string, number][] {
    return [...this.counts].flatMap(([key, count]) => (count > this.shownPerKind ? [[key, count - this.shownPerKind] as [string, number]] : []));
  }

  /** Problems counted and not shown elsewhere (another IssueLog's unshown()): they count in the totals. */
  add(unshown: [string, number][]): void {
    for (const [key, count] of unshown) this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  /** Writes the totals of kinds that had more problems than were shown. */
  close(): void {
    for (const [key, count] of this.counts) {
      if (count <= this.shownPerKind) continue;
      const [file, kind] = key.split('\u0000');
      const what = ISSUE_TOTALS[kind as keyof typeof ISSUE_TOTALS] ?? 'values left empty';
      this.log('WARN', `${file}: ${count} ${what} in all (the first ${this.shownPerKind} are listed above).`);
    }
  }
}
