/**
 * The dealer API client against the sandbox's SOAP service over 127.0.0.1: each operation's typed
 * result equals the generator's truth, and every envelope the client sent was read by the WCF-like
 * service exactly as meant (nothing out of order, nothing dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, KrollError } from '../../../src/protocol/errors.js';
import { KrollApiError, describeOperations, type KrollApiClient, type KrollPurchaseOrderRequest } from '../../../src/kroll/soap/index.js';
import { productAt, type SandboxProduct } from '../../../src/sandbox/products/index.js';
import { allPages, apiClient, misread } from '../../helpers/api.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';

const SEED = 11;
const PRODUCTS = 2000;
const NOW = new Date('2026-03-20T12:00:00Z');
const FROM = new Date('2025-12-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');

let box: Sandbox;
let client: KrollApiClient;

beforeAll(async () => {
  box = await sandbox({ seed: SEED, products: PRODUCTS, now: NOW });
  client = apiClient(box);
});

afterAll(async () => {
  await client?.close();
  await box?.close();
});

const byDateThenId = <T>(date: (t: T) => string, id: (t: T) => string) => (a: T, b: T) =>
  Date.parse(date(a)) - Date.parse(date(b)) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);

function products(count: number): SandboxProduct[] {
  return Array.from({ length: count }, (_, i) => productAt(SEED, i));
}

/** A purchase order the sandbox accepts: SKUs of products in stock (status Stock). */
function order(po: string, overrides: Partial<KrollPurchaseOrderRequest> = {}): KrollPurchaseOrderRequest {
  const inStock = products(200).filter((p) => p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) >= 5);
  return {
    purchaseOrderNumber: po,
    externalPo: `EXT-${po}`,
    paymentMethod: 'AccountTerms',
    shipVia: 'UPSGround',
    shipToName: 'Dana Whitfield',
    shipToAddress1: '12 Harbor Street',
    shipToAddress2: 'Suite 4',
    shipToCity: 'Portland',
    shipToStateProvince: 'ME',
    shipToPostalCode: '04101',
    shipToCountryCode: 'US',
    shipToTelephoneNumber: '207-555-0142',
    confirmToName: 'Dana Whitfield',
    confirmToEmailAddress: 'dana@example.com',
    isDropShip: true,
    signatureRequired: true,
    detailLines: [
      { lineNumber: 1, quantityOrdered: 2, sku: inStock[0]!.sku },
      { lineNumber: 2, quantityOrdered: 5, sku: inStock[1]!.sku },
    ],
    ...overrides,
  };
}

describe('list operations', () => {
  it('getShipments pages through every shipment in the window, by date then id, as the generator made them', async () => {
    const expected = [...box.api.book.shipments()]
      .filter((s) => Date.parse(s.shipDate) >= FROM.getTime() && Date.parse(s.shipDate) < TO.getTime())
      .sort(byDateThenId((s) => s.shipDate, (s) => s.shipmentId));
    expect(expected.length).toBeGreaterThan(100);

    const pages: { totalCount: number; hasMore: boolean; pageNumber: number; pageSize: number; count: number }[] = [];
    const got = await allPages(async (page) => {
      const p = await client.getShipments({ from: FROM, to: TO, page, pageSize: 37 });
      pages.push({ totalCount: p.totalCount, hasMore: p.hasMore, pageNumber: p.pageNumber, pageSize: p.pageSize, count: p.items.length });
      return p;
    });
    expect(got).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / 37));
    pages.forEach((p, i) => {
      expect(p).toMatchObject({ totalCount: expected.length, pageNumber: i + 1, pageSize: 37, hasMore: i < pages.length - 1 });
    });

    // Partial shipments, several tracking numbers, a customer pick-up without carrier or tracking.
    expect(got.some((s) => !s.isComplete)).toBe(true);
    expect(got.some((s) => s.trackingNumbers.length > 1)).toBe(true);
    const pickUp = got.find((s) => s.shipVia === 'CustomerPickUp');
    expect(pickUp).toMatchObject({ carrier: null, trackingNumbers: [], freightAmount: 0 });
  });

  it('getInvoices and getPurchaseOrders equal the truth too, nil members null', async () => {
    const invoices = [...box.api.book.invoices()]
      .filter((v) => Date.parse(v.invoiceDate) >= FROM.getTime() && Date.parse(v.invoiceDate) < TO.getTime())
      .sort(byDateThenId((v) => v.invoiceDate, (v) => v.invoiceNumber));
    const gotInvoices = await allPages((page) => client.getInvoices({ from: FROM, to: TO, page, pageSize: 100 }));
    expect(gotInvoices).toEqual(invoices);
    expect(gotInvoices.some((v) => v.dueDate === null && v.paymentTerms === 'Credit Card')).toBe(true);
    expect(gotInvoices.some((v) => v.taxAmount > 0 && v.handlingAmount > 0)).toBe(true);
    for (const v of gotInvoices) {
      expect(Math.round(v.totalAmount * 100)).toBe(Math.round((v.productAmount + v.freightAmount + v.handlingAmount + v.taxAmount) * 100));
    }

    const orders = [...box.api.book.orders()]
      .filter((o) => Date.parse(o.orderDate) >= FROM.getTime() && Date.parse(o.orderDate) < TO.getTime())
      .sort(byDateThenId((o) => o.orderDate, (o) => o.orderConfirmationNumber));
    const gotOrders = await allPages((page) => client.getPurchaseOrders({ from: FROM, to: TO, page, pageSize: 500 }));
    expect(gotOrders).toEqual(orders);
    expect(new Set(gotOrders.map((o) => o.orderSource))).toEqual(new Set(['Api', 'Web', 'Phone']));
    expect(gotOrders.find((o) => o.orderSource === 'Phone')?.externalPo).toBeNull();
    expect(gotOrders.some((o) => o.lines.some((l) => l.quantityBackordered > 0) || o.orderStatus === 'Backordered')).toBe(true);
  });

  it('returns one-element lists as lists, and parses numbers and booleans', async () => {
    const one = await client.getShipments({ from: FROM, to: TO, page: 3, pageSize: 1 });
    expect(one.items).toHaveLength(1);
    expect(one.hasMore).toBe(true);
    const single = [...box.api.book.shipments()].find((s) => s.lines.length === 1 && s.trackingNumbers.length === 1)!;
    const [found] = (await client.getShipments({ from: new Date(single.shipDate), to: new Date(Date.parse(single.shipDate) + 1000), page: 1, pageSize: 10 })).items;
    expect(found).toEqual(single);
    expect(Array.isArray(found!.lines) && Array.isArray(found!.trackingNumbers)).toBe(true);
    expect(typeof found!.freightAmount).toBe('number');
    expect(typeof found!.isComplete).toBe('boolean');
    expect(typeof found!.lines[0]!.quantityShipped).toBe('number');
  });

  it('filters by purchase order number, and an empty window or a page past the end is empty', async () => {
    const withTwo = [...box.api.book.orders()].find((o) => [...box.api.book.shipments()].filter((s) => s.purchaseOrderNumber === o.purchaseOrderNumber).length >= 2)!;
    const shipments = await client.getShipments({ from: FROM, to: TO, page: 1, pageSize: 50, purchaseOrderNumber: withTwo.purchaseOrderNumber });
    expect(shipments.items.map((s) => s.purchaseOrderNumber)).toEqual(shipments.items.map(() => withTwo.purchaseOrderNumber));
    expect(shipments.totalCount).toBeGreaterThanOrEqual(2);
    const invoices = await client.getInvoices({ from: FROM, to: TO, page: 1, pageSize: 50, purchaseOrderNumber: withTwo.purchaseOrderNumber });
    expect(invoices.items.map((v) => v.shipmentId).sort()).toEqual(shipments.items.filter((s) => invoices.items.some((v) => v.shipmentId === s.shipmentId)).map((s) => s.shipmentId).sort());

    const none = await client.getShipments({ from: new Date('2020-01-01'), to: new Date('2020-02-01'), page: 1, pageSize: 10 });
    expect(none).toEqual({ items: [], pageNumber: 1, pageSize: 10, totalCount: 0, hasMore: false });
    const past = await client.getShipments({ from: FROM, to: TO, page: 1000, pageSize: 100 });
    expect(past.items).toEqual([]);
    expect(past.hasMore).toBe(false);
  });

  it('refuses a page size the contract does not allow before sending anything', async () => {
    await expect(client.getShipments({ from: FROM, to: TO, page: 1, pageSize: 501 })).rejects.toThrow(RangeError);
    await expect(client.getShipments({ from: FROM, to: TO, page: 0, pageSize: 10 })).rejects.toThrow(RangeError);
  });
});

describe('CheckProductAvailability, CheckOrderStatus, ValidateAddress', () => {
  it('answers availability for every SKU asked, in order, from the inventory export', async () => {
    const all = products(PRODUCTS);
    const withInventory = all.filter((p) => p.inventory !== null).slice(0, 40);
    const withoutInventory = all.find((p) => p.inventory === null)!;
    const beyond = productAt(SEED, PRODUCTS + 3).sku; // a real SKU of the seed, but not in this catalog
    const skus = [...withInventory.map((p) => p.sku), withoutInventory.sku, 'NOPE-12345', beyond];
    const got = await client.checkProductAvailability(skus);
    expect(got).toEqual([
      ...withInventory.map((p) => ({
        sku: p.sku,
        skuFound: true,
        quantityAvailable: p.inventory!.quantityAvailable,
        dealerCost: p.inventory!.dealerCost,
        suggestedRetailPrice: p.inventory!.msrp,
        mapPrice: p.inventory!.mapPrice,
        weight: p.inventory!.weight,
        length: p.inventory!.length,
        width: p.inventory!.width,
        height: p.inventory!.height,
      })),
      ...[withoutInventory.sku, 'NOPE-12345', beyond].map((sku, i) => ({
        sku,
        skuFound: i === 0,
        quantityAvailable: 0,
        dealerCost: null,
        suggestedRetailPrice: null,
        mapPrice: null,
        weight: null,
        length: null,
        width: null,
        height: null,
      })),
    ]);
    expect(await client.checkProductAvailability([all[5]!.sku])).toHaveLength(1);
    await expect(client.checkProductAvailability(Array.from({ length: 1001 }, () => 'X'))).rejects.toThrow(RangeError);
  });

  it('reports an order status as the generator has it; an unknown number is error 400', async () => {
    const truth = [...box.api.book.orders()].find((o) => o.orderStatus === 'PartiallyShipped') ?? [...box.api.book.orders()][0]!;
    const got = await client.checkOrderStatus(truth.orderConfirmationNumber);
    expect(got).toEqual({
      authenticationFailed: false,
      errorCode: 0,
      errorMessage: null,
      lines: truth.lines,
      orderConfirmationNumber: truth.orderConfirmationNumber,
      orderDate: truth.orderDate,
      orderStatus: truth.orderStatus,
      purchaseOrderNumber: truth.purchaseOrderNumber,
    });
    const error = await client.checkOrderStatus('999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KrollApiError);
    expect(error).toBeInstanceOf(KrollError);
    expect(error).toMatchObject({ code: 400, operation: 'CheckOrderStatus', failureType: 'system_error' });
    expect((error as Error).message).toMatch(/error 400: Order 999 was not found/);
  });

  it('validates an address', async () => {
    expect(await client.validateAddress({ address1: '12 Harbor Street', city: 'Portland', state: 'ME', postalCode: '04101', country: 'US' })).toEqual({
      authenticationFailed: false,
      errorCode: 0,
      errorMessage: null,
      addressValid: true,
      returnedAddress1: '12 HARBOR ST',
      returnedAddressCity: 'PORTLAND',
      returnedAddressState: 'ME',
      returnedAddressPostalCode: '04101',
      score: 90,
    });
    expect(await client.validateAddress({ address1: '1 Elm', address2: null, city: 'Nowhere', state: 'ZZ', postalCode: '1', country: 'US' })).toMatchObject({
      addressValid: false,
      returnedAddress1: null,
      score: 0,
    });
  });
});

describe('SubmitPurchaseOrder', () => {
  it('places an order that lands field by field, shows up at once, and answers a reused number as a duplicate', async () => {
    const sent = order('T-1001');
    const result = await client.submitPurchaseOrder(sent);
    expect(result).toMatchObject({ fulfillmentStatus: 'OrderAccepted', errorCode: 0, purchaseOrderNumber: 'T-1001', rejectedLines: [] });
    expect(result.orderConfirmationNumber).toMatch(/^\d+$/);
    const facts = sent.detailLines.map((l) => products(200).find((p) => p.sku === l.sku)!);
    expect(result.totalProductAmount).toBe(
      sent.detailLines.reduce((sum, l, i) => sum + Math.round(facts[i]!.inventory!.dealerCost * 100) * l.quantityOrdered, 0) / 100,
    );

    const landed = box.api.placedOrders().find((p) => p.request.purchaseOrderNumber === 'T-1001')!;
    expect(landed.request).toEqual({
      ...sent,
      bypassAddressValidation: false,
      fulfillmentMethod: null,
      krollVaultCreditCardDescription: null,
      shipToAddress3: null,
    });
    expect(landed.order.orderConfirmationNumber).toBe(result.orderConfirmationNumber);

    const status = await client.checkOrderStatus(result.orderConfirmationNumber!);
    expect(status).toMatchObject({ orderStatus: 'Open', purchaseOrderNumber: 'T-1001' });
    const listed = await client.getPurchaseOrders({ from: new Date(Date.parse(status.orderDate) - 1000), to: new Date(Date.parse(status.orderDate) + 1000), page: 1, pageSize: 10 });
    expect(listed.items.find((o) => o.purchaseOrderNumber === 'T-1001')).toMatchObject({
      orderConfirmationNumber: result.orderConfirmationNumber,
      orderSource: 'Api',
      orderStatus: 'Open',
      externalPo: 'EXT-T-1001',
    });

    const again = await client.submitPurchaseOrder({ ...sent, shipVia: 'FedExGround' });
    expect(again).toMatchObject({
      fulfillmentStatus: 'DuplicatePurchaseOrder',
      errorCode: 300,
      orderConfirmationNumber: result.orderConfirmationNumber,
      totalProductAmount: result.totalProductAmount,
    });
    expect(box.api.placedOrders().filter((p) => p.request.purchaseOrderNumber === 'T-1001')).toHaveLength(1);
  });

  it('answers a generated order number as a duplicate too', async () => {
    const generated = [...box.api.book.orders()][10]!;
    const result = await client.submitPurchaseOrder(order(generated.purchaseOrderNumber!));
    expect(result).toMatchObject({ fulfillmentStatus: 'DuplicatePurchaseOrder', orderConfirmationNumber: generated.orderConfirmationNumber });
  });

  it.each([
    ['an unknown ShipVia', 201, { shipVia: 'PonyExpress' }],
    ['an unknown SKU', 202, { detailLines: [{ lineNumber: 1, quantityOrdered: 1, sku: 'NOPE-12345' }] }],
    ['a bad ZIP code', 203, { shipToPostalCode: '4101' }],
    ['a missing city', 203, { shipToCity: '' }],
    ['a quantity of 0', 204, { detailLines: [{ lineNumber: 1, quantityOrdered: 0, sku: 'X' }] }],
    ['a credit card without its description', 200, { paymentMethod: 'CreditCard' }],
    ['no lines', 200, { detailLines: [] }],
  ] as const)('rejects %s with error %i and places nothing', async (_what, code, overrides) => {
    const po = `T-REJ-${code}-${Math.random().toString(36).slice(2, 8)}`;
    const error = await client.submitPurchaseOrder(order(po, overrides as Partial<KrollPurchaseOrderRequest>)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KrollApiError);
    expect(error).toMatchObject({ code, operation: 'SubmitPurchaseOrder' });
    expect((error as KrollApiError).result).toMatchObject({ fulfillmentStatus: 'OrderRejected', orderConfirmationNumber: null });
    expect(box.api.placedOrders().some((p) => p.request.purchaseOrderNumber === po)).toBe(false);
  });

  it('skips address checks when asked to, and takes a saved card', async () => {
    const result = await client.submitPurchaseOrder(
      order('T-1002', { shipToPostalCode: '4101', bypassAddressValidation: true, paymentMethod: 'CreditCard', krollVaultCreditCardDescription: 'Visa ending 4242' }),
    );
    expect(result.fulfillmentStatus).toBe('OrderAccepted');
  });

  it('applies the fulfillment method against the product data', async () => {
    const all = products(PRODUCTS);
    const stock = all.find((p) => p.status === 'Stock' && p.inventory !== null && p.inventory.quantityAvailable > 0)!;
    const disco = all.find((p) => p.status === 'Disco' && p.inventory !== null)!;
    const lines = [
      { lineNumber: 1, quantityOrdered: stock.inventory!.quantityAvailable + 3, sku: stock.sku },
      { lineNumber: 2, quantityOrdered: disco.inventory!.quantityAvailable + 1, sku: disco.sku },
    ];

    // Default: the stock line is accepted with a backorder; the discontinued one cannot be.
    const partial = await client.submitPurchaseOrder(order('T-1003', { detailLines: lines }));
    expect(partial).toMatchObject({
      fulfillmentStatus: 'OrderPartiallyAccepted',
      rejectedLines: [{ lineNumber: 2, sku: disco.sku, quantityRequested: lines[1]!.quantityOrdered, quantityAvailable: disco.inventory!.quantityAvailable }],
    });
    const status = await client.checkOrderStatus(partial.orderConfirmationNumber!);
    expect(status.lines).toEqual([{ lineNumber: 1, sku: stock.sku, quantityOrdered: lines[0]!.quantityOrdered, quantityBackordered: 3, quantityShipped: 0, quantityCanceled: 0 }]);

    // Reject if not all available: error 310 with the short lines, nothing placed.
    const error = await client
      .submitPurchaseOrder(order('T-1004', { detailLines: lines, fulfillmentMethod: 'RejectOrderIfAllProductsAreNotAvailable' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 310 });
    expect((error as KrollApiError).result).toMatchObject({ fulfillmentStatus: 'OrderRejected', rejectedLines: [{ lineNumber: 1 }, { lineNumber: 2 }] });

    // Nothing left to fill: OrderRejected as an answer.
    const rejected = await client.submitPurchaseOrder(order('T-1005', { detailLines: [lines[1]!] }));
    expect(rejected).toMatchObject({ fulfillmentStatus: 'OrderRejected', orderConfirmationNumber: null, rejectedLines: [{ lineNumber: 2 }] });
    expect(box.api.placedOrders().map((p) => p.request.purchaseOrderNumber)).not.toContain('T-1005');
  });
});

describe('authentication', () => {
  it.each([
    ['password', { password: 'not-the-key' }],
    ['user', { userId: 'someone@example.com' }],
    ['account', { accountNumber: '999999' }],
  ])('a wrong %s is a ConfigError that names the API credentials', async (_what, overrides) => {
    const wrong = apiClient(box, overrides);
    try {
      const error = await wrong.checkProductAvailability(['X']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/API username or API key rejected/);
      expect((error as Error).message).not.toContain('not-the-key');
    } finally {
      await wrong.close();
    }
  });
});

describe('the envelopes the client sent', () => {
  it('were all read by the WCF-like service as sent: every operation, nothing out of order, unknown or dropped', async () => {
    // Runs last in this file: covers every request above.
    const requests = box.api.requests();
    expect(new Set(requests.map((r) => r.operation))).toEqual(new Set(describeOperations().map((o) => o.operation)));
    expect(requests.every((r) => r.status === 200)).toBe(true);
    expect(misread(box)).toEqual([]);
  });
});
