/** Builders for the Airbyte messages the connectors print; the payload member names are the protocol's own. */
import type {
  AirbyteCatalog,
  AirbyteErrorTraceMessage,
  AirbyteLogMessage,
  AirbyteMessage,
  AirbyteStateMessage,
  AirbyteStreamStatus,
  AirbyteStreamStatusReason,
  ConnectorSpecification,
} from '../generated/protocol.js';

export type LogLevel = AirbyteLogMessage['level'];

export function logMessage(level: LogLevel, message: string): AirbyteMessage {
  return { type: 'LOG', log: { level, message } };
}

export function specMessage(spec: ConnectorSpecification): AirbyteMessage {
  return { type: 'SPEC', spec };
}

export function catalogMessage(catalog: AirbyteCatalog): AirbyteMessage {
  return { type: 'CATALOG', catalog };
}

export function connectionStatusMessage(status: 'SUCCEEDED' | 'FAILED', message?: string): AirbyteMessage {
  return { type: 'CONNECTION_STATUS', connectionStatus: message === undefined ? { status } : { status, message } };
}

export function errorTraceMessage(error: AirbyteErrorTraceMessage): AirbyteMessage {
  return { type: 'TRACE', trace: { type: 'ERROR', emitted_at: Date.now(), error } };
}

export function streamStatusMessage(
  stream: string,
  status: AirbyteStreamStatus,
  reasons?: AirbyteStreamStatusReason[],
): AirbyteMessage {
  const stream_status = { stream_descriptor: { name: stream }, status, ...(reasons ? { reasons } : {}) };
  return { type: 'TRACE', trace: { type: 'STREAM_STATUS', emitted_at: Date.now(), stream_status } };
}

export function rateLimitedMessage(stream: string, quotaResetMs: number): AirbyteMessage {
  return streamStatusMessage(stream, 'RUNNING', [{ type: 'RATE_LIMITED', rate_limited: { quota_reset: Math.round(quotaResetMs) } }]);
}

export function streamStateMessage(stream: string, streamState: Record<string, unknown>, recordCount: number): AirbyteMessage {
  const state: AirbyteStateMessage = {
    type: 'STREAM',
    stream: { stream_descriptor: { name: stream }, stream_state: streamState },
    sourceStats: { recordCount },
  };
  return { type: 'STATE', state };
}
