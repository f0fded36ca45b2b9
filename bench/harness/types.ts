/**
 * What a benchmark is to the harness. A benchmark file (bench/benchmarks/*.ts) turns the sizes
 * given on the command line into cases; the harness starts the sandbox each case asks for, runs
 * the case's child process several times and measures it as a whole.
 */
import type { CaseResult } from './report.js';
import type { Sandbox } from './sandbox.js';

/** One command of the benchmarked product (or a floor script), run as a child process. */
export interface ChildSpec {
  /** An executable (bin/source-kroll, or `process.execPath` for a floor script). */
  command: string;
  args: string[];
  /** A file fed to the child's stdin (a destination's input messages); stdin is empty otherwise. */
  stdinFile?: string;
  /** Records the run handled when they are not the RECORD lines on its stdout (a destination's input). */
  records?: number;
  /** Bytes the run handled when they are not its stdout (a destination's input), for MB/s. */
  bytes?: number;
  /** Called before each run (warm-ups included), e.g. to write fresh input: orders placed once are duplicates after. */
  prepare?(): void;
  /**
   * Checks a run: throws when it is not a valid, complete run (a benchmark of a failed read
   * measures nothing). May return figures of its own for the JSON line (e.g. share of time
   * waiting on Kroll), which are medians over the runs.
   */
  check(output: ChildOutput, run: RunFacts): Promise<Record<string, number> | void> | Record<string, number> | void;
}

/** What the harness measured of the run being checked. */
export interface RunFacts {
  seconds: number;
}

/** What the harness saw of one run of a child. */
export interface ChildOutput {
  exitCode: number | null;
  /** Lines of stdout that are RECORD messages (counted, not parsed). */
  recordLines: number;
  /** Every other line of stdout, parsed. */
  messages: Record<string, unknown>[];
  stdoutBytes: number;
  /** The end of stderr, for error reports. */
  stderrTail: string;
}

export interface BenchCase {
  /** The JSON line's `name`. */
  name: string;
  /** The sizes and settings of this case, printed in the JSON line (e.g. { products: 1000000 }). */
  params: Record<string, number | string>;
  /** kroll-sandbox arguments; cases with the same arguments share one sandbox and interleave their runs. */
  sandboxArgs: string[];
  /** The child to measure; files it needs go into `workDir`. */
  child(sandbox: Sandbox, workDir: string): ChildSpec | Promise<ChildSpec>;
  /** Name of the floor case (same params, same sandbox) this case's records/s is divided by. */
  floor?: string;
}

export interface Benchmark {
  /** What `--only` selects. */
  name: string;
  /** One line for `--help`: what it measures. */
  description: string;
  /** About how long its default cases take on this two-core machine, for `--help`. */
  minutes: number;
  /**
   * Size options (`--<option> N[,N]`), each with its defaults and a few words for `--help`,
   * e.g. { products: { defaults: [100000, 1000000], help: 'catalog sizes, SKUs' } }.
   */
  sizes: Record<string, { defaults: number[]; help: string }>;
  /** The cases for the sizes given (each size option holds the values chosen). */
  cases(sizes: Record<string, number[]>): BenchCase[];
  /** Measured runs of each case when `--runs` is not given (default 3). */
  runs?: number;
  /** A check across its cases' results (e.g. throughput against concurrency): throws when it fails. */
  verify?(results: CaseResult[]): void;
}
