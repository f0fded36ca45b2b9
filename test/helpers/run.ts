/** Runs a connector program in this process, or its binary as a child process, and captures the output. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { runProgram, type Program } from '../../src/protocol/cli.js';
import { MessageWriter } from '../../src/protocol/output.js';
import { parseMessages } from './protocol.js';
import { testFolder } from './temp.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  messages: AirbyteMessage[];
}

/** Runs the program in-process, as its binary would, with stdout captured as text (diagnose prints no messages). */
export async function runTextInProcess(program: Program, argv: string[], signal?: AbortSignal): Promise<Omit<RunResult, 'messages'>> {
  let stdout = '';
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      stdout += chunk.toString();
      callback();
    },
  });
  let stderr = '';
  const errors = new Writable({
    write(chunk, _encoding, callback) {
      stderr += chunk.toString();
      callback();
    },
  });
  const code = await runProgram(program, argv, { out: new MessageWriter(sink), stderr: errors, ...(signal ? { signal } : {}) });
  return { code, stdout, stderr };
}

/** Runs the program in-process, as its binary would, with stdout captured. */
export async function runInProcess(program: Program, argv: string[], signal?: AbortSignal): Promise<RunResult> {
  const run = await runTextInProcess(program, argv, signal);
  return { ...run, messages: parseMessages(run.stdout) };
}

export const BIN = (name: string) => new URL(`../../bin/${name}`, import.meta.url).pathname;

export async function runBinary(name: string, argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const run = await runBinaryText(name, argv, options);
  return { ...run, messages: parseMessages(run.stdout) };
}

/** Runs a binary with stdout captured as text. */
export function runBinaryText(name: string, argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Omit<RunResult, 'messages'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN(name), ...argv], { env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Writes JSON files for a run into a fresh folder and returns their paths. */
export function jsonFiles(files: Record<string, unknown>): Record<string, string> {
  const dir = testFolder('kroll-test-');
  const paths: Record<string, string> = {};
  for (const [name, value] of Object.entries(files)) {
    paths[name] = join(dir, `${name}.json`);
    writeFileSync(paths[name], typeof value === 'string' ? value : JSON.stringify(value));
  }
  return paths;
}

export function configuredCatalog(streams: { name: string; syncMode?: 'full_refresh' | 'incremental' }[]) {
  return {
    streams: streams.map(({ name, syncMode = 'full_refresh' }) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: syncMode,
      destination_sync_mode: syncMode === 'incremental' ? 'append_dedup' : 'overwrite',
    })),
  };
}
