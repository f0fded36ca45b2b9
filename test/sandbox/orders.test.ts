/** The dealer API's generated history: deterministic, consistent with the product files, realistic. */
import { describe, expect, it } from 'vitest';
import { OrderBook, orderHistoryAt, type OrderWindow } from '../../src/sandbox/index.js';
import { indexOfSku, productAt } from '../../src/sandbox/products/index.js';

const NOW = Date.UTC(2026, 4, 1, 12);
const WINDOW: OrderWindow = { seed: 8, products: 1000, orders: 400, nowMs: NOW, days: 90 };

describe('orders, shipments and invoices', () => {
  const book = new OrderBook(WINDOW);
  const histories = Array.from({ length: WINDOW.orders }, (_, i) => orderHistoryAt(WINDOW, i));

  it('are the same for the same seed and differ for another', () => {
    expect(orderHistoryAt(WINDOW, 17)).toEqual(orderHistoryAt({ ...WINDOW }, 17));
    expect(orderHistoryAt({ ...WINDOW, seed: 9 }, 17)).not.toEqual(orderHistoryAt(WINDOW, 17));
    expect([...book.shipments()]).toEqual([...new OrderBook(WINDOW).shipments()]);
  });

  it('spread over the 90 days before now, with API, web and phone orders', () => {
    for (const h of histories) {
      expect(Date.parse(h.order.orderDate)).toBeGreaterThanOrEqual(NOW - 90 * 86_400_000);
      expect(Date.parse(h.order.orderDate)).toBeLessThanOrEqual(NOW);
      for (const s of h.shipments) expect(Date.parse(s.shipDate)).toBeLessThanOrEqual(NOW);
    }
    const sources = histories.map((h) => h.order.orderSource);
    for (const source of ['Api', 'Web', 'Phone']) expect(sources.filter((s) => s === source).length).toBeGreaterThan(20);
  });

  it('use SKUs of the product files, priced at their dealer cost, described by their name', () => {
    for (const h of histories.slice(0, 100)) {
      h.order.lines.forEach((line, l) => {
        const k = indexOfSku(WINDOW.seed, WINDOW.products, line.sku);
        expect(k).toBe(h.productIndexes[l]);
        expect(productAt(WINDOW.seed, k!).sku).toBe(line.sku);
      });
      for (const v of h.invoices) {
        for (const line of v.lines) {
          const p = productAt(WINDOW.seed, indexOfSku(WINDOW.seed, WINDOW.products, line.sku)!);
          expect(line.description).toBe(p.name);
          if (p.inventory) expect(line.unitPrice).toBe(p.inventory.dealerCost);
          expect(line.extendedPrice).toBe(Math.round(line.unitPrice * 100 * line.quantityInvoiced) / 100);
        }
      }
    }
  });

  it('add up: shipped quantities per line, one invoice per shipment, statuses that follow', () => {
    let partial = 0, multiTracking = 0, backordered = 0, split = 0;
    for (const h of histories) {
      const shipped = new Map<number, number>();
      for (const s of h.shipments) for (const l of s.lines) shipped.set(l.lineNumber, (shipped.get(l.lineNumber) ?? 0) + l.quantityShipped);
      for (const line of h.order.lines) {
        expect(shipped.get(line.lineNumber) ?? 0).toBe(line.quantityShipped);
        expect(line.quantityShipped + line.quantityCanceled + line.quantityBackordered).toBeLessThanOrEqual(line.quantityOrdered);
      }
      expect(h.invoices.map((v) => v.shipmentId)).toEqual(h.shipments.slice(0, h.invoices.length).map((s) => s.shipmentId));
      if (h.order.orderStatus === 'Invoiced') expect(h.invoices.length).toBe(h.shipments.length);
      if (h.order.orderStatus === 'Canceled') expect(h.shipments).toEqual([]);
      partial += h.shipments.filter((s) => !s.isComplete).length;
      multiTracking += h.shipments.filter((s) => s.trackingNumbers.length > 1).length;
      backordered += h.order.lines.some((l) => l.quantityBackordered > 0) || h.shipments.length > 1 ? 1 : 0;
      split += h.shipments.length > 1 ? 1 : 0;
    }
    expect(partial).toBeGreaterThan(10);
    expect(multiTracking).toBeGreaterThan(10);
    expect(backordered).toBeGreaterThan(10);
    expect(split).toBeGreaterThan(10);
  });

  it('are indexed by date for the list operations, and looked up by number', () => {
    const all = [...book.shipments()];
    expect(all.length).toBe(histories.reduce((n, h) => n + h.shipments.length, 0));
    for (let i = 1; i < all.length; i++) expect(Date.parse(all[i]!.shipDate)).toBeGreaterThanOrEqual(Date.parse(all[i - 1]!.shipDate));
    const page = book.queryShipments(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, null, 2, 50);
    expect(page.items).toEqual(all.slice(50, 100));
    expect(page.totalCount).toBe(all.length);
    const h = histories[42]!;
    expect(book.byConfirmationNumber(h.order.orderConfirmationNumber)).toEqual(h.order);
    expect(book.byPurchaseOrderNumber(h.order.purchaseOrderNumber!)?.order).toEqual(h.order);
    expect(book.byPurchaseOrderNumber('SO-999999')).toBeUndefined();
  });
});

describe('indexOfSku', () => {
  it('finds the catalog index of a SKU, across the part-number blocks, and nothing else', () => {
    for (const seed of [1, 7, -3]) {
      for (const i of [0, 1, 5, 89_999, 90_000, 123_456, 989_999, 990_000, 5_000_000]) expect(indexOfSku(seed, 9_000_000, productAt(seed, i).sku)).toBe(i);
    }
    expect(indexOfSku(1, 10, productAt(1, 10).sku)).toBeUndefined();
    expect(indexOfSku(1, 10, 'NOPE-12345')).toBeUndefined();
    expect(indexOfSku(1, 10, 'garbage')).toBeUndefined();
  });
});
