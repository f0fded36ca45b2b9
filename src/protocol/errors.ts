/**
 * The error types every part of the project throws, and the one place that turns any thrown
 * value into an Airbyte error trace. A module that knows a failure's cause (the FTP client knows a
 * 530 is a rejected login) throws the matching type; nobody else guesses.
 */
import type { AirbyteErrorTraceMessage } from '../generated/protocol.js';

export type FailureType = NonNullable<AirbyteErrorTraceMessage['failure_type']>;

export interface ConnectorErrorOptions {
  cause?: unknown;
  /** Detail for maintainers (the trace's internal_message); the message is for users. */
  internal?: string;
}

export abstract class ConnectorError extends Error {
  abstract readonly failureType: FailureType;
  readonly internal: string | undefined;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.internal = options.internal;
  }
}

/** The user must change the configuration (or the catalog, or Kroll account settings). */
export class ConfigError extends ConnectorError {
  readonly failureType = 'config_error' as const;
}

/** Worth trying again later: a network fault, a busy server, a file still being uploaded. */
export class TransientError extends ConnectorError {
  readonly failureType = 'transient_error' as const;
}

/** The platform (or a person) stopped the connector with a signal; the next attempt goes on. */
export class Interrupted extends TransientError {
  constructor(readonly signal: string) {
    super(`Stopped by ${signal} before it finished.`);
  }
}

/** What the platform wrote to a destination's stdin is not a valid Airbyte message. */
export class InputError extends ConnectorError {
  readonly failureType = 'system_error' as const;
}

/** Kroll's data or answer is not what it should be, and waiting will not fix it. */
export class KrollDataError extends ConnectorError {
  readonly failureType = 'system_error' as const;
}

/** Kroll answered a call with one of its error codes. */
export class KrollError extends ConnectorError {
  readonly failureType: FailureType;
  readonly code: number;

  constructor(message: string, code: number, failureType: FailureType, options: ConnectorErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.failureType = failureType;
  }
}

export function failureTypeOf(error: unknown): FailureType {
  return error instanceof ConnectorError ? error.failureType : 'system_error';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function causeChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error instanceof Error ? error.cause : undefined;
  while (current !== undefined && parts.length < 5) {
    parts.push(describe(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' <- ');
}

/**
 * The error trace for any thrown value. Unknown errors are system errors: a bug or a case we did
 * not foresee, reported with their stack so they can be fixed.
 */
export function toErrorTrace(error: unknown, stream?: string): AirbyteErrorTraceMessage {
  const known = error instanceof ConnectorError;
  const message = known ? error.message : `Unexpected error: ${describe(error)}`;
  const internal = [...new Set([known ? error.internal : undefined, causeChain(error)].filter(Boolean))].join('; ');
  const trace: AirbyteErrorTraceMessage = { message, failure_type: failureTypeOf(error) };
  if (internal) trace.internal_message = internal;
  if (!known && error instanceof Error && error.stack) trace.stack_trace = error.stack;
  if (stream !== undefined) trace.stream_descriptor = { name: stream };
  return trace;
}

/** A thrown value as a worker thread sends it: structured cloning keeps neither the class nor its fields. */
export interface ErrorData {
  name: string;
  message: string;
  internal?: string;
  code?: number;
  failureType?: FailureType;
  stack?: string;
  cause?: string;
}

export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: describe(error) };
  // A subclass (FileCutShortError, say) crosses as the class that decides its trace.
  const known = Object.keys(CLASSES).find((name) => error instanceof CLASSES[name]!);
  const data: ErrorData = { name: known ?? error.name, message: error.message };
  if (error instanceof ConnectorError && error.internal !== undefined) data.internal = error.internal;
  if (error instanceof KrollError) Object.assign(data, { code: error.code, failureType: error.failureType });
  if (error.stack !== undefined) data.stack = error.stack;
  const cause = causeChain(error);
  if (cause) data.cause = cause;
  return data;
}

const CLASSES: Record<string, new (message: string, options?: ConnectorErrorOptions) => ConnectorError> = {
  ConfigError,
  TransientError,
  KrollDataError,
  InputError,
};

/** The error errorData() describes, of its own type again (an unknown type as a plain Error). */
export function errorFromData(data: ErrorData): Error {
  const options: ConnectorErrorOptions = { internal: data.internal, cause: data.cause };
  let error: Error;
  if (data.name === 'KrollError' && data.code !== undefined && data.failureType !== undefined) error = new KrollError(data.message, data.code, data.failureType, options);
  else if (CLASSES[data.name] !== undefined) error = new CLASSES[data.name]!(data.message, options);
  else {
    error = new Error(data.message, data.cause === undefined ? undefined : { cause: data.cause });
    error.name = data.name;
  }
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
