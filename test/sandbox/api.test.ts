/**
 * The sandbox's SOAP service reproduces the WCF behaviour Kroll's has, tested with hand-written
 * envelopes over raw HTTP (undici), independently of the connector's client.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/kroll/soap/xml.js';
import { productAt } from '../../src/sandbox/products/index.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const TEMPURI = 'http://tempuri.org/';
const DC = 'http://schemas.datacontract.org/2004/07/Kroll.Dealer.EBusiness';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

let box: Sandbox;
let creds: { account: string; user: string; password: string };

beforeAll(async () => {
  box = await sandbox({ seed: 21, products: 200, now: new Date('2026-04-15T12:00:00Z') });
  const c = box.info.source_config as Record<string, string>;
  creds = { account: c.account_number!, user: c.api_username!, password: c.api_password! };
});

afterAll(async () => {
  await box?.close();
});

async function post(operation: string, requestXml: string, headers: Record<string, string> = {}) {
  const body = `<s:Envelope xmlns:s="${SOAP}"><s:Body><${operation} xmlns="${TEMPURI}">${requestXml}</${operation}></s:Body></s:Envelope>`;
  const res = await request(box.api.url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://tempuri.org/IEBusinessService/${operation}"`, ...headers },
    body,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, headers: res.headers };
}

/** The result element's members by local name (namespaces checked). */
function result(text: string): Map<string, XmlElement> {
  const body = parseXml(text).children.find((c) => c.ns === SOAP && c.name === 'Body')!;
  const members = body.children[0]!.children[0]!.children;
  for (const m of members) expect(m.ns).toBe(DC);
  return new Map(members.map((m) => [m.name, m]));
}

const el = (name: string, value: string, prefix = 'a') => `<${prefix}:${name}>${value}</${prefix}:${name}>`;

function shipmentsRequest(members: string[]): string {
  return `<request xmlns:a="${DC}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${members.join('')}</request>`;
}

const lastRecord = () => box.api.requests().at(-1)!;

describe('members out of alphabetical order', () => {
  it('are silently ignored: PageSize before PageNumber serves page 1, not the page asked for', async () => {
    const inOrder = [
      el('DealerAccountNumber', creds.account),
      el('PageNumber', '3'),
      el('PageSize', '5'),
      el('Password', creds.password),
      el('ShippedFrom', '2026-01-01T00:00:00'),
      el('ShippedTo', '2026-05-01T00:00:00'),
      el('UserId', creds.user),
    ];
    const right = await post('GetShipments', shipmentsRequest(inOrder));
    expect(right.status).toBe(200);
    expect(result(right.text).get('PageNumber')!.text).toBe('3');
    expect(lastRecord().outOfOrder).toEqual([]);

    const swapped = [inOrder[0]!, inOrder[2]!, inOrder[1]!, ...inOrder.slice(3)];
    const wrong = await post('GetShipments', shipmentsRequest(swapped));
    expect(wrong.status).toBe(200);
    const members = result(wrong.text);
    expect(members.get('ErrorCode')!.text).toBe('0');
    expect(members.get('PageNumber')!.text).toBe('1');
    expect(members.get('PageSize')!.text).toBe('5');
    const firstId = (m: Map<string, XmlElement>) => m.get('Shipments')!.children[0]!.children.find((c) => c.name === 'ShipmentId')!.text;
    expect(firstId(members)).not.toBe(firstId(result(right.text)));
    expect(lastRecord().outOfOrder).toEqual(['GetShipmentsRequest.PageNumber']);
  });

  it('can lose the credentials: UserId first makes every later member too late, so authentication fails', async () => {
    const res = await post(
      'CheckProductAvailability',
      shipmentsRequest([el('UserId', creds.user), el('DealerAccountNumber', creds.account), el('Password', creds.password)]),
    );
    expect(res.status).toBe(200);
    expect(result(res.text).get('AuthenticationFailed')!.text).toBe('true');
    expect(lastRecord()).toMatchObject({ authenticated: false, outOfOrder: ['CheckProductAvailabilityRequest.DealerAccountNumber', 'CheckProductAvailabilityRequest.Password'] });
  });
});

describe('SkuList', () => {
  const sku = productAt(21, 4).sku;
  const availability = (items: string) =>
    post(
      'CheckProductAvailability',
      shipmentsRequest([el('DealerAccountNumber', creds.account), el('Password', creds.password), `<a:SkuList xmlns:b="${ARRAYS}" xmlns:t="${TEMPURI}">${items}</a:SkuList>`, el('UserId', creds.user)]),
    );

  it('reads <string> items in the Serialization/Arrays namespace, whatever their prefix', async () => {
    const res = await availability(`<b:string>${sku}</b:string><string xmlns="${ARRAYS}">NOPE-10000</string>`);
    const list = result(res.text).get('List')!.children;
    expect(list.map((i) => i.children.find((c) => c.name === 'Sku')!.text)).toEqual([sku, 'NOPE-10000']);
    expect(lastRecord().dropped).toEqual([]);
  });

  it('silently drops items in any other namespace: an empty list and no error', async () => {
    const res = await availability(`<a:string>${sku}</a:string><t:string>${sku}</t:string><string>${sku}</string>`);
    expect(res.status).toBe(200);
    const members = result(res.text);
    expect(members.get('ErrorCode')!.text).toBe('0');
    expect(members.get('List')!.children).toEqual([]);
    expect(lastRecord().dropped).toHaveLength(3);
  });
});

describe('namespaces, not prefixes', () => {
  it('reads members in the data-contract namespace as a default namespace or under any prefix', async () => {
    const res = await post(
      'CheckOrderStatus',
      `<request><DealerAccountNumber xmlns="${DC}">${creds.account}</DealerAccountNumber>` +
        `<zz:OrderConfirmationNumber xmlns:zz="${DC}">${[...box.api.book.orders()][0]!.orderConfirmationNumber}</zz:OrderConfirmationNumber>` +
        `<Password xmlns="${DC}">${creds.password}</Password><q:UserId xmlns:q="${DC}">${creds.user}</q:UserId></request>`,
    );
    const members = result(res.text);
    expect(members.get('ErrorCode')!.text).toBe('0');
    expect(members.get('OrderStatus')!.text).toBe([...box.api.book.orders()][0]!.orderStatus);
  });

  it('ignores a member in the wrong namespace, as an unknown element', async () => {
    const res = await post(
      'CheckOrderStatus',
      shipmentsRequest([el('DealerAccountNumber', creds.account), `<OrderConfirmationNumber>4000001</OrderConfirmationNumber>`, el('Password', creds.password), el('UserId', creds.user)]),
    );
    expect(result(res.text).get('ErrorCode')!.text).toBe('400');
    expect(lastRecord().unknown).toEqual(['CheckOrderStatusRequest.OrderConfirmationNumber']);
  });
});

describe('errors', () => {
  it('answers bad credentials with HTTP 200 and AuthenticationFailed true', async () => {
    const res = await post('GetInvoices', shipmentsRequest([el('DealerAccountNumber', creds.account), el('Password', 'wrong'), el('UserId', creds.user)]));
    expect(res.status).toBe(200);
    const members = result(res.text);
    expect(members.get('AuthenticationFailed')!.text).toBe('true');
    expect(members.get('ErrorCode')!.text).toBe('100');
    expect(members.get('Invoices')!.children).toEqual([]);
  });

  it('answers an unknown SOAPAction with an ActionNotSupported s:Fault and HTTP 500', async () => {
    const res = await post('CancelOrder', shipmentsRequest([]));
    expect(res.status).toBe(500);
    const fault = parseXml(res.text).children[0]!.children[0]!;
    expect([fault.ns, fault.name]).toEqual([SOAP, 'Fault']);
    expect(fault.children.find((c) => c.name === 'faultcode')!.text).toBe('a:ActionNotSupported');
  });

  it('answers a value that is not its type with a DeserializationFailed fault', async () => {
    const res = await post('GetShipments', shipmentsRequest([el('DealerAccountNumber', creds.account), el('PageNumber', 'two')]));
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/<faultcode[^>]*>a:DeserializationFailed<\/faultcode>/);
  });

  it('answers malformed XML with 400 and a body that is not text/xml with 415', async () => {
    expect((await post('GetShipments', '<request><a:Broken></request>')).status).toBe(400);
    expect((await post('GetShipments', shipmentsRequest([]), { 'content-type': 'application/json' })).status).toBe(415);
  });

  it('answers a page size over 500 with a validation error code', async () => {
    const res = await post('GetPurchaseOrders', shipmentsRequest([el('DealerAccountNumber', creds.account), el('PageSize', '501'), el('Password', creds.password), el('UserId', creds.user)]));
    expect(result(res.text).get('ErrorCode')!.text).toBe('200');
  });

  it('answers every request with a s:Fault under --api-fault-rate 1', async () => {
    const faulty = await sandbox({ seed: 21, products: 20, apiFaultRate: 1 });
    try {
      const res = await request(faulty.api.url, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: '"x"' }, body: '<x/>' });
      expect(res.statusCode).toBe(500);
      expect(await res.body.text()).toMatch(/<s:Fault>.*InternalServiceFault/);
    } finally {
      await faulty.close();
    }
  });
});

describe('the service description', () => {
  it('is served at ?singleWsdl with the contract operations, actions, messages and member names', async () => {
    const res = await request(`${box.api.url}?singleWsdl`);
    expect(res.statusCode).toBe(200);
    const wsdl = parseXml(await res.body.text());
    const W = 'http://schemas.xmlsoap.org/wsdl/';
    expect([wsdl.ns, wsdl.name]).toEqual([W, 'definitions']);
    const named = (parent: XmlElement, name: string) => parent.children.filter((c) => c.name === name);
    const attr = (e: XmlElement, name: string) => e.attributes.find((a) => a.name === name)?.value;

    const portType = named(wsdl, 'portType')[0]!;
    const operations = named(portType, 'operation').map((o) => attr(o, 'name'));
    expect(operations.sort()).toEqual(
      ['CheckOrderStatus', 'CheckProductAvailability', 'GetInvoices', 'GetPurchaseOrders', 'GetShipments', 'SubmitPurchaseOrder', 'ValidateAddress'].sort(),
    );
    const binding = named(wsdl, 'binding')[0]!;
    for (const op of named(binding, 'operation')) {
      expect(attr(op.children[0]!, 'soapAction')).toBe(`http://tempuri.org/IEBusinessService/${attr(op, 'name')}`);
    }
    expect(named(wsdl, 'message')).toHaveLength(14);
    const address = named(named(named(wsdl, 'service')[0]!, 'port')[0]!, 'address')[0]!;
    expect(attr(address, 'location')).toBe(box.api.url);

    const schemas = named(named(wsdl, 'types')[0]!, 'schema');
    const dc = schemas.find((s) => attr(s, 'targetNamespace') === DC)!;
    const members = (type: string) =>
      named(dc, 'complexType')
        .find((t) => attr(t, 'name') === type)!
        .children[0]!.children.map((e) => attr(e, 'name'));
    expect(members('GetShipmentsRequest')).toEqual(['DealerAccountNumber', 'PageNumber', 'PageSize', 'Password', 'PurchaseOrderNumber', 'ShippedFrom', 'ShippedTo', 'UserId']);
    expect(members('Shipment')).toEqual([
      'Carrier', 'ExternalPO', 'FreightAmount', 'IsComplete', 'Lines', 'OrderConfirmationNumber', 'PurchaseOrderNumber', 'ShipDate', 'ShipVia', 'ShipmentId', 'TrackingNumbers',
    ]);
    expect(members('ProductAvailability')).toContain('SuggestedRetailPrice');
  });
});
