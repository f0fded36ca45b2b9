/**
 * The command line every connector shares: `<command> [--config FILE] [--catalog FILE] [--state FILE]`,
 * with file paths exactly as the Airbyte platform passes them. Usage problems are told on stderr
 * and as a TRACE, with a non-zero exit; any error a command throws becomes one TRACE and exit 1.
 */
import { constants } from 'node:os';
import { errorTraceMessage } from './messages.js';
import { ConfigError, toErrorTrace } from './errors.js';
import { MessageWriter } from './output.js';

export type CommandArgs = Record<string, string | undefined>;

export interface Command {
  /** Options that take a file path, and whether each is required. */
  options: Record<string, 'required' | 'optional'>;
  /** Options that take no value (e.g. --json). */
  flags?: string[];
  /** Returns the exit code (0 when omitted). */
  run(args: CommandArgs, out: MessageWriter): Promise<number | void>;
}

export interface Program {
  name: string;
  usage: string;
  commands: Record<string, Command>;
}

/** Flags the platform or CDK-based tooling may add; accepted and ignored. */
const IGNORED_FLAGS = new Set(['debug']);

class UsageError extends ConfigError {}

function parseArgs(command: Command, argv: string[]): { args: CommandArgs; ignored: string[] } {
  const args: CommandArgs = {};
  const ignored: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(token);
    if (!match) throw new UsageError(`Unexpected argument '${token}'.`);
    const name = match[1]!;
    if (command.flags?.includes(name)) {
      args[name] = 'true';
    } else if (name in command.options) {
      const value = match[2] ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${name} needs a file path.`);
      args[name] = value;
    } else if (IGNORED_FLAGS.has(name)) {
      ignored.push(token);
    } else {
      throw new UsageError(`Unknown option '--${name}'.`);
    }
  }
  for (const [name, need] of Object.entries(command.options)) {
    if (need === 'required' && args[name] === undefined) throw new UsageError(`Missing --${name} FILE.`);
  }
  return { args, ignored };
}

export async function runProgram(program: Program, argv: string[], out = new MessageWriter()): Promise<number> {
  const [commandName, ...rest] = argv;
  const command = commandName === undefined ? undefined : program.commands[commandName];
  let code: number;
  try {
    if (command === undefined) {
      throw new UsageError(commandName === undefined ? 'No command given.' : `Unknown command '${commandName}'.`);
    }
    const { args } = parseArgs(command, rest);
    code = (await command.run(args, out)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${program.name}: ${out.redact(error.message)}\n\n${program.usage}\n`);
      const commands = Object.keys(program.commands).join(', ');
      out.message(errorTraceMessage(toErrorTrace(new ConfigError(`${error.message} ${program.name} takes one of: ${commands} (see its usage on stderr).`))));
      code = 2;
    } else {
      out.message(errorTraceMessage(toErrorTrace(error)));
      code = 1;
    }
  }
  await out.end().catch(() => undefined);
  return code;
}

/** Entry point of a connector binary. */
export function main(program: Program): void {
  // In a container the connector is PID 1, and the kernel spares PID 1 every signal it has no
  // handler for: without these, a cancelled sync's SIGTERM would wait for the SIGKILL after it.
  // Exit at once with the code the default action would give; a source commits nothing, and a
  // destination echoes a state only once its records are committed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
  runProgram(program, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Only reached if writing to stdout itself failed; the error text could hold anything.
      process.stderr.write(`${program.name}: could not write its output (${(error as NodeJS.ErrnoException)?.code ?? 'error'}).\n`);
      process.exitCode = 1;
    },
  );
}
