/**
 * ftp-srv logs through a bunyan logger and creates a noisy one when given none; this stands in
 * for it and drops everything (the sandbox's stdout carries only its ready line).
 */
export interface BunyanLike {
  child(fields: Record<string, unknown>): BunyanLike;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): void;
}

const noop = (): void => undefined;

export const silentLogger: BunyanLike = {
  child: () => silentLogger,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
};
