/**
 * What `source-kroll diagnose` finds: sections of lines, each ok, warn or fail, about one thing
 * a stream may need (its subject), with what to change when it is not ok; then a verdict per
 * stream. The text and JSON renderings are in render.ts.
 */
import type { ProductFileKind } from '../../kroll/products/layout.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/**
 * What a line is about: the config, the FTP session, a product file, the dealer API (reached and
 * credentials accepted), one of its operations, or something no stream needs (the service
 * description, images, the diagnosis itself: stopped before it finished).
 */
export type Subject = 'config' | 'ftp' | `file:${ProductFileKind}` | 'api' | `operation:${string}` | 'service' | 'images' | 'diagnosis';

export interface Line {
  status: CheckStatus;
  /** A short name for the check: "login", "columns", "first record". */
  check: string;
  message: string;
  subject: Subject;
  /** What to change (in the config, or whom to ask) when the line is not ok. */
  fix?: string;
  /**
   * Its subject cannot be used although this is no failure of the run: the API without
   * credentials, for a config that does not use the API.
   */
  blocks?: boolean;
  /** Lines of detail shown under the line (a listing, the columns, a record). */
  detail?: string[];
  /** The same detail as data, for --json. */
  data?: unknown;
}

export interface Section {
  name: string;
  title: string;
  lines: Line[];
}

export type Verdict = 'works' | 'works, with warnings' | 'will not work' | 'not known';

export interface StreamVerdict {
  stream: string;
  verdict: Verdict;
  /** The messages of the lines that decide the verdict. */
  reasons: string[];
}

export interface Report {
  status: CheckStatus;
  config_file: string;
  generated_at: string;
  sections: Section[];
  streams: StreamVerdict[];
  /** Every fix of a line that is not ok (config changes first of all), once, in the order found. */
  what_to_do: string[];
}

const RANK: Record<CheckStatus, number> = { ok: 0, warn: 1, fail: 2 };

export function worst(statuses: CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

/** Collects the lines of one section. */
export class SectionBuilder {
  readonly lines: Line[] = [];

  constructor(
    readonly name: string,
    public title: string,
  ) {}

  add(line: Line): Line {
    this.lines.push(line);
    return line;
  }

  ok(subject: Subject, check: string, message: string, more: Partial<Line> = {}): Line {
    return this.add({ status: 'ok', check, message, subject, ...more });
  }

  warn(subject: Subject, check: string, message: string, more: Partial<Line> = {}): Line {
    return this.add({ status: 'warn', check, message, subject, ...more });
  }

  fail(subject: Subject, check: string, message: string, more: Partial<Line> = {}): Line {
    return this.add({ status: 'fail', check, message, subject, ...more });
  }

  build(): Section {
    return { name: this.name, title: this.title, lines: this.lines };
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
