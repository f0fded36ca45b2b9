/**
 * `npm run bench [-- options]`: runs the benchmarks, prints one JSON line per benchmark case on
 * stdout (machine-readable: nothing else goes there) and a summary table, with progress, on stderr.
 *
 * Cases that need the same sandbox share one, started before any measurement (generating a large
 * catalog takes a while and is reported, never measured), and their runs are interleaved (run 1
 * of each, then run 2 of each...) so a floor and the case compared with it see the same machine.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchmarks } from './benchmarks/index.js';
import { measureChild, rssMethod } from './harness/child.js';
import { summarize, table, type CaseResult } from './harness/report.js';
import { startSandbox } from './harness/sandbox.js';
import type { BenchCase, Benchmark } from './harness/types.js';

const sizeOptions = new Map<string, number[]>();
const sizeHelp = new Map<string, string>();
for (const benchmark of benchmarks) {
  for (const [option, { defaults, help }] of Object.entries(benchmark.sizes)) {
    if (sizeOptions.has(option)) continue;
    sizeOptions.set(option, defaults);
    sizeHelp.set(option, `${benchmark.name}: ${help}`);
  }
}

const USAGE = `Usage: npm run bench -- [--only NAME[,NAME]] [--runs N] [--warmup N] [--cpu-prof DIR]${[...sizeOptions.keys()].map((o) => ` [--${o} N[,N]]`).join('')}

Benchmarks (all of them by default, in this order; about ${benchmarks.reduce((sum, b) => sum + b.minutes, 0)} minutes in all on two cores):
${benchmarks.map((b) => `  ${b.name.padEnd(12)} ${b.description}`).join('\n')}

  --only NAME[,NAME]   run these benchmarks only
  --runs N             measured runs of each case (default 3${benchmarks.filter((b) => b.runs !== undefined).map((b) => `, ${b.name} ${b.runs}`).join('')}); the median is quoted
  --warmup N           unmeasured runs of each case first (default 0)
  --cpu-prof DIR       write a V8 CPU profile of every measured child into DIR (slows them down)
${[...sizeOptions].map(([o, d]) => `  --${o} N[,N]`.padEnd(23) + `${sizeHelp.get(o)} (default ${d.join(',')})`).join('\n')}

stdout: one JSON line per case; stderr: progress and a summary table. Exit code 1 when a run or a
check fails (a benchmark of a wrong result measures nothing).
`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function positiveIntegers(option: string, raw: string): number[] {
  return raw.split(',').map((text) => {
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isSafeInteger(value) || value < 1) fail(`--${option} takes positive integers, got "${raw}"`);
    return value;
  });
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries([...sizeOptions.keys()].map((o) => [o, { type: 'string' as const }])),
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const only = values.only?.split(',') ?? benchmarks.map((b) => b.name);
for (const name of only) if (!benchmarks.some((b) => b.name === name)) fail(`no benchmark named "${name}"`);
const runsOption = values.runs === undefined ? undefined : positiveIntegers('runs', values.runs)[0]!;
const warmup = values.warmup === undefined ? 0 : Number(values.warmup);
if (!Number.isSafeInteger(warmup) || warmup < 0) fail('--warmup takes an integer >= 0');
const profileDir = values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']);

const selected = benchmarks.filter((b) => only.includes(b.name));
const cases: { benchCase: BenchCase; benchmark: Benchmark; runs: number }[] = selected.flatMap((benchmark) => {
  const sizes = Object.fromEntries(
    Object.entries(benchmark.sizes).map(([option, { defaults }]) => {
      const raw = (values as Record<string, unknown>)[option];
      return [option, typeof raw === 'string' ? positiveIntegers(option, raw) : defaults];
    }),
  );
  const runs = runsOption ?? benchmark.runs ?? 3;
  return benchmark.cases(sizes).map((benchCase) => ({ benchCase, benchmark, runs }));
});

// Cases with the same sandbox, in first-seen order.
const groups = new Map<string, typeof cases>();
for (const item of cases) {
  const key = JSON.stringify(item.benchCase.sandboxArgs);
  groups.set(key, [...(groups.get(key) ?? []), item]);
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const label = (c: BenchCase) => `${c.name} ${Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
const workRoot = mkdtempSync(join(tmpdir(), 'kroll-bench-'));
const results: CaseResult[] = [];
const resultsOf = new Map<Benchmark, CaseResult[]>();
let sandboxes = 0;
let failure: unknown;
log(`${cases.length} cases; peak RSS from ${rssMethod}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);

try {
  for (const [key, group] of groups) {
    const sandboxArgs = JSON.parse(key) as string[];
    log(`starting kroll-sandbox ${sandboxArgs.join(' ')}`);
    const requestLog = join(workRoot, `sandbox-${++sandboxes}-requests.jsonl`);
    const sandbox = await startSandbox(sandboxArgs, requestLog, (line) => process.stderr.write(`  ${line}\n`));
    log(`sandbox ready in ${sandbox.startSeconds.toFixed(1)} s (not measured)`);
    try {
      const prepared = [];
      for (const [index, item] of group.entries()) {
        const workDir = join(workRoot, `case-${results.length + index}`);
        mkdirSync(workDir);
        prepared.push({ ...item, workDir, spec: await item.benchCase.child(sandbox, workDir), measured: [] as Parameters<typeof summarize>[1] });
      }
      const most = Math.max(...prepared.map((item) => item.runs));
      for (let run = -warmup; run < most; run++) {
        for (const item of prepared) {
          if (run >= item.runs) continue;
          const nodeFlags =
            profileDir && run >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, label(item.benchCase).replace(/[^A-Za-z0-9=-]+/g, '_'))}`] : [];
          item.spec.prepare?.();
          const measurement = await measureChild(item.spec, { timeFile: join(item.workDir, 'time.txt'), env: process.env, nodeFlags });
          const extra = (await item.spec.check(measurement.output, { seconds: measurement.seconds })) ?? {};
          const records = item.spec.records ?? measurement.output.recordLines;
          const what = run < 0 ? 'warmup' : `run ${run + 1}/${item.runs}`;
          log(
            `${label(item.benchCase)} ${what}: ${measurement.seconds.toFixed(2)} s, ${Math.round(records / measurement.seconds)} records/s, ` +
              `peak RSS ${measurement.peakRssMib.toFixed(0)} MiB`,
          );
          if (run >= 0) item.measured.push({ measurement, records, bytes: item.spec.bytes ?? measurement.output.stdoutBytes, extra });
        }
      }
      const groupResults = prepared.map((item) => summarize(item.benchCase, item.measured, sandbox.startSeconds));
      for (const [index, result] of groupResults.entries()) {
        const floorName = prepared[index]!.benchCase.floor;
        if (floorName === undefined) continue;
        const floor = groupResults.find((r) => r.name === floorName);
        if (floor === undefined) throw new Error(`${result.name}: its floor ${floorName} is not among the cases of its sandbox`);
        result.floor_ratio = Number((result.records_per_s / floor.records_per_s).toFixed(3));
      }
      for (const [index, result] of groupResults.entries()) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        const { benchmark } = prepared[index]!;
        resultsOf.set(benchmark, [...(resultsOf.get(benchmark) ?? []), result]);
      }
      results.push(...groupResults);
    } finally {
      await sandbox.stop();
    }
  }
} catch (error) {
  failure = error;
} finally {
  rmSync(workRoot, { recursive: true, force: true });
}
process.stderr.write(`\n${table(results)}\n`);
if (failure !== undefined) {
  log(failure instanceof Error ? failure.message : String(failure));
  process.exit(1);
}
let failed = false;
for (const [benchmark, own] of resultsOf) {
  try {
    benchmark.verify?.(own);
  } catch (error) {
    failed = true;
    log(`${benchmark.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (failed) process.exit(1);
