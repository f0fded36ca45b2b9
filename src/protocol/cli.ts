/**
 * The command line every connector shares: `<command> [--config FILE] [--catalog FILE] [--state FILE]`,
 * with file paths exactly as the Airbyte platform passes them. Usage problems are told on stderr
 * and as a TRACE, with a non-zero exit; any error a command throws becomes one TRACE and exit 1.
 * `--help` (or `-h`) alone prints every command's usage, and after a command that command's, on
 * stderr (stdout carries protocol messages only), exit 0. Each usage line is made from the options
 * the command declares, so it says exactly what the parser takes.
 * SIGTERM and SIGINT abort the command through its signal, so it can report and clean up.
 */
import type { Readable } from 'node:stream';
import { errorTraceMessage } from './messages.js';
import { ConfigError, Interrupted, toErrorTrace } from './errors.js';
import { MessageWriter } from './output.js';

export type CommandArgs = Record<string, string | undefined>;

export interface Command {
  /** Options that take a file path, and whether each is required. */
  options: Record<string, 'required' | 'optional'>;
  /** Options that take no value (e.g. --json). */
  flags?: string[];
  /** Options that take a value other than a file path, each with the word for it in the usage (e.g. 'recheck-seconds': 'S'). */
  values?: Record<string, string>;
  /** What the command reads on stdin, for the usage ("messages"). */
  stdin?: string;
  /** What the command does, for the usage, when its usage line does not say it all. */
  help?: string;
  /**
   * Returns the exit code (0 when omitted). `signal` aborts on SIGTERM or SIGINT. `stdin` is what
   * the platform writes to the connector (the messages of a destination's `write`).
   */
  run(args: CommandArgs, out: MessageWriter, signal: AbortSignal, stdin: Readable): Promise<number | void>;
  /** false for a command whose stdout is a report, not protocol messages (diagnose): no TRACE for a usage error. */
  protocol?: false;
}

export interface Program {
  name: string;
  commands: Record<string, Command>;
}

export interface RunOptions {
  out?: MessageWriter;
  /** Where usage goes; stderr by default. */
  stderr?: NodeJS.WritableStream;
  /** What commands read; process.stdin by default. */
  stdin?: Readable;
  signal?: AbortSignal;
}

/** Flags the platform or CDK-based tooling may add; accepted and ignored. */
const IGNORED_FLAGS = new Set(['debug']);
const HELP_FLAGS = new Set(['--help', '-h']);
const HELP = new Set(['help', ...HELP_FLAGS]);

/** The command line itself is wrong: told on stderr with the usage, exit 2. */
export class UsageError extends ConfigError {}

/** "source-kroll read --config FILE --catalog FILE [--state FILE]", from what the command declares. */
function usageLine(program: Program, name: string): string {
  const command = program.commands[name]!;
  const parts = [program.name, name];
  for (const [option, need] of Object.entries(command.options)) parts.push(need === 'required' ? `--${option} FILE` : `[--${option} FILE]`);
  for (const flag of command.flags ?? []) parts.push(`[--${flag}]`);
  for (const [option, word] of Object.entries(command.values ?? {})) parts.push(`[--${option} ${word}]`);
  if (command.stdin) parts.push(`< ${command.stdin}`);
  return parts.join(' ');
}

/** The usage of one command, or of all of them. */
export function usage(program: Program, name?: string): string {
  const names = name === undefined ? Object.keys(program.commands) : [name];
  const lines = names.map((n, i) => `${i === 0 ? 'usage: ' : '       '}${usageLine(program, n)}`);
  const help = names.map((n) => program.commands[n]!.help).filter(Boolean);
  return [...lines, ...(help.length > 0 ? ['', ...help] : [])].join('\n');
}

function parseArgs(command: Command, argv: string[]): CommandArgs {
  const args: CommandArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(token);
    if (!match) throw new UsageError(`Unexpected argument '${token}'.`);
    const name = match[1]!;
    if (IGNORED_FLAGS.has(name)) continue;
    const takesValue = command.values !== undefined && Object.hasOwn(command.values, name);
    if (!command.flags?.includes(name) && !takesValue && !(name in command.options)) throw new UsageError(`Unknown option '--${name}'.`);
    if (args[name] !== undefined) throw new UsageError(`--${name} is given twice.`);
    if (command.flags?.includes(name)) {
      if (match[2] !== undefined) throw new UsageError(`--${name} takes no value.`);
      args[name] = 'true';
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${name} needs ${takesValue ? 'a value' : 'a file path'}.`);
    args[name] = value;
  }
  for (const [name, need] of Object.entries(command.options)) {
    if (need === 'required' && args[name] === undefined) throw new UsageError(`Missing --${name} FILE.`);
  }
  return args;
}

export async function runProgram(program: Program, argv: string[], options: RunOptions = {}): Promise<number> {
  const out = options.out ?? new MessageWriter();
  const stderr = options.stderr ?? process.stderr;
  const [commandName, ...rest] = argv;
  if (commandName !== undefined && HELP.has(commandName)) {
    stderr.write(`${usage(program)}\n`);
    return 0;
  }
  const command = commandName === undefined || !Object.hasOwn(program.commands, commandName) ? undefined : program.commands[commandName];
  if (command !== undefined && rest.some((arg) => HELP_FLAGS.has(arg))) {
    stderr.write(`${usage(program, commandName)}\n`);
    return 0;
  }
  let code: number;
  try {
    if (command === undefined) {
      throw new UsageError(commandName === undefined ? 'No command given.' : `Unknown command '${commandName}'.`);
    }
    code = (await command.run(parseArgs(command, rest), out, options.signal ?? new AbortController().signal, options.stdin ?? process.stdin)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`${program.name}: ${out.redact(error.message)}\n\n${usage(program, command === undefined ? undefined : commandName)}\n`);
      // What to type instead: the command's usage, or, without a command, the commands there are.
      const instead =
        command === undefined ? `${program.name} takes one of: ${Object.keys(program.commands).join(', ')} (see its usage on stderr).` : `Usage: ${usageLine(program, commandName!)}`;
      if (command?.protocol !== false) out.message(errorTraceMessage(toErrorTrace(new ConfigError(`${error.message} ${instead}`))));
      code = 2;
    } else {
      out.message(errorTraceMessage(toErrorTrace(error)));
      code = 1;
    }
  }
  await out.end().catch(() => undefined);
  return code;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** Entry point of a connector binary. */
export function main(program: Program): void {
  // In a container the connector is PID 1, and the kernel spares PID 1 every signal it has no
  // handler for: without these handlers a cancelled sync's SIGTERM would wait for the SIGKILL.
  const controller = new AbortController();
  let received: keyof typeof SIGNAL_EXIT | undefined;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.on(signal, () => {
      // A second signal means "now": the first one's clean-up is taking too long.
      if (received) process.exit(SIGNAL_EXIT[signal]);
      received = signal;
      controller.abort(new Interrupted(signal));
    });
  }
  runProgram(program, process.argv.slice(2), { signal: controller.signal }).then(
    (code) => {
      process.exitCode = received ? SIGNAL_EXIT[received] : code;
    },
    (error: unknown) => {
      // Only reached if writing to stdout itself failed; the error text could hold anything.
      process.stderr.write(`${program.name}: could not write its output (${(error as NodeJS.ErrnoException)?.code ?? 'error'}).\n`);
      process.exitCode = 1;
    },
  );
}
