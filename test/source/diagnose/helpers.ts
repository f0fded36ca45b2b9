/** Runs `source-kroll diagnose` in this process and reads its report. */
import type { Line, Report } from '../../../src/source/diagnose/report.js';
import { sourceProgram } from '../../../src/source/program.js';
import { inventoryOrder, statusOrder } from '../../../src/sandbox/products/index.js';
import { jsonFiles, runTextInProcess } from '../../helpers/run.js';
import type { SandboxProduct } from '../../../src/sandbox/index.js';

/** The wait between the two looks at a file: short, for a fast suite. */
export const RECHECK = ['--recheck-seconds', '0.2'];

export async function diagnoseText(config: Record<string, unknown>) {
  return runTextInProcess(sourceProgram, ['diagnose', '--config', jsonFiles({ config }).config!, ...RECHECK]);
}

export async function diagnoseJson(config: Record<string, unknown>): Promise<{ code: number; report: Report; stdout: string }> {
  const run = await runTextInProcess(sourceProgram, ['diagnose', '--config', jsonFiles({ config }).config!, '--json', ...RECHECK]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stdout: run.stdout };
}

export function section(report: Report, name: string): Line[] {
  const found = report.sections.find((s) => s.name === name);
  if (!found) throw new Error(`no section ${name} in ${report.sections.map((s) => s.name).join(', ')}`);
  return found.lines;
}

export function line(report: Report, name: string, check: string): Line {
  const found = section(report, name).find((l) => l.check === check);
  if (!found) throw new Error(`no line ${check} in section ${name}`);
  return found;
}

/** Every line that is not ok, as "section/check status". */
export function notOk(report: Report): string[] {
  return report.sections.flatMap((s) => s.lines.filter((l) => l.status !== 'ok').map((l) => `${s.name}/${l.check} ${l.status}`));
}

/** The first row of the inventory export and of the status file, from the generator's order of them. */
export function firstInventoryProduct(seed: number, products: SandboxProduct[]): SandboxProduct {
  return [...inventoryOrder(seed, products.length)].map((i) => products[i]!).find((p) => p.inventory !== null)!;
}

export function firstStatusProduct(seed: number, products: SandboxProduct[]): SandboxProduct {
  const order = statusOrder(seed, products.length);
  return products.map((_, j) => products[order(j)]!).find((p) => p.status !== null)!;
}
