/**
 * The destination's write checks: every STATE it is sent comes back, in order for its stream,
 * unchanged but for destinationStats, whose recordCount is the stream's records since its previous
 * state; and a state comes back only once the records before it are committed, which a test
 * checks against the system the destination writes to at the moment each echo arrives.
 */
import type { AirbyteMessage, AirbyteRecordMessage, AirbyteStateMessage } from '../../../src/generated/protocol.js';
import type { Connector, ConnectorRun } from './connector.js';

const nameOf = (state: AirbyteStateMessage): string => state.stream?.stream_descriptor.name ?? '(global)';
const withoutDestinationStats = (state: AirbyteStateMessage): string => {
  const { destinationStats: _, ...rest } = state;
  return JSON.stringify(rest);
};

/** What is wrong with the states a destination echoed, given the messages it was sent. */
export function stateEchoProblems(sent: AirbyteMessage[], output: AirbyteMessage[]): string[] {
  const problems: string[] = [];
  const expected = new Map<string, { state: string; records: number }[]>();
  const sinceState = new Map<string, number>();
  for (const m of sent) {
    if (m.type === 'RECORD') sinceState.set(m.record!.stream, (sinceState.get(m.record!.stream) ?? 0) + 1);
    if (m.type !== 'STATE') continue;
    const name = nameOf(m.state!);
    // A STREAM state covers its stream's records; a GLOBAL one every record since the last.
    const records = m.state!.stream ? (sinceState.get(name) ?? 0) : [...sinceState.values()].reduce((a, b) => a + b, 0);
    if (m.state!.stream) sinceState.set(name, 0);
    else sinceState.clear();
    expected.set(name, [...(expected.get(name) ?? []), { state: withoutDestinationStats(m.state!), records }]);
  }
  const echoed = new Map<string, AirbyteStateMessage[]>();
  for (const m of output) if (m.type === 'STATE') echoed.set(nameOf(m.state!), [...(echoed.get(nameOf(m.state!)) ?? []), m.state!]);

  for (const name of new Set([...expected.keys(), ...echoed.keys()])) {
    const want = expected.get(name) ?? [];
    const got = echoed.get(name) ?? [];
    if (got.length !== want.length) problems.push(`${name}: ${want.length} states sent, ${got.length} echoed`);
    got.forEach((state, i) => {
      const w = want[i];
      if (!w) return;
      if (withoutDestinationStats(state) !== w.state) problems.push(`${name}: echo ${i + 1} is not state ${i + 1} as sent (changed, or out of order)`);
      const stats = state.destinationStats;
      if (!stats) problems.push(`${name}: echo ${i + 1} has no destinationStats`);
      else {
        if (stats.recordCount !== w.records) problems.push(`${name}: echo ${i + 1} counts ${stats.recordCount} records, ${w.records} were sent before it`);
        if ((stats.rejectedRecordCount ?? 0) > (stats.recordCount ?? 0)) problems.push(`${name}: echo ${i + 1} rejects more records than it counts`);
      }
    });
  }
  return problems;
}

/**
 * Writes `chunks` (each ending with a STATE) one at a time: after each, waits for that state's
 * echo, then asks `uncommitted` which of the records sent so far the destination's system does
 * not have yet. Records are sent only once the previous chunk is echoed, so a record missing then
 * was missing when its state was echoed: the destination acknowledged a state too early.
 */
export async function writeInChunks(
  destination: Connector,
  inputs: { config: unknown; catalog: unknown },
  chunks: AirbyteMessage[][],
  uncommitted: (records: AirbyteRecordMessage[]) => Promise<AirbyteRecordMessage[]>,
  echoTimeoutMs = 20_000,
): Promise<{ run: ConnectorRun; sent: AirbyteMessage[]; problems: string[] }> {
  const started = await destination.start('write', inputs);
  let echoes = 0;
  let waiting: (() => void) | undefined;
  started.onLine((line) => {
    if ((JSON.parse(line) as AirbyteMessage).type !== 'STATE') return;
    echoes++;
    waiting?.();
  });
  let exited = false;
  void started.finished.finally(() => {
    exited = true;
    waiting?.();
  }).catch(() => undefined);

  const problems: string[] = [];
  const sent: AirbyteMessage[] = [];
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.at(-1)?.type !== 'STATE') throw new Error(`chunk ${i + 1} does not end with a STATE`);
    started.write(chunk.map((m) => `${JSON.stringify(m)}\n`).join(''));
    sent.push(...chunk);
    const statesSent = sent.filter((m) => m.type === 'STATE').length;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, echoTimeoutMs);
      waiting = () => {
        if (echoes >= statesSent || exited) {
          clearTimeout(timer);
          resolve();
        }
      };
      waiting();
    });
    waiting = undefined;
    if (echoes < statesSent) {
      problems.push(`chunk ${i + 1}: its state was not echoed${exited ? ' (the destination exited)' : ` within ${echoTimeoutMs} ms`}`);
      break;
    }
    const records = sent.filter((m) => m.type === 'RECORD').map((m) => m.record!);
    for (const record of await uncommitted(records)) {
      problems.push(`chunk ${i + 1}: its state was echoed before record ${JSON.stringify(record.data).slice(0, 100)} was committed`);
    }
  }
  started.end();
  const run = await started.finished;
  return { run, sent, problems: [...problems, ...stateEchoProblems(sent, run.messages)] };
}
