/** Runs `bin/kroll` as a child process, as a user would, and can kill it (or its source) mid-way. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN } from '../helpers/run.js';
import { sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { testFolder } from '../helpers/temp.js';

/**
 * $TMPDIR of every kroll run: a test that kills kroll with SIGKILL leaves its folder for the
 * connector's JSON files behind (nothing can remove it), here rather than in /tmp.
 */
const KROLL_TMPDIR = testFolder('kroll-runs-');

export interface KrollRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the first match of the pattern on stderr; rejects if kroll exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<KrollRun>;
}

export interface KrollOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** In a process group of its own, as a shell starts a command: signal it all with process.kill(-pid). */
  detached?: boolean;
}

export function startKroll(args: string[], options: KrollOptions = {}): Running {
  const child = spawn(process.execPath, [BIN('kroll'), ...args], {
    cwd: options.cwd,
    env: options.env ?? { ...process.env, TMPDIR: KROLL_TMPDIR },
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = stderr.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    check();
  });
  const done = new Promise<KrollRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`kroll exited (${code ?? signal}) before ${waiter.pattern}; stderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    stderr: () => stderr,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
    done,
  };
}

export function kroll(args: string[], options: KrollOptions = {}): Promise<KrollRun> {
  return startKroll(args, options).done;
}

/** Writes the sandbox's source config (with test settings) next to the database and returns its path. */
export function configFile(box: Sandbox, dbPath: string, overrides: Record<string, unknown> = {}): string {
  const path = join(dirname(dbPath), `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(sourceConfig(box, overrides)));
  return path;
}

/** The summary table's row of a stream: [mode, status, rows loaded, rows in table]. */
export function summaryRow(stderr: string, stream: string): { mode: string; status: string; loaded: number; inTable: number | undefined } | undefined {
  const line = stderr.split('\n').find((l) => new RegExp(`^${stream}\\s+(incremental|full refresh)\\s+`).test(l));
  if (!line) return undefined;
  const match = /^\S+\s+(incremental|full refresh)\s+(complete|FAILED|interrupted|not started)\s+([\d,]+)\s+([\d,]+|-)\s+[\d.]+$/.exec(line);
  if (!match) throw new Error(`unexpected summary line: ${line}`);
  const num = (s: string) => Number(s.replace(/,/g, ''));
  return { mode: match[1]!, status: match[2]!, loaded: num(match[3]!), inTable: match[4] === '-' ? undefined : num(match[4]!) };
}
