/**
 * Runs a connector binary of this package as the Airbyte platform does: a child process with JSON
 * files for its arguments, whose stdout is read line by line as Airbyte messages, and, for a
 * destination's `write`, whose stdin takes Airbyte messages one per line. Only the binary and the
 * protocol are used, never the connector's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { AirbyteMessage } from '../generated/protocol.js';
import { MessageWriter } from '../protocol/output.js';
import { count } from '../protocol/wording.js';

export type ConnectorName = 'source-kroll' | 'destination-kroll';

export function connectorPath(name: ConnectorName): string {
  return fileURLToPath(new URL(`../../bin/${name}`, import.meta.url));
}

export interface ConnectorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout lines that were not Airbyte messages (the platform treats them as logs). */
  strayLines: number;
}

/** The warning for a connector's stdout lines that were no messages; undefined when there were none. */
export function strayLinesWarning(name: ConnectorName, exit: ConnectorExit): string | undefined {
  const n = exit.strayLines;
  if (n === 0) return undefined;
  return `${name} printed ${count(n, 'stdout line')} that ${n === 1 ? 'is not an Airbyte message; it was' : 'are not Airbyte messages; they were'} ignored`;
}

export interface ConnectorRun {
  child: ChildProcess;
  /**
   * The connector's stdin, when started with `input` (null otherwise): messages written with
   * back-pressure (await `ready()` between messages); `ready()` rejects once the connector has
   * stopped reading. `endInput()` closes it: the connector sees EOF.
   */
  input: MessageWriter | null;
  endInput(): Promise<void>;
  /** Resolves when stdout is fully handled and the process has exited. */
  done: Promise<ConnectorExit>;
}

export interface ConnectorOptions {
  /** The connector reads messages on stdin (a destination's `write`); otherwise its stdin is closed. */
  input?: boolean;
  /** Aborting stops the connector (see stopOnAbort). */
  signal?: AbortSignal;
}

/** How long a connector told to stop gets to stop cleanly, before each further signal. */
export const STOP_GRACE_MS = 10_000;

/**
 * Stops the connector when `signal` aborts, as the platform cancels a sync: SIGTERM once. Our
 * connectors take a second signal as "exit now" (skipping what a clean stop does, such as the
 * INCOMPLETE traces), so it is sent only if the connector is still running after a grace period,
 * and SIGKILL after another. The connector runs in a process group of its own (see runConnector),
 * so a Ctrl-C at the terminal reaches it through this one signal, not twice.
 */
function stopOnAbort(child: ChildProcess, signal: AbortSignal | undefined): void {
  if (!signal) return;
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, then: () => void) => timers.push(setTimeout(then, ms).unref());
  const stop = () => {
    child.kill('SIGTERM');
    later(STOP_GRACE_MS, () => {
      child.kill('SIGTERM');
      later(STOP_GRACE_MS, () => child.kill('SIGKILL'));
    });
  };
  // kroll itself exiting at once (a second Ctrl-C) takes the connector with it.
  const exitNow = () => child.kill('SIGTERM');
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  process.once('exit', exitNow);
  child.once('exit', () => {
    signal.removeEventListener('abort', stop);
    process.off('exit', exitNow);
    for (const timer of timers) clearTimeout(timer);
  });
}

function isMessage(value: unknown): value is AirbyteMessage {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** Lines read ahead of the handler, at most (bytes of text): enough to keep the connector busy during a commit. */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * Starts the connector and hands each stdout message to `onMessage`, one at a time, in order: the
 * next message waits until the handler's promise settles. Lines are read ahead into a bounded
 * queue meanwhile, so the connector keeps working while a message is handled (a commit), and is
 * held back through the pipe only when the queue is full: memory stays bounded.
 *
 * The connector's stderr is not shown: anything a user sees comes from its messages, which the
 * connector has already cleared of secrets.
 */
export function runConnector(
  name: ConnectorName,
  args: string[],
  onMessage: (message: AirbyteMessage) => void | Promise<void>,
  options: ConnectorOptions = {},
): ConnectorRun {
  // A process group of its own: the terminal's Ctrl-C reaches kroll only, which stops the connector once.
  const child = spawn(process.execPath, [connectorPath(name), ...args], { stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'], detached: true });
  stopOnAbort(child, options.signal);
  child.stderr!.resume();
  const stdin = child.stdin;
  const input = stdin ? new MessageWriter(stdin) : null;
  const endInput = async (): Promise<void> => {
    if (!input || !stdin) return;
    // A connector that already stopped reading has nothing more to be told.
    await input.end().catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (stdin.writableFinished || stdin.destroyed) return resolve();
      for (const event of ['finish', 'close', 'error']) stdin.once(event, () => resolve());
      stdin.end();
    });
  };
  const stdout = child.stdout!;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  const queue: string[] = [];
  let head = 0;
  let queuedBytes = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const decoder = new StringDecoder('utf8');
  let rest = '';
  stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      queue.push(line);
      queuedBytes += line.length;
    }
    if (queuedBytes > READ_AHEAD_BYTES) stdout.pause();
    notify();
  });
  stdout.once('end', () => {
    queue.push(rest + decoder.end());
    ended = true;
    notify();
  });

  const consume = async (): Promise<number> => {
    let stray = 0;
    for (;;) {
      if (head === queue.length) {
        if (ended) return stray;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const line = queue[head]!;
      queue[head++] = '';
      queuedBytes -= line.length;
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      if (stdout.isPaused() && queuedBytes < READ_AHEAD_BYTES / 2) stdout.resume();
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        stray++;
        continue;
      }
      if (isMessage(parsed)) await onMessage(parsed);
      else stray++;
    }
  };

  const done = (async (): Promise<ConnectorExit> => {
    let strayLines = 0;
    try {
      strayLines = await consume();
    } catch (error) {
      // The handler failed: stop the connector, then report the handler's error.
      stdout.destroy();
      stdin?.destroy();
      child.kill('SIGTERM');
      await exited.catch(() => undefined);
      throw error;
    }
    const { code, signal } = await exited;
    return { code, signal, strayLines };
  })();
  return { child, input, endInput, done };
}
