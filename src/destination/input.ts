/**
 * The messages a destination reads on stdin: one JSON object per line, until EOF. A line that is
 * not an Airbyte message stops the write with an InputError naming the line: skipping it could
 * skip an order while the STATE after it is echoed, and that order would be lost for good.
 *
 * STATE lines are kept as text too, so that they are echoed exactly as they came (large integers
 * and number spellings included), with nothing changed but destinationStats.
 */
import type { Readable } from 'node:stream';
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { AirbyteMessage, AirbyteStateStats } from '../generated/protocol.js';
import { InputError } from '../protocol/errors.js';
import { textLines } from '../protocol/lines.js';

export interface InputMessage {
  /** 1 for the first line of stdin. */
  line: number;
  message: AirbyteMessage;
  /** The line as read. */
  text: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Why a parsed line is no Airbyte message a destination can act on, or null when it is one. */
function messageProblem(value: unknown): string | null {
  if (!isObject(value)) return 'is not a JSON object';
  if (typeof value.type !== 'string') return 'has no "type": it is not an Airbyte message';
  if (value.type === 'RECORD') {
    const record = value.record;
    if (!isObject(record)) return 'is a RECORD without its "record"';
    if (typeof record.stream !== 'string' || record.stream === '') return 'is a RECORD without "record.stream"';
    if (!isObject(record.data)) return 'is a RECORD whose "record.data" is not an object';
  }
  if (value.type === 'STATE' && !isObject(value.state)) return 'is a STATE without its "state"';
  return null;
}

/** Parses one line; V8's message could quote the line (customer data), so only the position is kept. */
function parseLine(text: string, line: number): AirbyteMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` at column ${Number(position) + 1}`;
    throw new InputError(`stdin line ${line} is not valid JSON${where}: the platform must send one Airbyte message per line. The write stopped there.`);
  }
  const problem = messageProblem(value);
  if (problem !== null) throw new InputError(`stdin line ${line} ${problem}. The write stopped there.`);
  return value as AirbyteMessage;
}

/**
 * The messages on `stdin`, in order, blank lines skipped, a byte-order mark at the start ignored.
 * The platform writes UTF-8: a line that is not is no message (its bytes cannot be read back as
 * what the source sent), so it stops the write like any other.
 */
export function readMessages(stdin: Readable): { messages: AsyncIterator<InputMessage>; close(): void } {
  const lines = textLines(stdin);
  const messages: AsyncIterator<InputMessage> = {
    async next() {
      for (;;) {
        const next = await lines.next();
        if (next.done) return { done: true, value: undefined };
        const { number: line, text } = next.value;
        if (text === null) throw new InputError(`stdin line ${line} is not UTF-8: the platform must send UTF-8 text. The write stopped there.`);
        if (text.trim() === '') continue;
        return { done: false, value: { line, text, message: parseLine(text, line) } };
      }
    },
  };
  return { messages, close: () => stdin.destroy() };
}

/**
 * The STATE line as it came with `destinationStats` set, numbers as they were written, and every
 * string value passed through `redact` (a state is the source's, but the output must never carry
 * a secret).
 */
export function stateEcho(text: string, stats: AirbyteStateStats, redact: (text: string) => string): string {
  const message = parseLossless(text) as { state: Record<string, unknown> };
  message.state.destinationStats = stats;
  return stringifyLossless(message, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)) as string;
}
