/**
 * Runs a connector the way the Airbyte platform and its acceptance tests do: a child process, a
 * command and JSON files for its arguments, stdin for `write`. Every run is held to what holds for
 * any command: each stdout line is a valid AirbyteMessage, no secret of the config appears on
 * stdout or stderr, every emitted_at falls within the run, records belong to the configured
 * catalog, and a non-zero exit comes with an error TRACE.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AirbyteMessage, ConnectorSpecification } from '../../../src/generated/protocol.js';
import { parseMessages } from '../../helpers/protocol.js';
import { testFolder } from '../../helpers/temp.js';

export type Command = 'spec' | 'check' | 'discover' | 'read' | 'write';

export interface RunInputs {
  config?: unknown;
  catalog?: unknown;
  /** The state file's content: messages (an array), or text written as is. */
  state?: unknown;
  /** Written to stdin, then closed. */
  stdin?: string;
}

export interface ConnectorRun {
  command: Command;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  messages: AirbyteMessage[];
  /** stdout's lines, in the order of `messages`. */
  lines: string[];
  startedAt: number;
  endedAt: number;
}

export interface ConnectorOptions {
  /** Working directory of every run: the platform chooses it, so it is never the package's. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Values that must never appear in any output, besides the config's own secrets. */
  secrets?: string[];
  /** A run still going after this long is killed and fails. */
  timeoutMs?: number;
}

/** The values of every airbyte_secret property of a spec found in a config, nested ones included. */
export function secretsIn(connectionSpecification: unknown, config: unknown): string[] {
  const found: string[] = [];
  const walk = (schema: unknown, value: unknown): void => {
    if (schema === null || typeof schema !== 'object' || value === null || value === undefined) return;
    const s = schema as { airbyte_secret?: unknown; properties?: Record<string, unknown>; oneOf?: unknown[]; items?: unknown };
    if (s.airbyte_secret === true && (typeof value === 'string' || typeof value === 'number') && String(value) !== '') found.push(String(value));
    if (s.properties && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, sub] of Object.entries(s.properties)) walk(sub, (value as Record<string, unknown>)[key]);
    }
    for (const option of s.oneOf ?? []) walk(option, value);
    if (s.items && Array.isArray(value)) for (const item of value) walk(s.items, item);
  };
  walk(connectionSpecification, config);
  return found;
}

const STREAM_COMMANDS: Command[] = ['read'];

export class Connector {
  private specMessage: ConnectorSpecification | undefined;
  private readonly directory = testFolder('kroll-acceptance-');
  private files = 0;

  constructor(
    readonly name: string,
    /** The executable and its leading arguments, e.g. [node, bin/source-kroll]. */
    readonly command: string[],
    private readonly options: ConnectorOptions = {},
  ) {}

  /** The connector's spec, from its `spec` command (run once). */
  async spec(): Promise<ConnectorSpecification> {
    if (!this.specMessage) {
      const run = await this.run('spec');
      const specs = run.messages.filter((m) => m.type === 'SPEC');
      if (specs.length !== 1) throw new Error(`${this.name} spec printed ${specs.length} SPEC messages`);
      this.specMessage = specs[0]!.spec!;
    }
    return this.specMessage;
  }

  /** Runs a command to its end, stdin (if any) written and closed at once. */
  async run(command: Command, inputs: RunInputs = {}): Promise<ConnectorRun> {
    const started = await this.start(command, inputs);
    started.end(inputs.stdin);
    return started.finished;
  }

  /**
   * Starts a command whose stdin stays open: what a test writes reaches the connector while it
   * runs, and each stdout line is seen as it comes (for `write`, whose echoes are checked live).
   */
  async start(command: Command, inputs: Omit<RunInputs, 'stdin'> = {}): Promise<StartedRun> {
    const argv: string[] = [command];
    for (const name of ['config', 'catalog', 'state'] as const) {
      const value = inputs[name];
      if (value === undefined) continue;
      const path = join(this.directory, `${++this.files}-${name}.json`);
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
      argv.push(`--${name}`, path);
    }
    const secrets = [...(this.options.secrets ?? [])];
    if (inputs.config !== undefined) secrets.push(...secretsIn((await this.spec()).connectionSpecification, inputs.config));

    const [executable, ...leading] = this.command;
    const process_ = startProcess(executable!, [...leading, ...argv], {
      cwd: this.options.cwd ?? this.directory,
      env: this.options.env ?? process.env,
      timeoutMs: this.options.timeoutMs,
    });
    const finished = process_.result.then((result) => {
      if (result.timedOut) throw new Error(`${this.name} ${command} did not finish in time; stderr: ${result.stderr.slice(0, 500)}`);
      const lines = result.stdout.split('\n').filter((line) => line !== '');
      const run: ConnectorRun = { command, ...result, messages: parseMessages(result.stdout), lines };
      assertRunInvariants(this.name, run, secrets, inputs.catalog);
      return run;
    });
    finished.catch(() => undefined); // observed by whoever awaits it
    return { ...process_, finished };
  }
}

export interface StartedRun {
  /** Writes to stdin. */
  write(text: string): void;
  /** Closes stdin, after writing `text` if given. */
  end(text?: string): void;
  /** Calls `listener` with each complete stdout line from now on. */
  onLine(listener: (line: string) => void): void;
  /** Sends the process a signal (SIGKILL: the platform losing the pod). */
  kill(signal: NodeJS.Signals): void;
  /** Resolves once the process has exited, to the run, held to every run's rules. */
  finished: Promise<ConnectorRun>;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  endedAt: number;
  timedOut: boolean;
}

interface StartedProcess extends Omit<StartedRun, 'finished'> {
  result: Promise<ProcessResult>;
}

function startProcess(executable: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number | undefined }): StartedProcess {
  const startedAt = Date.now();
  const child = spawn(executable, args, { cwd: options.cwd, env: options.env ?? process.env });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 45_000);
  let stdout = '';
  let stderr = '';
  let partial = '';
  const listeners: ((line: string) => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    stdout += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line !== '') for (const listener of listeners) listener(line);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  const result = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, startedAt, endedAt: Date.now(), timedOut });
    });
  });
  return {
    write: (text) => void child.stdin.write(text),
    end: (text) => void child.stdin.end(text ?? ''),
    onLine: (listener) => void listeners.push(listener),
    kill: (signal) => void child.kill(signal),
    result,
  };
}

/** Runs a program to its end, stdin given and closed, stdout and stderr captured. */
export function spawnProcess(
  executable: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number | undefined } = {},
): Promise<ProcessResult> {
  const started = startProcess(executable, args, options);
  started.end(options.stdin);
  return started.result;
}

function assertRunInvariants(name: string, run: ConnectorRun, secrets: string[], catalog: unknown): void {
  const where = `${name} ${run.command}`;
  for (const secret of secrets) {
    if (run.stdout.includes(secret)) throw new Error(`${where}: a secret of the config appears on stdout`);
    if (run.stderr.includes(secret)) throw new Error(`${where}: a secret of the config appears on stderr`);
  }
  // The child's clock is this machine's: whole milliseconds, between spawn and exit.
  for (const m of run.messages) {
    const at = m.record?.emitted_at ?? m.trace?.emitted_at ?? m.control?.emitted_at;
    if (at !== undefined && (at < run.startedAt || at > run.endedAt)) {
      throw new Error(`${where}: emitted_at ${at} outside the run (${run.startedAt}..${run.endedAt}): ${JSON.stringify(m).slice(0, 200)}`);
    }
  }
  // A process killed by a signal had no chance to say why; any other non-zero exit must.
  if (run.code !== 0 && run.signal === null && !run.messages.some((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR')) {
    throw new Error(`${where}: exit ${run.code} without an error TRACE; stderr: ${run.stderr.slice(0, 500)}`);
  }
  if (STREAM_COMMANDS.includes(run.command) && catalog !== undefined) {
    const configured = new Set(((catalog as { streams?: { stream: { name: string; namespace?: string } }[] }).streams ?? []).map((s) => `${s.stream.namespace ?? ''}/${s.stream.name}`));
    for (const m of run.messages) {
      if (m.type === 'RECORD' && !configured.has(`${m.record!.namespace ?? ''}/${m.record!.stream}`)) {
        throw new Error(`${where}: a record of stream ${m.record!.stream}, which the catalog does not select`);
      }
    }
  }
}
