/**
 * The demo: starts `kroll-sandbox`, then runs `source-kroll` against it the way the Airbyte
 * platform would (spec, check, discover, read, each a child process with JSON files for its
 * arguments), and prints what came back, stream by stream. Only the binaries are used, so the demo
 * shows the protocol exactly as a pipeline sees it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AirbyteCatalog, AirbyteMessage } from '../generated/protocol.js';

const bin = (name: string) => fileURLToPath(new URL(`../../bin/${name}`, import.meta.url));

interface SandboxLine {
  source_config: Record<string, unknown>;
  ftp: { host: string; port: number };
}

interface StreamSummary {
  records: number;
  states: number;
  statuses: string[];
  errors: string[];
  first?: Record<string, unknown>;
  firstAt?: number;
  lastAt?: number;
}

function startSandbox(args: string[]): Promise<{ line: SandboxLine; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [bin('kroll-sandbox'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`kroll-sandbox exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout }).once('line', (text) => {
      resolve({
        line: JSON.parse(text) as SandboxLine,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Runs `source-kroll` with the arguments, handing each stdout message to `onMessage`. */
function runSource(args: string[], onMessage: (message: AirbyteMessage) => void): Promise<number> {
  const child = spawn(process.execPath, [bin('source-kroll'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => onMessage(JSON.parse(line) as AirbyteMessage));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

async function main(): Promise<number> {
  const products = process.argv.includes('--products') ? process.argv[process.argv.indexOf('--products') + 1]! : '5000';
  say(`Starting kroll-sandbox with ${products} products…`);
  const sandbox = await startSandbox(['--products', products]);
  const dir = await mkdtemp(join(tmpdir(), 'kroll-demo-'));
  try {
    say(`Sandbox FTP server on ${sandbox.line.ftp.host}:${sandbox.line.ftp.port}.`);
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify(sandbox.line.source_config, null, 2));

    let spec: AirbyteMessage | undefined;
    await runSource(['spec'], (m) => (spec = m.type === 'SPEC' ? m : spec));
    const properties = Object.keys((spec?.spec?.connectionSpecification as { properties?: object })?.properties ?? {});
    say(`\n$ source-kroll spec\n  ${properties.length} config properties: ${properties.join(', ')}`);

    let status: AirbyteMessage['connectionStatus'];
    await runSource(['check', '--config', config], (m) => (status = m.connectionStatus ?? status));
    say(`\n$ source-kroll check --config config.json\n  ${status?.status}: ${status?.message ?? ''}`);
    if (status?.status !== 'SUCCEEDED') return 1;

    let catalog: AirbyteCatalog | undefined;
    await runSource(['discover', '--config', config], (m) => (catalog = m.catalog ?? catalog));
    const streams = catalog?.streams.filter((s) => s.name === 'products' || s.name === 'inventory') ?? [];
    say(`\n$ source-kroll discover --config config.json`);
    for (const s of catalog?.streams ?? []) {
      say(`  ${s.name}: key ${JSON.stringify(s.source_defined_primary_key)}, modes ${s.supported_sync_modes.join(', ')}${s.default_cursor_field ? `, cursor ${s.default_cursor_field.join('.')}` : ''}`);
    }

    const configured = join(dir, 'catalog.json');
    await writeFile(
      configured,
      JSON.stringify({
        streams: streams.map((stream) => ({ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' })),
      }),
    );
    const summaries = new Map<string, StreamSummary>(streams.map((s) => [s.name, { records: 0, states: 0, statuses: [], errors: [] }]));
    const logs: string[] = [];
    const started = Date.now();
    const code = await runSource(['read', '--config', config, '--catalog', configured], (m) => {
      const name = m.record?.stream ?? m.state?.stream?.stream_descriptor.name ?? m.trace?.stream_status?.stream_descriptor.name ?? m.trace?.error?.stream_descriptor?.name;
      const summary = name === undefined ? undefined : summaries.get(name);
      if (m.type === 'RECORD' && summary) {
        summary.records++;
        summary.first ??= m.record!.data as Record<string, unknown>;
        summary.firstAt ??= Date.now();
        summary.lastAt = Date.now();
      } else if (m.type === 'STATE' && summary) summary.states++;
      else if (m.trace?.stream_status && summary) summary.statuses.push(m.trace.stream_status.status);
      else if (m.trace?.error) (summary?.errors ?? logs).push(`${m.trace.error.failure_type}: ${m.trace.error.message}`);
      else if (m.log) logs.push(`${m.log.level} ${m.log.message}`);
    });
    say(`\n$ source-kroll read --config config.json --catalog catalog.json   (exit ${code}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const line of logs) say(`  log: ${line}`);
    say();
    say(`  ${'stream'.padEnd(12)}${'records'.padStart(9)}${'states'.padStart(8)}  statuses`);
    for (const [name, s] of summaries) {
      say(`  ${name.padEnd(12)}${String(s.records).padStart(9)}${String(s.states).padStart(8)}  ${s.statuses.join(' > ')}`);
      for (const error of s.errors) say(`    error: ${error}`);
    }
    for (const [name, s] of summaries) {
      if (s.first) say(`\n  first ${name} record:\n  ${JSON.stringify(s.first)}`);
    }
    return code;
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
