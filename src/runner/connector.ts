/**
 * Runs a connector binary of this package as the Airbyte platform does: a child process with JSON
 * files for its arguments, whose stdout is read line by line as Airbyte messages. Only the
 * binary and the protocol are used, never the connector's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { AirbyteMessage } from '../generated/protocol.js';

export type ConnectorName = 'source-kroll';

export function connectorPath(name: ConnectorName): string {
  return fileURLToPath(new URL(`../../bin/${name}`, import.meta.url));
}

export interface ConnectorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout lines that were not Airbyte messages (the platform treats them as logs). */
  strayLines: number;
}

export interface ConnectorRun {
  child: ChildProcess;
  /** Resolves when stdout is fully handled and the process has exited. */
  done: Promise<ConnectorExit>;
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
): ConnectorRun {
  const child = spawn(process.execPath, [connectorPath(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.resume();
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
      child.kill('SIGTERM');
      await exited.catch(() => undefined);
      throw error;
    }
    const { code, signal } = await exited;
    return { code, signal, strayLines };
  })();
  return { child, done };
}
