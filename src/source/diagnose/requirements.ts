/**
 * What each stream needs from Kroll, by stream name: which product files, which API operations.
 * The diagnosis turns its findings into a verdict per stream from this table alone, so a new
 * stream needs one entry here.
 */
import type { SourceConfig } from '../../generated/configs.js';
import type { ProductFileKind } from '../../kroll/products/layout.js';
import type { Section, StreamVerdict, Subject } from './report.js';

export interface StreamNeeds {
  files?: ProductFileKind[];
  /** Dealer API operations, by their name in the contract. */
  operations?: string[];
}

export const STREAM_NEEDS: Record<string, (config: SourceConfig) => StreamNeeds> = {
  products: () => ({ files: ['catalog', 'inventory', 'status'] }),
  // Live availability is asked for the catalog's SKUs.
  inventory: (config) => (config.inventory_source === 'api' ? { files: ['catalog'], operations: ['CheckProductAvailability'] } : { files: ['inventory'] }),
  purchase_orders: () => ({ operations: ['GetPurchaseOrders'] }),
  purchase_order_lines: () => ({ operations: ['GetPurchaseOrders'] }),
  shipments: () => ({ operations: ['GetShipments'] }),
  shipment_lines: () => ({ operations: ['GetShipments'] }),
  invoices: () => ({ operations: ['GetInvoices'] }),
  invoice_lines: () => ({ operations: ['GetInvoices'] }),
};

/** Everything a stream's records depend on, as the subjects of the diagnosis's lines. */
export function subjectsOf(needs: StreamNeeds): Subject[] {
  const subjects: Subject[] = ['config'];
  if (needs.files?.length) subjects.push('ftp', ...needs.files.map((file) => `file:${file}` as const));
  if (needs.operations?.length) subjects.push('api', ...needs.operations.map((op) => `operation:${op}` as const));
  return subjects;
}

/** The operations the given streams call. */
export function operationsNeeded(streams: string[], config: SourceConfig): Map<string, string[]> {
  const byOperation = new Map<string, string[]>();
  for (const stream of streams) {
    for (const op of STREAM_NEEDS[stream]?.(config).operations ?? []) byOperation.set(op, [...(byOperation.get(op) ?? []), stream]);
  }
  return byOperation;
}

/**
 * A stream will not work when a line about something it needs failed or blocks it; it works,
 * with warnings, when such a line warns. `config` is undefined when the config did not load.
 */
export function streamVerdicts(sections: Section[], streams: string[], config: SourceConfig | undefined): StreamVerdict[] {
  const lines = sections.flatMap((section) => section.lines.map((line) => ({ line, reason: `${section.title}, ${line.check}: ${line.message}` })));
  return streams.map((stream) => {
    const needs = STREAM_NEEDS[stream];
    if (needs === undefined) return { stream, verdict: 'not known', reasons: ['diagnose does not know what this stream needs (see STREAM_NEEDS).'] };
    const subjects = new Set<Subject>(config === undefined ? ['config'] : subjectsOf(needs(config)));
    const relevant = lines.filter(({ line }) => subjects.has(line.subject));
    const blocking = relevant.filter(({ line }) => line.status === 'fail' || line.blocks);
    if (blocking.length > 0) return { stream, verdict: 'will not work', reasons: blocking.map((l) => l.reason) };
    const warnings = relevant.filter(({ line }) => line.status === 'warn');
    if (warnings.length > 0) return { stream, verdict: 'works, with warnings', reasons: warnings.map((l) => l.reason) };
    return { stream, verdict: 'works', reasons: [] };
  });
}
