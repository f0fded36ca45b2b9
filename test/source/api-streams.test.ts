/**
 * The order-side streams against the sandbox's real SOAP service, record by record against the
 * generator's truth: full refresh, incremental with the lookback window, checkpoints per page,
 * the warning for purchase orders not placed through the API, daylight-saving dates, discover and
 * credentials. Every run is checked for the sandbox's secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { sourceProgram } from '../../src/source/program.js';
import { placeOrder } from '../helpers/api.js';
import { CURSOR, ORDER_STREAMS, byKey, expectedOrderRecords, keyOf, notViaApi, type OrderStream } from '../helpers/expected-orders.js';
import { assertValidRecord, errorsOf, logsOf, recordsOf, statesOf, statusesOf } from '../helpers/protocol.js';
import { jsonFiles, runInProcess, type RunResult } from '../helpers/run.js';
import { readFiles, sandbox, sandboxSecrets, sourceConfig, type Sandbox } from '../helpers/sandbox.js';

const DAY = 86_400_000;
let box: Sandbox;
let startMs: number;

beforeAll(async () => {
  box = await sandbox({ products: 200, seed: 31, orders: 150 });
  startMs = Date.parse(`${String(box.info.source_config.start_date)}T00:00:00Z`);
});
afterAll(async () => {
  await box?.close();
});

async function read(
  streams: readonly string[],
  syncMode: 'full_refresh' | 'incremental',
  options: { config?: Record<string, unknown>; state?: unknown; on?: Sandbox } = {},
): Promise<RunResult> {
  const on = options.on ?? box;
  const result = await runInProcess(sourceProgram, readFiles(on, streams.map((name) => ({ name, syncMode })), options));
  for (const secret of [...sandboxSecrets(on), String(options.config?.api_password ?? '')].filter((s) => s.length > 0)) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
  return result;
}

function latestStates(messages: AirbyteMessage[]): unknown[] {
  const last = new Map<string, unknown>();
  for (const m of messages) if (m.type === 'STATE') last.set(m.state!.stream!.stream_descriptor.name, m.state);
  return [...last.values()];
}

function cursorOf(messages: AirbyteMessage[], stream: OrderStream): string {
  return String((statesOf(messages, stream).at(-1)!.stream!.stream_state as Record<string, unknown>)[CURSOR[stream]]);
}

function expectUniqueKeys(stream: OrderStream, records: object[]): void {
  const keys = records.map((r) => keyOf(stream, r));
  expect(new Set(keys).size, `${stream}: a record sent twice`).toBe(keys.length);
}

describe('a full refresh of the six streams', () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await read(ORDER_STREAMS, 'full_refresh', { config: { page_size: 40 } });
  });

  it('sends every order, line, shipment and invoice of the generator since start_date, once, valid against its schema', () => {
    expect(errorsOf(run.messages)).toEqual([]);
    expect(run.code).toBe(0);
    const expected = expectedOrderRecords(box.api.book, startMs);
    for (const stream of ORDER_STREAMS) {
      const actual = recordsOf(run.messages, stream);
      expect(actual.length, stream).toBeGreaterThan(100);
      for (const record of actual) assertValidRecord(stream, record);
      expectUniqueKeys(stream, actual);
      expect(byKey(stream, actual), stream).toEqual(byKey(stream, expected[stream]));
      expect(statusesOf(run.messages, stream), stream).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    }
  });

  it('holds what data teams ask about: backorders, partial shipments, several tracking numbers, web and phone orders', () => {
    const lines = recordsOf(run.messages, 'purchase_order_lines');
    const shipments = recordsOf(run.messages, 'shipments');
    const orders = recordsOf(run.messages, 'purchase_orders');
    expect(lines.some((l) => (l.quantity_backordered as number) > 0)).toBe(true);
    expect(shipments.some((s) => s.partial === true && s.is_complete === true)).toBe(true);
    expect(shipments.some((s) => s.partial === true && s.is_complete === false)).toBe(true);
    expect(shipments.some((s) => s.partial === false)).toBe(true);
    expect(shipments.some((s) => (s.tracking_numbers as string[]).length > 1)).toBe(true);
    expect(new Set(orders.map((o) => o.order_source))).toEqual(new Set(['Api', 'Web', 'Phone']));
  });

  it('knows partial for the shipments of web and phone orders too: GetPurchaseOrders lists their orders', () => {
    const expected = new Map(expectedOrderRecords(box.api.book, startMs).shipments.map((s) => [s.shipment_id, s.partial]));
    const warned = recordsOf(run.messages, 'shipments').filter((s) => /^(WEB|PH)-/.test(String(s.purchase_order_number)));
    expect(warned.length).toBeGreaterThan(10);
    for (const shipment of warned) {
      expect(typeof shipment.partial, String(shipment.shipment_id)).toBe('boolean');
      expect(shipment.partial, String(shipment.shipment_id)).toBe(expected.get(String(shipment.shipment_id)));
    }
    expect(new Set(warned.map((s) => s.partial))).toEqual(new Set([true, false]));
  });

  it('warns once per purchase order not placed through the API, in Kroll\'s words, and goes on', () => {
    const warnings = logsOf(run.messages, 'WARN').filter((m) => m.startsWith('Cannot find'));
    const expected = notViaApi(box, startMs).map((po) => `Cannot find a purchase order for shipment ${po}`);
    expect(expected.length).toBeGreaterThan(10);
    expect([...warnings].sort()).toEqual(expected.sort());
    expect(expected.every((w) => w.includes('WEB-') || w.includes('PH-'))).toBe(true);
  });

  it('checkpoints after every page, a full refresh as a resume position, the last state under the cursor field', () => {
    const parentOf = (stream: OrderStream): OrderStream => (stream.endsWith('_lines') ? (`${stream.slice(0, -'_lines'.length)}s` as OrderStream) : stream);
    for (const stream of ORDER_STREAMS) {
      const states = statesOf(run.messages, stream).map((s) => s.stream!.stream_state as Record<string, unknown>);
      const records = recordsOf(run.messages, stream).length;
      const pages = Math.ceil(recordsOf(run.messages, parentOf(stream)).length / 40);
      expect(states.length, stream).toBeGreaterThanOrEqual(pages);
      for (const state of states.slice(0, -1)) expect(state, stream).toEqual({ resume: { [CURSOR[stream]]: expect.any(String) } });
      expect(Object.keys(states.at(-1)!), stream).toEqual([CURSOR[stream]]);
      const counted = statesOf(run.messages, stream).reduce((n, s) => n + s.sourceStats!.recordCount!, 0);
      expect(counted, stream).toBe(records);
    }
    const pages = box.api.requests().filter((r) => r.operation === 'GetShipments');
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(recordsOf(run.messages, 'shipments').length / 40));
  });
});

describe('incremental', () => {
  let first: RunResult;
  let second: RunResult;
  beforeAll(async () => {
    first = await read(ORDER_STREAMS, 'incremental');
    second = await read(ORDER_STREAMS, 'incremental', { state: latestStates(first.messages) });
  });

  it('a first read sends everything since start_date, and ends on a cursor no record is after', () => {
    expect(first.code).toBe(0);
    const expected = expectedOrderRecords(box.api.book, startMs);
    for (const stream of ORDER_STREAMS) {
      const records = recordsOf(first.messages, stream);
      expect(byKey(stream, records), stream).toEqual(byKey(stream, expected[stream]));
      const cursor = Date.parse(cursorOf(first.messages, stream));
      for (const record of records) expect(Date.parse(String(record[CURSOR[stream]]))).toBeLessThan(cursor);
      expect(cursor).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('a read with its state sends the lookback window (3 days before the cursor) and nothing else, nothing twice', () => {
    expect(second.code).toBe(0);
    for (const stream of ORDER_STREAMS) {
      const from = Date.parse(cursorOf(first.messages, stream)) - 3 * DAY;
      const expected = expectedOrderRecords(box.api.book, from)[stream];
      const records = recordsOf(second.messages, stream);
      expect(expected.length, stream).toBeGreaterThan(0);
      expect(expected.length, stream).toBeLessThan(recordsOf(first.messages, stream).length / 5);
      expectUniqueKeys(stream, records);
      expect(byKey(stream, records), stream).toEqual(byKey(stream, expected));
      expect(Date.parse(cursorOf(second.messages, stream))).toBeGreaterThanOrEqual(Date.parse(cursorOf(first.messages, stream)));
    }
    expect(logsOf(second.messages, 'INFO')).toContain(
      `shipments: reading from ${new Date(Date.parse(cursorOf(first.messages, 'shipments')) - 3 * DAY).toISOString()}, 3 days before the state's ship_date ${cursorOf(first.messages, 'shipments')}.`,
    );
  });

  it('checkpoints after every page of the lookback window too, though the cursor stays where the state had it', async () => {
    const pageSize = 4;
    const run = await read(['shipments'], 'incremental', { config: { page_size: pageSize }, state: latestStates(first.messages) });
    expect(run.code).toBe(0);
    const states = statesOf(run.messages, 'shipments');
    const sent = recordsOf(run.messages, 'shipments').length;
    expect(sent).toBeGreaterThan(2 * pageSize);
    // Every page's state is the first read's cursor: the whole window lies before it. The last is
    // the second this read began, which is that cursor only when both reads began in one second.
    for (const state of states.slice(0, -1)) expect(state.stream!.stream_state).toEqual({ ship_date: cursorOf(first.messages, 'shipments') });
    const last = Date.parse(String((states.at(-1)!.stream!.stream_state as { ship_date: string }).ship_date));
    expect(last).toBeGreaterThanOrEqual(Date.parse(cursorOf(first.messages, 'shipments')));
    expect(last).toBeLessThanOrEqual(Date.now());
    // A state after each page: never more than a page of records between two states.
    let since = 0;
    for (const m of run.messages) {
      if (m.type === 'RECORD' && m.record!.stream === 'shipments') since++;
      if (m.type === 'STATE') {
        expect(since).toBeLessThanOrEqual(pageSize);
        since = 0;
      }
    }
    expect(since).toBe(0);
    // One state a page, and the read's own second after them unless it is the cursor already.
    const moved = last > Date.parse(cursorOf(first.messages, 'shipments')) ? 1 : 0;
    expect(states.length).toBe(Math.ceil(sent / pageSize) + moved);
  });

  it('lookback_days widens the window; each stream keeps to its own state when they share a pass', async () => {
    const states = latestStates(first.messages).filter((s) => (s as { stream: { stream_descriptor: { name: string } } }).stream.stream_descriptor.name === 'shipments');
    const run = await read(['shipments', 'shipment_lines'], 'incremental', { config: { lookback_days: 10 }, state: states });
    expect(run.code).toBe(0);
    const from = Date.parse(cursorOf(first.messages, 'shipments')) - 10 * DAY;
    expect(byKey('shipments', recordsOf(run.messages, 'shipments'))).toEqual(byKey('shipments', expectedOrderRecords(box.api.book, from).shipments));
    // shipment_lines had no state: from start_date, in the same pass over GetShipments.
    expect(byKey('shipment_lines', recordsOf(run.messages, 'shipment_lines'))).toEqual(byKey('shipment_lines', expectedOrderRecords(box.api.book, startMs).shipment_lines));
  });

  it('a state from the future sends nothing, keeps its cursor and warns; a cursor that is no date reads from start_date', async () => {
    const future = '2999-12-31T00:00:00.000Z';
    const state = [
      { type: 'STREAM', stream: { stream_descriptor: { name: 'invoices' }, stream_state: { invoice_date: future } } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'invoice_lines' }, stream_state: { invoice_date: 'yesterday' } } },
    ];
    const run = await read(['invoices', 'invoice_lines'], 'incremental', { state });
    expect(run.code).toBe(0);
    expect(recordsOf(run.messages, 'invoices')).toEqual([]);
    expect(statesOf(run.messages, 'invoices').map((s) => s.stream!.stream_state)).toEqual([{ invoice_date: future }]);
    expect(recordsOf(run.messages, 'invoice_lines').length).toBe(expectedOrderRecords(box.api.book, startMs).invoice_lines.length);
    expect(logsOf(run.messages, 'WARN')).toEqual([
      `invoices: the state's invoice_date (${future}) is in the future: no records dated before it are read again. Reset the stream to read them now.`,
      `invoice_lines: the state's invoice_date "yesterday" is not a date and time; it is ignored and the stream is read from start_date.`,
    ]);
  });

  it('start_date bounds every stream', async () => {
    const start = new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10);
    const run = await read(['purchase_orders', 'purchase_order_lines'], 'incremental', { config: { start_date: start } });
    const expected = expectedOrderRecords(box.api.book, Date.parse(`${start}T00:00:00Z`));
    expect(byKey('purchase_orders', recordsOf(run.messages, 'purchase_orders'))).toEqual(byKey('purchase_orders', expected.purchase_orders));
    expect(byKey('purchase_order_lines', recordsOf(run.messages, 'purchase_order_lines'))).toEqual(byKey('purchase_order_lines', expected.purchase_order_lines));
  });
});

describe('a start_date after the cursor\'s lookback, or in the future', () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  /** Log lines "<Operation>: n <items> dated A to B": never a range that ends before it starts. */
  const ranges = (run: RunResult) =>
    logsOf(run.messages, 'INFO').flatMap((line) => [...line.matchAll(/dated (\S+) to (\S+) in/g)].map((m) => [Date.parse(m[1]!), Date.parse(m[2]!)] as const));

  it('reads from start_date when it is later than the lookback before the state\'s cursor, and says so', async () => {
    const first = await read(['shipments'], 'incremental');
    const cursor = Date.parse(cursorOf(first.messages, 'shipments'));
    const start = cursor - DAY;
    const run = await read(['shipments'], 'incremental', { config: { start_date: iso(start) }, state: latestStates(first.messages) });
    expect(run.code).toBe(0);
    expect(byKey('shipments', recordsOf(run.messages, 'shipments'))).toEqual(byKey('shipments', expectedOrderRecords(box.api.book, start).shipments));
    expect(logsOf(run.messages, 'INFO')).toContain(`shipments: reading from start_date ${iso(start)}, which is later than 3 days before the state's ship_date ${iso(cursor)}.`);
    expect(logsOf(run.messages, 'INFO').join('\n')).not.toContain(`reading from ${iso(start)}, 3 days before`);
  });

  it('warns of a start_date in the future, with or without a state, and states no backwards range', async () => {
    const future = Date.parse(`${new Date(Date.now() + 200 * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
    const fresh = await read(['shipments', 'shipment_lines'], 'incremental', { config: { start_date: iso(future).slice(0, 10) } });
    const given = iso(Date.now() - DAY);
    const withState = await read(['shipments'], 'incremental', {
      config: { start_date: iso(future).slice(0, 10) },
      state: [{ type: 'STREAM', stream: { stream_descriptor: { name: 'shipments' }, stream_state: { ship_date: given } } }],
    });
    for (const run of [fresh, withState]) {
      expect(run.code).toBe(0);
      expect(recordsOf(run.messages, 'shipments')).toEqual([]);
      expect(logsOf(run.messages, 'WARN')).toContain(`shipments: start_date ${iso(future)} is in the future: no shipments are read before that date. Correct start_date if it is a typo.`);
      expect(ranges(run).filter(([from, to]) => from > to)).toEqual([]);
      const info = logsOf(run.messages, 'INFO').join('\n');
      expect(info).not.toContain('before the state');
      expect(info).toMatch(new RegExp(`GetShipments: 0 shipments read: the window starts at ${iso(future).replace(/\./g, '\\.')}, after this read's time \\S+Z;`));
    }
    expect(logsOf(fresh.messages, 'WARN')).toContain(`shipment_lines: start_date ${iso(future)} is in the future: no shipment_lines are read before that date. Correct start_date if it is a typo.`);
    // Nothing was read, so the cursor does not move: none without a state, the state's own with one.
    expect(statesOf(fresh.messages, 'shipments').map((s) => s.stream!.stream_state)).toEqual([{}]);
    expect(statesOf(withState.messages, 'shipments').map((s) => s.stream!.stream_state)).toEqual([{ ship_date: given }]);
    // start_date corrected, with the state the first read left: every shipment from it is read.
    const corrected = await read(['shipments'], 'incremental', { state: latestStates(fresh.messages) });
    expect(byKey('shipments', recordsOf(corrected.messages, 'shipments'))).toEqual(byKey('shipments', expectedOrderRecords(box.api.book, startMs).shipments));
  });
});

describe('orders placed through SubmitPurchaseOrder', () => {
  it('are in the next read of purchase_orders, dated by the sandbox clock', async () => {
    const placedBefore = box.api.book.orderCount;
    await placeOrder(box, 'SO-TEST-PLACED-1');
    expect(box.api.book.orderCount).toBe(placedBefore + 1);
    const run = await read(['purchase_orders'], 'full_refresh');
    const placed = recordsOf(run.messages, 'purchase_orders').find((o) => o.purchase_order_number === 'SO-TEST-PLACED-1');
    expect(placed).toMatchObject({ order_source: 'Api', order_status: 'Open' });
    expect(byKey('purchase_orders', recordsOf(run.messages, 'purchase_orders'))).toEqual(byKey('purchase_orders', expectedOrderRecords(box.api.book, startMs).purchase_orders));
  });
});

describe('a dealer API without GetPurchaseOrders', () => {
  it('still syncs the shipments, with one warning that it cannot tell web and phone orders, and partial null', async () => {
    const without = await sandbox({ products: 100, seed: 31, orders: 60, apiWithoutOperations: ['GetPurchaseOrders'] });
    try {
      const run = await read(['shipments', 'shipment_lines'], 'full_refresh', { on: without });
      expect(run.code).toBe(0);
      const start = Date.parse(`${String(without.info.source_config.start_date)}T00:00:00Z`);
      const expected = expectedOrderRecords(without.api.book, start);
      expect(byKey('shipments', recordsOf(run.messages, 'shipments'))).toEqual(byKey('shipments', expected.shipments.map((s) => ({ ...s, partial: null }))));
      expect(byKey('shipment_lines', recordsOf(run.messages, 'shipment_lines'))).toEqual(byKey('shipment_lines', expected.shipment_lines));
      const warnings = logsOf(run.messages, 'WARN');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^shipments: Kroll's dealer API at \S+ does not offer GetPurchaseOrders \(an operation the connector assumes\): .* Without it the connector cannot tell which purchase orders were placed through the API: no "Cannot find a purchase order" warnings, and partial is left null\.$/);
    } finally {
      await without.close();
    }
  });
});

// US Eastern time in 2026: UTC-5 until March 8 02:00 local (07:00 UTC), UTC-4 until November 1 02:00 local (06:00 UTC).
describe.each([
  { name: 'spring forward', now: '2026-03-20T12:00:00Z', change: Date.UTC(2026, 2, 8, 7) },
  { name: 'fall back', now: '2026-11-14T12:00:00Z', change: Date.UTC(2026, 10, 1, 6) },
])('daylight saving: $name', ({ now, change }) => {
  let dst: Sandbox;
  beforeAll(async () => {
    dst = await sandbox({ products: 100, seed: 4, orders: 400, now: new Date(now) });
  });
  afterAll(async () => {
    await dst?.close();
  });

  it('sends the dates on both sides of the change as the generator\'s UTC instants', async () => {
    const run = await read(ORDER_STREAMS, 'full_refresh', { on: dst, config: { page_size: 500 } });
    expect(run.code).toBe(0);
    const start = Date.parse(`${String(dst.info.source_config.start_date)}T00:00:00Z`);
    const expected = expectedOrderRecords(dst.api.book, start);
    for (const stream of ORDER_STREAMS) expect(byKey(stream, recordsOf(run.messages, stream)), stream).toEqual(byKey(stream, expected[stream]));
    const near = (iso: unknown) => Math.abs(Date.parse(String(iso)) - change) < 4 * DAY;
    const shipDates = recordsOf(run.messages, 'shipments').map((s) => s.ship_date).filter(near);
    expect(shipDates.some((d) => Date.parse(String(d)) < change) && shipDates.some((d) => Date.parse(String(d)) >= change)).toBe(true);
  });
});

describe('discover and the API credentials', () => {
  it('lists the order-side streams with their keys and cursors when the config has API credentials', async () => {
    const { messages } = await runInProcess(sourceProgram, ['discover', '--config', jsonFiles({ config: sourceConfig(box) }).config!]);
    const streams = messages[0]!.catalog!.streams.map((s) => [s.name, s.supported_sync_modes, s.source_defined_primary_key, s.default_cursor_field]);
    expect(streams).toEqual([
      ['products', ['full_refresh', 'incremental'], [['sku']], ['feed_modified_at']],
      ['inventory', ['full_refresh'], [['sku']], undefined],
      ['purchase_orders', ['full_refresh', 'incremental'], [['order_confirmation_number']], ['order_date']],
      ['purchase_order_lines', ['full_refresh', 'incremental'], [['order_confirmation_number'], ['line_number']], ['order_date']],
      ['shipments', ['full_refresh', 'incremental'], [['shipment_id']], ['ship_date']],
      ['shipment_lines', ['full_refresh', 'incremental'], [['shipment_id'], ['line_number']], ['ship_date']],
      ['invoices', ['full_refresh', 'incremental'], [['invoice_number']], ['invoice_date']],
      ['invoice_lines', ['full_refresh', 'incremental'], [['invoice_number'], ['line_number']], ['invoice_date']],
    ]);
  });

  it('lists only the FTP streams for a config without them, and says why in a log line', async () => {
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box);
    const { messages } = await runInProcess(sourceProgram, ['discover', '--config', jsonFiles({ config: ftpOnly }).config!]);
    expect(messages.map((m) => m.type)).toEqual(['LOG', 'CATALOG']);
    expect(logsOf(messages, 'INFO')).toEqual([
      "The streams purchase_orders, purchase_order_lines, shipments, shipment_lines, invoices and invoice_lines read Kroll's dealer API, and need api_username and api_password in the config: they are not listed.",
    ]);
    expect(messages[1]!.catalog!.streams.map((s) => s.name)).toEqual(['products', 'inventory']);
  });

  it('fails a stream read without them, or with a wrong key, with a config_error that says so', async () => {
    const { api_username: _u, api_password: _p, ...ftpOnly } = sourceConfig(box);
    const files = jsonFiles({ config: ftpOnly, catalog: { streams: [{ stream: { name: 'shipments', json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] } });
    const without = await runInProcess(sourceProgram, ['read', '--config', files.config!, '--catalog', files.catalog!]);
    expect(without.code).toBe(1);
    expect(errorsOf(without.messages)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: 'The dealer API streams need api_username and api_password (the API credentials of your Kroll account).' }),
    ]);

    const wrong = await read(['shipments', 'shipment_lines'], 'full_refresh', { config: { api_password: 'b0gus0000key0000b0gus0000key0000' } });
    expect(wrong.code).toBe(1);
    expect(statusesOf(wrong.messages, 'shipments')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(errorsOf(wrong.messages).map((e) => [e.stream_descriptor?.name, e.failure_type, e.message])).toEqual(
      ['shipments', 'shipment_lines'].map((name) => [
        name,
        'config_error',
        "Kroll's dealer API: API username or API key rejected (AuthenticationFailed in the answer to GetShipments). Check api_username, api_password and account_number.",
      ]),
    );
  });
});
