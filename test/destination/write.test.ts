/**
 * bin/destination-kroll write against the sandbox's SOAP service over 127.0.0.1. What landed is
 * asked of the sandbox (the orders its service read and placed, and GetPurchaseOrders), never
 * taken from the destination's own output; expected orders are built here from the README's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import type { PlacedOrderRequest } from '../../src/sandbox/index.js';
import { productAt } from '../../src/sandbox/index.js';
import { stateEchoProblems } from '../acceptance/harness/destination.js';
import { apiClient } from '../helpers/api.js';
import { errorsOf, logsOf } from '../helpers/protocol.js';
import {
  CATALOG,
  destinationUnderTest,
  echoedStates,
  errorLogs,
  lines,
  placedByPo,
  recordMessage,
  request,
  stateMessage,
  submitted,
  write,
  type DestinationUnderTest,
} from './helpers.js';

const SEED = 41;
let under: DestinationUnderTest;

beforeAll(async () => {
  // Some latency, so that orders really are with Kroll at the same time.
  under = await destinationUnderTest({ seed: SEED, apiLatencyMs: 40 });
});
afterAll(async () => {
  await under?.close();
});

/** What the sandbox's service must have read for a record under the default template and config. */
function expectedRequest(r: FulfillmentRequestsRecord, country = r.ship_to.country_code): PlacedOrderRequest {
  return {
    purchaseOrderNumber: r.order_id,
    externalPo: r.po_number ?? null,
    paymentMethod: r.payment_method ?? 'AccountTerms',
    krollVaultCreditCardDescription: null,
    shipVia: r.ship_via ?? 'BestRate',
    fulfillmentMethod: 'ShipProductThatIsAvailableNowAndOtherProductWhenAvailable',
    isDropShip: true,
    signatureRequired: r.signature_required ?? false,
    bypassAddressValidation: false,
    shipToName: r.ship_to.name,
    shipToAddress1: r.ship_to.address1,
    shipToAddress2: r.ship_to.address2 ?? null,
    shipToAddress3: r.ship_to.address3 ?? null,
    shipToCity: r.ship_to.city,
    shipToStateProvince: r.ship_to.state,
    shipToPostalCode: r.ship_to.postal_code,
    shipToCountryCode: country,
    shipToTelephoneNumber: r.ship_to.phone ?? null,
    confirmToName: r.confirm_to?.name ?? null,
    confirmToEmailAddress: r.confirm_to?.email ?? null,
    detailLines: r.lines.map((l, i) => ({ lineNumber: l.line_number ?? i + 1, quantityOrdered: l.quantity, sku: l.sku })),
  };
}

describe('write', () => {
  it('places each order once, with every field where the template says, and echoes each state after its orders', async () => {
    const records = [
      request('M-1', under),
      request('M-2', under, { ship_via: 'FedExTwoDay', signature_required: true, confirm_to: null }),
      request('M-3', under, { po_number: null, ship_via: null, payment_method: null }),
      request('M-4', under, { ship_to: { ...request('M-4', under).ship_to, country_code: 'USA', address2: null, phone: null } }),
      request('M-5', under, { lines: [{ sku: under.inStock[7]!.sku, quantity: 3 }] }),
    ];
    const sent = [recordMessage(records[0]!), recordMessage(records[1]!), stateMessage(1), ...records.slice(2).map((r) => recordMessage(r)), stateMessage(2)];
    const run = await write(under, sent, { ...under.config, concurrency: 3 });

    expect(run.code).toBe(0);
    expect(errorLogs(run)).toEqual([]);
    const placed = placedByPo(under.box);
    for (const r of records) {
      expect(placed.get(r.order_id), r.order_id).toHaveLength(1);
      expect(placed.get(r.order_id)![0]!.request).toEqual(expectedRequest(r, 'US'));
    }
    expect(stateEchoProblems(sent, run.messages)).toEqual([]);
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([
      { recordCount: 2, rejectedRecordCount: 0 },
      { recordCount: 3, rejectedRecordCount: 0 },
    ]);

    // Kroll lists them, with their External PO numbers, under the confirmation numbers the log gives.
    const client = apiClient(under.box);
    try {
      for (const r of records) {
        const confirmation = placed.get(r.order_id)![0]!.order.orderConfirmationNumber;
        const day = Date.parse(placed.get(r.order_id)![0]!.order.orderDate);
        const listed = await client.getPurchaseOrders({ from: new Date(day - 60_000), to: new Date(day + 60_000), purchaseOrderNumber: r.order_id, page: 1, pageSize: 10 });
        expect(listed.items).toEqual([expect.objectContaining({ orderConfirmationNumber: confirmation, externalPo: r.po_number ?? null, orderSource: 'Api' })]);
        expect(logsOf(run.messages, 'INFO')).toContain(`Order ${r.order_id} (stdin line ${sent.findIndex((m) => m.record?.data.order_id === r.order_id) + 1}) accepted by Kroll: confirmation number ${confirmation} (Order accepted).`);
      }
    } finally {
      await client.close();
    }
  });

  it('sends a remapped template and the three-letter country style as configured', async () => {
    const base = request('T-1', under);
    const record = { ...base, order_id: 'SHOP-1', channel: { reference: 'T-1-REF' }, customer: { name: 'Lee Park' }, ship_to: { ...base.ship_to, country_code: 'us' } };
    const config = {
      ...under.config,
      country_code_style: 'USA',
      drop_ship: false,
      payment_terms: 'CreditCard',
      credit_card_description: 'Visa ending 4242',
      field_mapping: { purchase_order_number: 'channel.reference', external_po: 'order_id', ship_to_name: 'customer.name' },
    };
    const run = await write(under, [recordMessage({ ...record, payment_method: null }), stateMessage(1)], config);
    expect(run.code).toBe(0);
    expect(placedByPo(under.box).get('T-1-REF')!.map((p) => p.request)).toEqual([
      {
        ...expectedRequest({ ...base, order_id: 'T-1-REF', po_number: 'SHOP-1', ship_to: { ...base.ship_to, name: 'Lee Park' } }, 'USA'),
        isDropShip: false,
        paymentMethod: 'CreditCard',
        krollVaultCreditCardDescription: 'Visa ending 4242',
      },
    ]);
    expect(logsOf(run.messages, 'INFO').some((l) => l.startsWith('Order SHOP-1 (Purchase Order Number T-1-REF) (stdin line 1) accepted by Kroll'))).toBe(true);
  });

  it('rejects every kind of invalid record with all its problems, never sending it, and goes on', async () => {
    const ok = request('V-1', under);
    const invalid: [string, Record<string, unknown>, string][] = [
      ['V-2', { ...request('V-2', under), ship_via: 'PonyExpress' }, `ship_via "PonyExpress" is not one of Kroll's 20 ShipVia values`],
      ['V-3', { ...request('V-3', under), payment_method: 'Cash' }, 'payment_method "Cash" must be AccountTerms or CreditCard'],
      ['V-4', { ...request('V-4', under), lines: [{ sku: 'X', quantity: 0 }, { sku: ' ', quantity: 1.5 }] }, 'lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number 0; lines[1].sku is empty; lines[1].quantity must be a whole number from 1 to 2,147,483,647, not the number 1.5'],
      ['V-5', { ...request('V-5', under), lines: [] }, 'lines is empty'],
      ['V-6', { ...request('V-6', under), ship_to: { name: 'N', address1: 'A', state: 'ME', postal_code: '04101', country_code: 'US' } }, 'ship_to.city is missing'],
      ['V-7', { ...request('V-7', under), payment_method: 'CreditCard' }, 'payment_method is CreditCard, but the config names no saved card'],
    ];
    const noId = { ...request('V-8', under), order_id: '' };
    const sent = [
      recordMessage(ok),
      ...invalid.map(([, r]) => recordMessage(r)),
      recordMessage(noId),
      stateMessage(1),
    ];
    const run = await write(under, sent);

    expect(run.code).toBe(0);
    const errors = errorLogs(run);
    invalid.forEach(([id, , problem], i) => {
      expect(errors[i]).toContain(`Order ${id} (stdin line ${i + 2}) is invalid and was not sent to Kroll: `);
      expect(errors[i]).toContain(problem);
    });
    expect(errors[invalid.length]).toBe(`The record on stdin line ${invalid.length + 2} (without a usable order_id) is invalid and was not sent to Kroll: order_id is empty.`);
    const submittedNow = submitted(under.box);
    for (const [id] of invalid) expect(submittedNow).not.toContain(id);
    expect(submittedNow.filter((po) => po === '')).toEqual([]);
    expect(placedByPo(under.box).get('V-1')).toHaveLength(1);
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([{ recordCount: 8, rejectedRecordCount: 7 }]);
  });

  it("takes Kroll's refusals as final rejections, and a partial acceptance as placed, telling the rejected lines", async () => {
    const products = Array.from({ length: 300 }, (_, i) => productAt(SEED, i));
    const disco = products.find((p) => p.productId.trim() !== '' && p.status === 'Disco' && p.inventory !== null)!;
    const stock = under.inStock[3]!;
    const partial = request('K-1', under, {
      lines: [
        { sku: stock.sku, quantity: 1 },
        { sku: disco.sku, quantity: disco.inventory!.quantityAvailable + 2 },
      ],
    });
    const unknownSku = request('K-2', under, { lines: [{ sku: 'NOPE-12345', quantity: 1 }] });
    const badZip = request('K-3', under, { ship_to: { ...request('K-3', under).ship_to, postal_code: '4101' } });
    const nothingToFill = request('K-4', under, { lines: [{ sku: disco.sku, quantity: disco.inventory!.quantityAvailable + 1 }] });
    const sent = [recordMessage(partial), recordMessage(unknownSku), recordMessage(badZip), recordMessage(nothingToFill), stateMessage(1)];
    const run = await write(under, sent);

    expect(run.code).toBe(0);
    const placed = placedByPo(under.box);
    expect(placed.get('K-1')!.map((p) => p.fulfillmentStatus)).toEqual(['OrderPartiallyAccepted']);
    expect(placed.has('K-2')).toBe(false);
    expect(placed.has('K-3')).toBe(false);
    const confirmation = placed.get('K-1')![0]!.order.orderConfirmationNumber;
    expect(logsOf(run.messages, 'WARN')).toContain(
      `Order K-1 (stdin line 1) partially accepted by Kroll: confirmation number ${confirmation}; lines Kroll rejected: line 2 ${disco.sku} ` +
        `(${disco.inventory!.quantityAvailable + 2} requested, ${disco.inventory!.quantityAvailable} available): Discontinued: cannot be backordered; ${disco.inventory!.quantityAvailable} available.`,
    );
    expect(errorLogs(run)).toEqual([
      'Order K-2 (stdin line 2) rejected by Kroll, not placed: error 202: Line 1: SKU "NOPE-12345" was not found.',
      `Order K-3 (stdin line 3) rejected by Kroll, not placed: error 203: The ship-to address is not valid: "4101" is not a US ZIP code.`,
      `Order K-4 (stdin line 4) rejected by Kroll, not placed: No line of the order can be filled; the order was not placed ` +
        `(line 1 ${disco.sku} (${disco.inventory!.quantityAvailable + 1} requested, ${disco.inventory!.quantityAvailable} available): Discontinued: cannot be backordered; ${disco.inventory!.quantityAvailable} available).`,
    ]);
    expect(placed.has('K-4')).toBe(false);
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([{ recordCount: 4, rejectedRecordCount: 3 }]);
  });

  it('places nothing new when the same input is written again: Kroll answers each order as a duplicate', async () => {
    const records = [request('D-1', under), request('D-2', under), request('D-3', under, { lines: [{ sku: 'NOPE-1', quantity: 1 }] }), request('D-4', under, { lines: [] })];
    const sent = [recordMessage(records[0]!), recordMessage(records[1]!), stateMessage(1), recordMessage(records[2]!), recordMessage(records[3]!), stateMessage(2)];
    const first = await write(under, sent);
    const placedBefore = under.box.api.placedOrders().length;
    const second = await write(under, sent);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(under.box.api.placedOrders()).toHaveLength(placedBefore);
    const placed = placedByPo(under.box);
    for (const id of ['D-1', 'D-2']) {
      expect(placed.get(id), id).toHaveLength(1);
      const confirmation = placed.get(id)![0]!.order.orderConfirmationNumber;
      expect(logsOf(second.messages, 'INFO').some((l) => l.startsWith(`Order ${id} (stdin line ${id === 'D-1' ? 1 : 2}) is already with Kroll under confirmation number ${confirmation} (DuplicatePurchaseOrder): it was placed before`))).toBe(true);
    }
    // The same answers both times: duplicates count as accepted, rejections as rejected.
    for (const run of [first, second]) {
      expect(stateEchoProblems(sent, run.messages)).toEqual([]);
      expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([
        { recordCount: 2, rejectedRecordCount: 0 },
        { recordCount: 2, rejectedRecordCount: 2 },
      ]);
    }
  });

  it('sends an order that appears twice in one write once, never two at a time, and says when the copies differ', async () => {
    const a = request('S-1', under);
    const changed = { ...a, lines: [{ sku: under.inStock[9]!.sku, quantity: 5 }] };
    const sent = [recordMessage(a), recordMessage({ ...a, order_id: ' S-1 ' }), recordMessage(request('S-2', under)), recordMessage(changed), stateMessage(1)];
    const run = await write(under, sent, { ...under.config, concurrency: 4 });

    expect(run.code).toBe(0);
    expect(submitted(under.box).filter((po) => po === 'S-1')).toHaveLength(1);
    expect(placedByPo(under.box).get('S-1')!.map((p) => p.request.detailLines)).toEqual([expectedRequest(a).detailLines]);
    const confirmation = placedByPo(under.box).get('S-1')![0]!.order.orderConfirmationNumber;
    expect(logsOf(run.messages, 'INFO')).toContain(
      `Order S-1 (stdin line 2) was placed earlier in this write (stdin line 1), under confirmation number ${confirmation}: counted as a repeat, not sent again.`,
    );
    expect(logsOf(run.messages, 'WARN')).toContain(
      `Order S-1 (stdin line 4) was placed earlier in this write (stdin line 1), under confirmation number ${confirmation}: counted as a repeat, not sent again. ` +
        "Its fields differ from the earlier record's: Kroll keeps the order as first placed.",
    );
    // The repeats are told as such, not as orders "already with Kroll".
    expect(logsOf(run.messages, 'INFO').at(-1)).toBe(
      'The write is complete: 4 records read: 2 orders placed, 2 repeats of an order placed earlier in this write, 0 already with Kroll, 0 rejected (0 invalid, 0 by Kroll); 1 state acknowledged.',
    );
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([{ recordCount: 4, rejectedRecordCount: 0 }]);
  });

  it('sends the second of two records with one number when Kroll rejected the first: it may be the corrected order', async () => {
    const wrong = request('R-1', under, { lines: [{ sku: 'NOPE-777', quantity: 1 }] });
    const fixed = request('R-1', under);
    const run = await write(under, [recordMessage(wrong), recordMessage(fixed), stateMessage(1)], { ...under.config, concurrency: 2 });

    expect(run.code).toBe(0);
    expect(submitted(under.box).filter((po) => po === 'R-1')).toHaveLength(2);
    expect(placedByPo(under.box).get('R-1')!.map((p) => p.request.detailLines)).toEqual([expectedRequest(fixed).detailLines]);
    expect(echoedStates(run).map((s) => s.destinationStats)).toEqual([{ recordCount: 2, rejectedRecordCount: 1 }]);
  });

  it('never has more orders with Kroll at once than the concurrency allows, and uses it', async () => {
    const before = under.box.api.requests().length;
    const records = Array.from({ length: 9 }, (_, i) => request(`C-${i + 1}`, under));
    const run = await write(under, [...records.map((r) => recordMessage(r)), stateMessage(1)], { ...under.config, concurrency: 3 });
    expect(run.code).toBe(0);

    const calls = under.box.api.requests().slice(before).filter((r) => r.operation === 'SubmitPurchaseOrder');
    expect(calls).toHaveLength(9);
    const events = calls.flatMap((c) => [[c.receivedAtMs, 1] as const, [c.answeredAtMs!, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let open = 0;
    let most = 0;
    for (const [, step] of events) most = Math.max(most, (open += step));
    expect(most).toBe(3);
  });

  it('stops at the first invalid record when fail_on_invalid_record is set, after answering those before it', async () => {
    const sent = [recordMessage(request('F-1', under)), stateMessage(1), recordMessage({ ...request('F-2', under), lines: [] }), recordMessage(request('F-3', under)), stateMessage(2)];
    const run = await write(under, sent, { ...under.config, fail_on_invalid_record: true });

    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: 'Order F-2 (stdin line 3) is invalid: lines is empty: an order needs at least one line. The write stopped there, as fail_on_invalid_record asks; fix the record and run it again.',
      }),
    ]);
    expect(placedByPo(under.box).has('F-1')).toBe(true);
    expect(submitted(under.box)).not.toContain('F-3');
    // The record it stopped at is without an answer, and counted there only: the totals add up to the records read.
    expect(logsOf(run.messages, 'WARN').at(-1)).toBe(
      'The write stopped before its end: 2 records read: 1 order placed, 0 already with Kroll, 0 rejected (0 invalid, 0 by Kroll), 1 without an answer; 1 state acknowledged. ' +
        'The next write takes the record without an answer again (Kroll answers an order it already has as a duplicate).',
    );
    expect(echoedStates(run).map((s) => s.stream!.stream_state)).toEqual([{ position: 1 }]);
  });

  it('stops at a line that is not a message, naming it, after answering the records before it', async () => {
    const head = [recordMessage(request('L-1', under)), stateMessage(1)];
    const input = `${head.map((m) => JSON.stringify(m)).join('\n')}\n{"type": "RECORD", oops\n${JSON.stringify(recordMessage(request('L-2', under)))}\n${JSON.stringify(stateMessage(2))}\n`;
    const run = await write(under, input);

    expect(run.code).toBe(1);
    expect(errorsOf(run.messages)).toEqual([expect.objectContaining({ failure_type: 'system_error', message: expect.stringMatching(/^stdin line 3 is not valid JSON at column 20: /) })]);
    expect(placedByPo(under.box).has('L-1')).toBe(true);
    expect(submitted(under.box)).not.toContain('L-2');
    expect(echoedStates(run)).toHaveLength(1);
  });

  it('stops on SIGTERM while it waits for input: what was answered is echoed, exit 143', async () => {
    const started = await under.destination.start('write', { config: under.config, catalog: CATALOG });
    let echoed: () => void = () => undefined;
    const firstEcho = new Promise<void>((resolve) => (echoed = resolve));
    started.onLine((line) => {
      if (line.includes('"STATE"')) echoed();
    });
    started.write(lines([recordMessage(request('G-1', under)), stateMessage(1), recordMessage({ ...request('G-2', under), lines: [] })]));
    await firstEcho;
    started.kill('SIGTERM'); // stdin still open: the platform cancelled the sync
    const run = await started.finished;

    expect(run.code).toBe(143);
    expect(errorsOf(run.messages)).toEqual([expect.objectContaining({ failure_type: 'transient_error', message: 'Stopped by SIGTERM before it finished.' })]);
    expect(echoedStates(run)).toHaveLength(1);
    expect(placedByPo(under.box).has('G-1')).toBe(true);
  });

  it('refuses a catalog of other streams or of a mode orders cannot have, before reading anything', async () => {
    const input = [recordMessage(request('X-1', under)), stateMessage(1)];
    const catalogs: [unknown, RegExp][] = [
      [{ streams: [{ ...CATALOG.streams[0], stream: { ...CATALOG.streams[0]!.stream, name: 'orders' } }] }, /configures the stream 'orders'; destination-kroll writes one stream, fulfillment_requests/],
      [{ streams: [{ ...CATALOG.streams[0], destination_sync_mode: 'overwrite' }] }, /destination_sync_mode 'overwrite'; destination-kroll supports append and append_dedup/],
    ];
    for (const [catalog, message] of catalogs) {
      const run = await under.destination.run('write', { config: under.config, catalog, stdin: input.map((m) => JSON.stringify(m)).join('\n') });
      expect(run.code).toBe(1);
      expect(errorsOf(run.messages)).toEqual([expect.objectContaining({ failure_type: 'config_error', message: expect.stringMatching(message) })]);
      expect(echoedStates(run)).toEqual([]);
    }
    expect(submitted(under.box)).not.toContain('X-1');
  });

  it('counts records of a stream the catalog does not configure as rejected, with one warning', async () => {
    const other = { type: 'STATE' as const, state: { type: 'STREAM' as const, stream: { stream_descriptor: { name: 'audit' }, stream_state: { n: 1 } } } };
    const sent = [recordMessage({ any: 1 }, 'audit'), recordMessage({ any: 2 }, 'audit'), other, recordMessage(request('O-1', under)), stateMessage(1)];
    const run = await write(under, sent);
    expect(run.code).toBe(0);
    expect(logsOf(run.messages, 'WARN')).toEqual(["Records of the stream 'audit' (first on stdin line 1) are not written: the catalog configures 'fulfillment_requests' only. They count as rejected."]);
    expect(stateEchoProblems(sent, run.messages)).toEqual([]);
    expect(echoedStates(run).map((s) => [s.stream!.stream_descriptor.name, s.destinationStats])).toEqual([
      ['audit', { recordCount: 2, rejectedRecordCount: 2 }],
      [ 'fulfillment_requests', { recordCount: 1, rejectedRecordCount: 0 }],
    ]);
  });

  it('takes a stream as its namespace and name: records of another namespace are not written, and counted in their own state', async () => {
    const inNamespace = (data: object, namespace: string | undefined) => {
      const message = recordMessage(data);
      if (namespace !== undefined) message.record!.namespace = namespace;
      return message;
    };
    const stateIn = (namespace: string | undefined, position: number) => {
      const message = stateMessage(position);
      if (namespace !== undefined) message.state!.stream!.stream_descriptor.namespace = namespace;
      return message;
    };
    // The catalog configures fulfillment_requests without a namespace: a record in namespace "x" is another stream's.
    const sent = [inNamespace(request('NS-1', under), 'x'), inNamespace(request('NS-2', under), undefined), stateIn('x', 1), stateIn(undefined, 2)];
    const run = await write(under, sent);
    expect(run.code).toBe(0);
    expect(submitted(under.box)).not.toContain('NS-1');
    expect(placedByPo(under.box).get('NS-2')).toHaveLength(1);
    expect(logsOf(run.messages, 'WARN')).toEqual([
      "Records of the stream 'fulfillment_requests' in namespace 'x' (first on stdin line 1) are not written: the catalog configures 'fulfillment_requests' only. They count as rejected.",
    ]);
    expect(echoedStates(run).map((s) => [s.stream!.stream_descriptor.namespace, s.destinationStats])).toEqual([
      ['x', { recordCount: 1, rejectedRecordCount: 1 }],
      [undefined, { recordCount: 1, rejectedRecordCount: 0 }],
    ]);

    // And the other way round: a catalog of namespace "shop" writes its records only.
    const shop = { streams: [{ ...CATALOG.streams[0], stream: { ...CATALOG.streams[0]!.stream, namespace: 'shop' } }] };
    const second = [inNamespace(request('NS-3', under), 'shop'), inNamespace(request('NS-4', under), undefined), stateIn('shop', 3)];
    const other = await under.destination.run('write', { config: under.config, catalog: shop, stdin: lines(second) });
    expect(other.code).toBe(0);
    expect(placedByPo(under.box).get('NS-3')).toHaveLength(1);
    expect(submitted(under.box)).not.toContain('NS-4');
    expect(logsOf(other.messages, 'WARN')).toEqual([
      "Records of the stream 'fulfillment_requests' (first on stdin line 2) are not written: the catalog configures 'fulfillment_requests' in namespace 'shop' only. They count as rejected.",
    ]);
    expect(echoedStates(other).map((s) => s.destinationStats)).toEqual([{ recordCount: 1, rejectedRecordCount: 0 }]);
  });
});
