/** What every benchmark checks of a connector's run first: it ended well. */
import type { ChildOutput } from './types.js';

// Parsed protocol JSON, read field by field with optional chaining: `any` keeps that short.
export type Message = Record<string, any>;

/**
 * Throws when the run printed an error trace or exited other than 0; returns its messages and a
 * `fail` that throws with `what` and the end of its stderr, for the benchmark's own checks.
 */
export function checkEnded(output: ChildOutput, what: string): { messages: Message[]; fail: (why: string) => never } {
  const fail = (why: string): never => {
    throw new Error(`${what}: ${why}\n${output.stderrTail}`);
  };
  const messages = output.messages as Message[];
  const error = messages.find((m) => m.type === 'TRACE' && m.trace?.type === 'ERROR');
  if (error) fail(`error trace: ${error.trace.error?.message}`);
  if (output.exitCode !== 0) fail(`exit code ${output.exitCode}`);
  return { messages, fail };
}
