/**
 * Runs one child and measures the whole process: wall time from spawn until it has exited and
 * its stdout is consumed, and its peak RSS and CPU time.
 *
 * Peak RSS comes from the kernel: GNU time (`/usr/bin/time -f %M`) reports `ru_maxrss` from
 * wait4(), the high-water mark of the child's resident set, exact and free of sampling. Without
 * GNU time, /proc/<pid>/status is polled for VmHWM, which is the same high-water mark (so only
 * growth in the last poll interval before exit can be missed) and CPU time is not reported.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { LineCounter } from './lines.js';
import type { ChildOutput, ChildSpec } from './types.js';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;
const STDERR_TAIL = 4000;

export interface Measurement {
  seconds: number;
  peakRssMib: number;
  /** User + system CPU seconds of the child; null without GNU time. */
  cpuSeconds: number | null;
  /** CPU seconds this (consuming) process spent during the run: shows it is not the limit. */
  consumerCpuSeconds: number;
  output: ChildOutput;
}

export const rssMethod = existsSync(GNU_TIME) ? 'GNU time (wait4 ru_maxrss)' : '/proc/<pid>/status VmHWM, polled';

function readHwmKib(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // gone already
  }
}

/**
 * `nodeFlags` (e.g. --cpu-prof, which NODE_OPTIONS may not carry) go to the child's node: the
 * child is a script of ours (bin/* or a floor), run as `node FLAGS SCRIPT ARGS`.
 */
export async function measureChild(spec: ChildSpec, options: { timeFile: string; env: NodeJS.ProcessEnv; nodeFlags?: string[] }): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const flags = options.nodeFlags ?? [];
  const [program, programArgs] =
    flags.length === 0 ? [spec.command, spec.args] : [process.execPath, [...flags, ...(spec.command === process.execPath ? [] : [spec.command]), ...spec.args]];
  const [command, args] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', options.timeFile, program, ...programArgs]] : [program, programArgs];
  const stdin = spec.stdinFile ? openSync(spec.stdinFile, 'r') : 'ignore';
  const counter = new LineCounter();
  let stderr = '';
  let polledKib = 0;

  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: [stdin, 'pipe', 'pipe'], env: options.env });
  if (typeof stdin === 'number') closeSync(stdin);
  const poller = useTime
    ? undefined
    : setInterval(() => {
        polledKib = Math.max(polledKib, readHwmKib(child.pid!) ?? 0);
      }, POLL_MS);

  child.stdout!.on('data', (chunk: Buffer) => counter.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  if (poller) clearInterval(poller);
  counter.end();

  let peakRssMib = polledKib / 1024;
  let cpuSeconds: number | null = null;
  if (useTime) {
    // GNU time may write "Command exited with non-zero status N" before the figures.
    const lines = readFileSync(options.timeFile, 'utf8').trim().split('\n');
    const [rssKib, user, system] = lines[lines.length - 1]!.split(' ').map(Number);
    peakRssMib = rssKib! / 1024;
    cpuSeconds = user! + system!;
  }
  return {
    seconds,
    peakRssMib,
    cpuSeconds,
    consumerCpuSeconds: (cpu.user + cpu.system) / 1e6,
    output: { exitCode, recordLines: counter.recordLines, messages: counter.messages, stdoutBytes: counter.bytes, stderrTail: stderr },
  };
}
