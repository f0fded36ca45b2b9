/** What each stream needs, and how the findings become a verdict per stream. */
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/generated/configs.js';
import { describeOperations } from '../../../src/kroll/soap/index.js';
import type { Line, Section } from '../../../src/source/diagnose/report.js';
import { STREAM_NEEDS, operationsNeeded, streamVerdicts } from '../../../src/source/diagnose/requirements.js';
import { discover } from '../../../src/source/discover.js';

const config = { inventory_source: 'ftp' } as unknown as SourceConfig;
const ORDER_SIDE = ['purchase_orders', 'purchase_order_lines', 'shipments', 'shipment_lines', 'invoices', 'invoice_lines'];
const ALL = ['products', 'inventory', ...ORDER_SIDE];

const sectionOf = (...lines: Partial<Line>[]): Section[] => [
  { name: 'x', title: 'Somewhere', lines: lines.map((l) => ({ status: 'ok', check: 'check', message: 'fine', subject: 'ftp', ...l }) as Line) },
];

describe('STREAM_NEEDS', () => {
  it('knows every stream the source discovers, and the order-side streams to come', () => {
    for (const stream of discover().streams) expect(STREAM_NEEDS, stream.name).toHaveProperty(stream.name);
    for (const stream of ORDER_SIDE) expect(STREAM_NEEDS).toHaveProperty(stream);
  });

  it('names only operations of the contract', () => {
    const operations = new Set(describeOperations().map((op) => op.operation));
    for (const needs of Object.values(STREAM_NEEDS)) for (const op of needs(config).operations ?? []) expect(operations).toContain(op);
  });

  it('reads inventory from the API when inventory_source says so', () => {
    expect(STREAM_NEEDS.inventory!(config)).toEqual({ files: ['inventory'] });
    expect(STREAM_NEEDS.inventory!({ inventory_source: 'api' } as unknown as SourceConfig)).toEqual({ files: ['catalog'], operations: ['CheckProductAvailability'] });
    expect(operationsNeeded(ALL, config)).toEqual(
      new Map([
        ['GetPurchaseOrders', ['purchase_orders', 'purchase_order_lines']],
        ['GetShipments', ['shipments', 'shipment_lines']],
        ['GetInvoices', ['invoices', 'invoice_lines']],
      ]),
    );
  });
});

describe('streamVerdicts', () => {
  it('fails only the streams that need what failed', () => {
    const verdicts = streamVerdicts(sectionOf({ status: 'fail', subject: 'operation:GetShipments', check: 'GetShipments', message: 'not offered' }), ALL, config);
    expect(verdicts.filter((v) => v.verdict !== 'works')).toEqual([
      { stream: 'shipments', verdict: 'will not work', reasons: ['Somewhere, GetShipments: not offered'] },
      { stream: 'shipment_lines', verdict: 'will not work', reasons: ['Somewhere, GetShipments: not offered'] },
    ]);
  });

  it('fails every API stream when the credentials are refused or missing, no FTP stream', () => {
    for (const line of [{ status: 'fail', subject: 'api' }, { status: 'warn', subject: 'api', blocks: true }] as const) {
      const verdicts = streamVerdicts(sectionOf(line), ALL, config);
      expect(verdicts.filter((v) => v.verdict === 'will not work').map((v) => v.stream)).toEqual(ORDER_SIDE);
    }
    const live = streamVerdicts(sectionOf({ status: 'fail', subject: 'api' }), ['inventory'], { inventory_source: 'api' } as unknown as SourceConfig);
    expect(live[0]!.verdict).toBe('will not work');
  });

  it('warns the streams that read a file with a warning, and fails all on a bad config', () => {
    const verdicts = streamVerdicts(sectionOf({ status: 'warn', subject: 'file:status', message: 'stale' }, { status: 'warn', subject: 'images' }), ALL, config);
    expect(verdicts.filter((v) => v.verdict !== 'works')).toEqual([{ stream: 'products', verdict: 'works, with warnings', reasons: ['Somewhere, check: stale'] }]);
    expect(streamVerdicts(sectionOf({ status: 'fail', subject: 'config' }), ALL, undefined).every((v) => v.verdict === 'will not work')).toBe(true);
  });

  it('says so of a stream it does not know', () => {
    expect(streamVerdicts(sectionOf(), ['returns'], config)).toEqual([{ stream: 'returns', verdict: 'not known', reasons: [expect.stringContaining('STREAM_NEEDS')] }]);
  });
});
