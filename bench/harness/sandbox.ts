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
  /** The dealer API's history, as its ready line reports it: the generator's truth. */
  history: { orders: number; shipments: number };
  stop(): Promise<void>;
}

/** Starts `kroll-sandbox ARGS --api-request-log REQUEST_LOG`. */
export async function startSandbox(args: string[], requestLog: string, progress: (line: string) => void): Promise<Sandbox> {
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(binPath('kroll-sandbox'), [...args, '--api-request-log', requestLog], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // "kroll-sandbox: ready: ... dealer API at URL (N orders, M shipments up to ...)", after its JSON line.
  const history = new Promise<Sandbox['history']>((resolve, reject) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      progress(line);
      const ready = /^kroll-sandbox: ready: .*\((\d+) orders, (\d+) shipments up to /.exec(line);
      if (ready) resolve({ orders: Number(ready[1]), shipments: Number(ready[2]) });
    });
    void exited.then((code) => reject(new Error(`kroll-sandbox exited (code ${code}) before it was ready`)));
  });
  history.catch(() => undefined); // awaited after the JSON line, whose failure is the one reported

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
  const counts = await history;
  const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  return {
    info,
    startSeconds,
    history: counts,
    requests: new RequestLog(requestLog),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
