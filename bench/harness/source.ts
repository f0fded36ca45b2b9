/** A `source-kroll read` of some streams against the sandbox, and the checks that make a run count. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEnded, type Message } from './check.js';
import { binPath } from './paths.js';
import type { Sandbox } from './sandbox.js';
import type { ChildOutput, ChildSpec } from './types.js';

export interface SourceReadOptions {
  streams: string[];
  /** Settings on top of the sandbox's source_config (e.g. an inventory source in api mode). */
  config?: Record<string, unknown>;
}

export function sourceRead(sandbox: Sandbox, workDir: string, options: SourceReadOptions): ChildSpec {
  const config = join(workDir, 'source-config.json');
  const catalog = join(workDir, 'configured-catalog.json');
  writeFileSync(config, JSON.stringify({ ...sandbox.info.source_config, ...options.config }));
  writeFileSync(
    catalog,
    JSON.stringify({
      streams: options.streams.map((name) => ({
        stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
        sync_mode: 'full_refresh',
        destination_sync_mode: 'overwrite',
      })),
    }),
  );
  return {
    command: binPath('source-kroll'),
    args: ['read', '--config', config, '--catalog', catalog],
    check: (output) => checkRead(output, options.streams),
  };
}

/** Exit 0, every stream COMPLETE, no error trace, and the states account for every RECORD line. */
export function checkRead(output: ChildOutput, streams: string[]): void {
  const { messages, fail } = checkEnded(output, 'source-kroll read');
  for (const stream of streams) {
    const complete = messages.some((m) => m.trace?.stream_status?.stream_descriptor?.name === stream && m.trace.stream_status.status === 'COMPLETE');
    if (!complete) fail(`stream ${stream} did not COMPLETE`);
  }
  const stated = messages.reduce((sum, m) => sum + (m.type === 'STATE' ? Number(m.state?.sourceStats?.recordCount ?? 0) : 0), 0);
  if (stated !== output.recordLines) fail(`${output.recordLines} RECORD lines but the states count ${stated}`);
  if (output.recordLines === 0) fail('no records');
}

/** RECORD lines per stream, as the states count them (checkRead has proved they account for all). */
export function recordsByStream(output: ChildOutput): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of output.messages as Message[]) {
    if (m.type !== 'STATE') continue;
    const name = String(m.state?.stream?.stream_descriptor?.name);
    counts.set(name, (counts.get(name) ?? 0) + Number(m.state?.sourceStats?.recordCount ?? 0));
  }
  return counts;
}
