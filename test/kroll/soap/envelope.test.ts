/** Request envelopes: members in WCF's order and namespaces by construction, values escaped. */
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/kroll/soap/contract.js';
import { RequestShapeError, requestEnvelope } from '../../../src/kroll/soap/envelope.js';
import { parseXml, type XmlElement } from '../../../src/kroll/soap/xml.js';

const DC = 'http://schemas.datacontract.org/2004/07/Kroll.Dealer.EBusiness';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const credentials = { dealerAccountNumber: '104233', userId: 'buyer@example.com', password: 'p&ss<word>"' };

// Ordinal order, code unit by code unit (upper case sorts before lower case), as WCF orders them.
const ordinal = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function request(xml: string): XmlElement {
  const op = parseXml(xml).children[0]!.children[0]!;
  expect(op.ns).toBe('http://tempuri.org/');
  const req = op.children[0]!;
  expect([req.ns, req.name]).toEqual(['http://tempuri.org/', 'request']);
  return req;
}

const order = {
  purchaseOrderNumber: 'A&B <1>',
  shipVia: 'UPSGround' as const,
  paymentMethod: 'AccountTerms' as const,
  shipToName: "O'Brien \"Tactical\"",
  shipToAddress1: '1 Main St\r\nRear door',
  shipToCity: 'Albany',
  shipToStateProvince: 'NY',
  shipToPostalCode: '12207',
  shipToCountryCode: 'US',
  detailLines: [
    { sku: 'STRE-69280', quantityOrdered: 2, lineNumber: 1 },
    { lineNumber: 2, sku: 'ABCD-10001', quantityOrdered: 1 },
  ],
};

describe('requestEnvelope', () => {
  it('writes every member of SubmitPurchaseOrder in ordinal order in the data-contract namespace, nested ones too', () => {
    const req = request(requestEnvelope(OPERATIONS.submitPurchaseOrder, order, credentials));
    const names = req.children.map((c) => c.name);
    expect(names).toEqual(ordinal(names));
    expect(names).toEqual(ordinal(Object.values(OPERATIONS.submitPurchaseOrder.request.members).map((m) => m.wire)));
    expect(names.indexOf('ShipToTelephoneNumber')).toBeLessThan(names.indexOf('ShipVia'));
    for (const c of req.children) expect(c.ns).toBe(DC);
    const lines = req.children.find((c) => c.name === 'DetailLines')!.children;
    expect(lines.map((l) => [l.ns, l.name])).toEqual([[DC, 'DetailLine'], [DC, 'DetailLine']]);
    for (const l of lines) expect(l.children.map((c) => c.name)).toEqual(['LineNumber', 'QuantityOrdered', 'Sku']);
  });

  it('fills in the credentials, defaults and nils, and escapes values so they read back the same', () => {
    const req = request(requestEnvelope(OPERATIONS.submitPurchaseOrder, order, credentials));
    const member = (name: string) => req.children.find((c) => c.name === name)!;
    expect(member('Password').text).toBe(credentials.password);
    expect(member('UserId').text).toBe(credentials.userId);
    expect(member('PurchaseOrderNumber').text).toBe('A&B <1>');
    expect(member('ShipToName').text).toBe(order.shipToName);
    expect(member('ShipToAddress1').text).toBe('1 Main St\r\nRear door');
    expect(member('IsDropShip').text).toBe('false');
    const nil = member('ExternalPO');
    expect(nil.attributes).toEqual([{ ns: XSI, name: 'nil', value: 'true' }]);
  });

  it('writes string arrays as <string> items in the Serialization/Arrays namespace', () => {
    const req = request(requestEnvelope(OPERATIONS.checkProductAvailability, { skuList: ['A-1', 'B-2'] }, credentials));
    expect(req.children.map((c) => c.name)).toEqual(['DealerAccountNumber', 'Password', 'SkuList', 'UserId']);
    const items = req.children[2]!.children;
    expect(items.map((i) => [i.ns, i.name, i.text])).toEqual([[ARRAYS, 'string', 'A-1'], [ARRAYS, 'string', 'B-2']]);
  });

  it('writes query dates as New York local time without an offset', () => {
    const req = request(
      requestEnvelope(
        OPERATIONS.getShipments,
        { shippedFrom: new Date('2026-01-15T17:00:00Z'), shippedTo: new Date('2026-07-04T16:05:00Z'), pageNumber: 1, pageSize: 10, purchaseOrderNumber: null },
        credentials,
      ),
    );
    const member = (name: string) => req.children.find((c) => c.name === name)!.text;
    expect([member('ShippedFrom'), member('ShippedTo')]).toEqual(['2026-01-15T12:00:00', '2026-07-04T12:05:00']);
  });

  it('refuses a request it cannot write, naming the member but never a value', () => {
    const missing = { ...order, shipToCity: undefined } as unknown as typeof order;
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, missing, credentials)).toThrow(new RequestShapeError('SubmitPurchaseOrderRequest.ShipToCity is required'));
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, { ...order, shipVia2: 'x' }, credentials)).toThrow(/has no member "shipVia2"/);
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, { ...order, shipToName: 'bell\u0007' }, credentials)).toThrow(
      /ShipToName holds a control character/,
    );
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, { ...order, shipToName: JSON.parse('"Dana\\uD800"') as string }, credentials)).toThrow(
      /ShipToName holds a control character or a lone surrogate/,
    );
    const lines = { ...order, detailLines: [{ lineNumber: 1.5, quantityOrdered: 1, sku: 'X' }] };
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, lines, credentials)).toThrow('SubmitPurchaseOrderRequest.DetailLines[0].LineNumber must be an integer');
    const tooMany = { ...order, detailLines: [{ lineNumber: 1, quantityOrdered: 2 ** 31, sku: 'X' }] };
    expect(() => requestEnvelope(OPERATIONS.submitPurchaseOrder, tooMany, credentials)).toThrow(
      'SubmitPurchaseOrderRequest.DetailLines[0].QuantityOrdered must be an integer from -2147483648 to 2147483647 (xs:int)',
    );
  });
});
