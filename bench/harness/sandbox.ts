/**
 * The real `bin/kroll-sandbox`, started as its own process: the sandbox is never inside the
 * measured child, and generating a large catalog happens before any measurement starts. Its API
 * requests go to a log file the benchmarks read (see request-log.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { binPath } from './paths.js';
import { RequestLog } from './request-log.js';

export interface SandboxInfo {
  source_config: Record<string, unknown>;
  destination_config: Record<string, unknown>;
  ftp: { host: string; port: number; username: string; password: string; tls: string };
  api: { url: string };
}

export interface Sandbox {
  info: SandboxInfo;
  /** Wall seconds from start until ready (file generation included). */
  startSeconds: number;
  /** The API requests it answered. */
  requests: RequestLog;
  stop(): Promise<void>;
}

/** Starts `kroll-sandbox ARGS --api-request-log REQUEST_LOG`. */
export async function startSandbox(args: string[], requestLog: string, progress: (line: string) => void): Promise<Sandbox> {
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(binPath('kroll-sandbox'), [...args, '--api-request-log', requestLog], { stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stderr! }).on('line', progress);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      try {
        resolve(JSON.parse(line) as SandboxInfo);
      } catch (error) {
        reject(new Error(`kroll-sandbox printed something that is not its JSON line: ${line.slice(0, 200)}`));
      }
    });
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`kroll-sandbox exited (code ${code}) before it was ready`)));
  });
  const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  return {
    info,
    startSeconds,
    requests: new RequestLog(requestLog),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
