/** What the tests of `kroll push` share: input files, a config file, the summary's numbers, and what the sandbox placed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlacedOrder } from '../../src/sandbox/index.js';
import type { Sandbox } from '../helpers/sandbox.js';
import { testFolder } from '../helpers/temp.js';

export interface PushFiles {
  dir: string;
  /** The destination config, as a file. */
  config: string;
  db: string;
  /** Writes records as a JSONL file (or lines as given) and returns its path. */
  input(records: (object | string)[], name?: string): string;
}

export function pushFiles(config: Record<string, unknown>): PushFiles {
  const dir = testFolder('kroll-push-test-');
  const configPath = join(dir, 'destination.json');
  writeFileSync(configPath, JSON.stringify(config));
  return {
    dir,
    config: configPath,
    db: join(dir, 'kroll.duckdb'),
    input(records, name = 'orders.jsonl') {
      const path = join(dir, name);
      writeFileSync(path, records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
      return path;
    },
  };
}

/** A number of push's closing table, by its label ("sent", "placed", "answered by an earlier push"...). */
export function summaryCount(stderr: string, label: string): number {
  const match = new RegExp(`^\\s*${label.replace(/ /g, '\\s')}\\s+([\\d,]+)$`, 'm').exec(stderr);
  if (!match) throw new Error(`no "${label}" in the summary:\n${stderr}`);
  return Number(match[1]!.replace(/,/g, ''));
}

/** The orders the sandbox holds whose Purchase Order Number starts so, by number. */
export function placedWith(box: Sandbox, prefix: string): Map<string, PlacedOrder[]> {
  const byPo = new Map<string, PlacedOrder[]>();
  for (const p of box.api.placedOrders()) {
    const po = p.request.purchaseOrderNumber;
    if (po.startsWith(prefix)) byPo.set(po, [...(byPo.get(po) ?? []), p]);
  }
  return byPo;
}

/** Purchase order numbers of the SubmitPurchaseOrder calls the sandbox received, in order. */
export function submittedWith(box: Sandbox, prefix: string): string[] {
  return box.api
    .requests()
    .filter((r) => r.operation === 'SubmitPurchaseOrder' && (r.purchaseOrderNumber ?? '').startsWith(prefix))
    .map((r) => r.purchaseOrderNumber!);
}
