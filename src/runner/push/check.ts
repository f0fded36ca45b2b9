/**
 * Before anything is sent, `destination-kroll check` of the config push was given: the destination
 * validates it as its write would (the spec, and what the spec cannot say) and proves the API
 * credentials with a call that places no order. So a config the destination would refuse is told
 * as such, with nothing sent, even when every record already has an answer and no write runs.
 */
import type { AirbyteMessage } from '../../generated/protocol.js';
import { runConnector } from '../connector.js';

export type CheckResult = { ok: true } | { ok: false; message: string };

/** Runs the check; `onLog` gets its log lines (a config key the destination ignores, say); aborting `signal` stops it. */
export async function checkDestination(
  configPath: string,
  onLog: (log: NonNullable<AirbyteMessage['log']>) => void,
  signal?: AbortSignal,
): Promise<CheckResult> {
  let status: { status: string; message?: string } | undefined;
  let failure: string | undefined;
  const run = runConnector('destination-kroll', ['check', '--config', configPath], (message) => {
    if (message.type === 'CONNECTION_STATUS' && message.connectionStatus) status = message.connectionStatus;
    else if (message.type === 'TRACE' && message.trace?.type === 'ERROR') failure ??= message.trace.error?.message;
    else if (message.type === 'LOG' && message.log) onLog(message.log);
  }, { signal });
  const exit = await run.done;
  if (status?.status === 'SUCCEEDED' && exit.code === 0) return { ok: true };
  const reason = status?.message ?? failure ?? (exit.signal ? `it was stopped by ${exit.signal}` : `it exited with code ${exit.code} without a status`);
  return { ok: false, message: reason };
}
