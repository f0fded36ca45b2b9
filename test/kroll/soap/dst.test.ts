/**
 * Kroll's dates are New York local time without an offset, on the wire both ways. Around the two
 * daylight-saving changes of 2026 (March 8 and November 1, 02:00 local) the client must send its
 * query bounds and read every date as the right UTC instant. The sandbox's "now" is pinned so
 * that its 90 days of history hold those dates.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KrollApiClient } from '../../../src/kroll/soap/index.js';
import { parseXml, type XmlElement } from '../../../src/kroll/soap/xml.js';
import { allPages, apiClient } from '../../helpers/api.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';
import { newYorkLocal } from '../../sandbox/helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// US Eastern time in 2026: UTC-5 until March 8 02:00 local (07:00 UTC), UTC-4 until November 1
// 02:00 local (06:00 UTC), then UTC-5 again.
const CHANGES = [
  { name: 'spring forward', now: '2026-03-20T12:00:00Z', change: Date.UTC(2026, 2, 8, 7), before: -5, after: -4 },
  { name: 'fall back', now: '2026-11-14T12:00:00Z', change: Date.UTC(2026, 10, 1, 6), before: -4, after: -5 },
];

describe.each(CHANGES)('$name', ({ now, change, before, after }) => {
  let box: Sandbox;
  let client: KrollApiClient;

  beforeAll(async () => {
    box = await sandbox({ seed: 3, products: 300, orders: 600, now: new Date(now) });
    client = apiClient(box);
  });

  afterAll(async () => {
    await client?.close();
    await box?.close();
  });

  it('reads shipment, invoice and order dates on both sides of the change as the right instants', async () => {
    const from = new Date(change - 6 * DAY);
    const to = new Date(change + 6 * DAY);
    const inWindow = (iso: string) => Date.parse(iso) >= from.getTime() && Date.parse(iso) < to.getTime();

    const shipments = await allPages((page) => client.getShipments({ from, to, page, pageSize: 100 }));
    const truth = [...box.api.book.shipments()].filter((s) => inWindow(s.shipDate));
    expect(shipments.map((s) => [s.shipmentId, s.shipDate])).toEqual(truth.map((s) => [s.shipmentId, s.shipDate]));
    expect(truth.some((s) => Date.parse(s.shipDate) < change)).toBe(true);
    expect(truth.some((s) => Date.parse(s.shipDate) >= change)).toBe(true);

    const invoices = await allPages((page) => client.getInvoices({ from, to, page, pageSize: 100 }));
    const invoiceTruth = [...box.api.book.invoices()].filter((v) => inWindow(v.invoiceDate));
    expect(invoices.map((v) => [v.invoiceDate, v.dueDate])).toEqual(invoiceTruth.map((v) => [v.invoiceDate, v.dueDate]));

    const orders = await allPages((page) => client.getPurchaseOrders({ from, to, page, pageSize: 100 }));
    expect(orders.map((o) => o.orderDate)).toEqual([...box.api.book.orders()].filter((o) => inWindow(o.orderDate)).map((o) => o.orderDate));
  });

  it('sends query bounds as local times that name exactly the instants asked for', async () => {
    const near = [...box.api.book.shipments()].filter((s) => Math.abs(Date.parse(s.shipDate) - change) < 4 * DAY);
    const sides = [near.filter((s) => Date.parse(s.shipDate) < change).at(-1)!, near.find((s) => Date.parse(s.shipDate) >= change)!];
    for (const s of sides) {
      const at = Date.parse(s.shipDate);
      // [at, at + 1 s) holds the shipment; [at + 1 s, at + 2 s) does not: an hour off would miss.
      const hit = await client.getShipments({ from: new Date(at), to: new Date(at + 1000), page: 1, pageSize: 10 });
      expect(hit.items.map((x) => x.shipmentId)).toEqual([s.shipmentId]);
      const miss = await client.getShipments({ from: new Date(at + 1000), to: new Date(at + 2000), page: 1, pageSize: 10 });
      expect(miss.items).toEqual([]);
    }
  });

  it('has the wire carry New York local time without an offset, with the offset of each date', async () => {
    const near = [...box.api.book.shipments()].filter((s) => Math.abs(Date.parse(s.shipDate) - change) < 4 * DAY);
    const s = near.find((x) => Date.parse(x.shipDate) >= change)!;
    const p = near.filter((x) => Date.parse(x.shipDate) < change).at(-1)!;
    const c = box.info.source_config as Record<string, string>;
    const localOf = (ms: number) => newYorkLocal(new Date(ms).toISOString()).replace(' ', 'T');
    const envelope =
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetShipments xmlns="http://tempuri.org/">` +
      `<request xmlns:a="http://schemas.datacontract.org/2004/07/Kroll.Dealer.EBusiness">` +
      `<a:DealerAccountNumber>${c.account_number}</a:DealerAccountNumber><a:PageNumber>1</a:PageNumber><a:PageSize>500</a:PageSize>` +
      `<a:Password>${c.api_password}</a:Password><a:ShippedFrom>${localOf(change - 5 * DAY)}</a:ShippedFrom><a:ShippedTo>${localOf(change + 5 * DAY)}</a:ShippedTo>` +
      `<a:UserId>${c.api_username}</a:UserId></request></GetShipments></s:Body></s:Envelope>`;
    const res = await request(box.api.url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://tempuri.org/IEBusinessService/GetShipments"' },
      body: envelope,
    });
    const xml = await res.body.text();
    const items = parseXml(xml).children[0]!.children[0]!.children[0]!.children.find((m) => m.name === 'Shipments')!.children;
    const member = (item: XmlElement, name: string) => item.children.find((m) => m.name === name)!.text;
    for (const [shipment, offset] of [[p, before], [s, after]] as const) {
      const local = newYorkLocal(shipment.shipDate).replace(' ', 'T');
      expect(Date.parse(`${local}Z`) - Date.parse(shipment.shipDate)).toBe(offset * HOUR);
      const item = items.find((i) => member(i, 'ShipmentId') === shipment.shipmentId)!;
      expect(member(item, 'ShipDate')).toBe(local);
    }
  });
});
