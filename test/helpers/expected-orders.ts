/**
 * What the source must emit for the order-side streams, derived from the sandbox generator's truth
 * (its order book: SandboxPurchaseOrder, SandboxShipment, SandboxInvoice), not from the connector's
 * client: the mapping rules below are the README's stream reference.
 */
import type {
  InvoiceLinesRecord,
  InvoicesRecord,
  PurchaseOrderLinesRecord,
  PurchaseOrdersRecord,
  ShipmentLinesRecord,
  ShipmentsRecord,
} from '../../src/generated/records.js';
import type { OrderBook } from '../../src/sandbox/index.js';
import type { Sandbox } from './sandbox.js';

export const ORDER_STREAMS = ['purchase_orders', 'purchase_order_lines', 'shipments', 'shipment_lines', 'invoices', 'invoice_lines'] as const;
export type OrderStream = (typeof ORDER_STREAMS)[number];

export const CURSOR: Record<OrderStream, string> = {
  purchase_orders: 'order_date',
  purchase_order_lines: 'order_date',
  shipments: 'ship_date',
  shipment_lines: 'ship_date',
  invoices: 'invoice_date',
  invoice_lines: 'invoice_date',
};

export const PRIMARY_KEY: Record<OrderStream, string[]> = {
  purchase_orders: ['order_confirmation_number'],
  purchase_order_lines: ['order_confirmation_number', 'line_number'],
  shipments: ['shipment_id'],
  shipment_lines: ['shipment_id', 'line_number'],
  invoices: ['invoice_number'],
  invoice_lines: ['invoice_number', 'line_number'],
};

export type OrderRecords = {
  purchase_orders: PurchaseOrdersRecord[];
  purchase_order_lines: PurchaseOrderLinesRecord[];
  shipments: ShipmentsRecord[];
  shipment_lines: ShipmentLinesRecord[];
  invoices: InvoicesRecord[];
  invoice_lines: InvoiceLinesRecord[];
};

/** Every record of the six streams for what the sandbox holds dated in [fromMs, toMs). */
export function expectedOrderRecords(book: OrderBook, fromMs = Number.NEGATIVE_INFINITY, toMs = Number.POSITIVE_INFINITY): OrderRecords {
  const inWindow = (iso: string) => Date.parse(iso) >= fromMs && Date.parse(iso) < toMs;
  const out: OrderRecords = { purchase_orders: [], purchase_order_lines: [], shipments: [], shipment_lines: [], invoices: [], invoice_lines: [] };
  for (const o of book.orders()) {
    if (!inWindow(o.orderDate)) continue;
    out.purchase_orders.push({
      order_confirmation_number: o.orderConfirmationNumber,
      purchase_order_number: o.purchaseOrderNumber,
      external_po_number: o.externalPo,
      order_date: o.orderDate,
      order_source: o.orderSource,
      order_status: o.orderStatus,
    });
    for (const l of o.lines) {
      out.purchase_order_lines.push({
        order_confirmation_number: o.orderConfirmationNumber,
        line_number: l.lineNumber,
        order_date: o.orderDate,
        sku: l.sku,
        quantity_ordered: l.quantityOrdered,
        quantity_shipped: l.quantityShipped,
        quantity_canceled: l.quantityCanceled,
        quantity_backordered: l.quantityBackordered,
      });
    }
  }
  for (const s of book.shipments()) {
    if (!inWindow(s.shipDate)) continue;
    const order = book.byConfirmationNumber(s.orderConfirmationNumber)!;
    const ordered = order.lines.reduce((n, l) => n + l.quantityOrdered, 0);
    const shipped = s.lines.reduce((n, l) => n + l.quantityShipped, 0);
    out.shipments.push({
      shipment_id: s.shipmentId,
      order_confirmation_number: s.orderConfirmationNumber,
      purchase_order_number: s.purchaseOrderNumber,
      external_po_number: s.externalPo,
      ship_date: s.shipDate,
      carrier: s.carrier,
      ship_via: s.shipVia,
      tracking_numbers: s.trackingNumbers,
      freight_amount: s.freightAmount,
      is_complete: s.isComplete,
      partial: shipped < ordered,
    });
    for (const l of s.lines) {
      out.shipment_lines.push({ shipment_id: s.shipmentId, line_number: l.lineNumber, ship_date: s.shipDate, sku: l.sku, quantity_shipped: l.quantityShipped });
    }
  }
  for (const v of book.invoices()) {
    if (!inWindow(v.invoiceDate)) continue;
    out.invoices.push({
      invoice_number: v.invoiceNumber,
      invoice_date: v.invoiceDate,
      due_date: v.dueDate,
      payment_terms: v.paymentTerms,
      order_confirmation_number: v.orderConfirmationNumber,
      purchase_order_number: v.purchaseOrderNumber,
      external_po_number: v.externalPo,
      shipment_id: v.shipmentId,
      product_amount: v.productAmount,
      freight_amount: v.freightAmount,
      handling_amount: v.handlingAmount,
      tax_amount: v.taxAmount,
      total_amount: v.totalAmount,
    });
    for (const l of v.lines) {
      out.invoice_lines.push({
        invoice_number: v.invoiceNumber,
        line_number: l.lineNumber,
        invoice_date: v.invoiceDate,
        sku: l.sku,
        description: l.description,
        quantity_invoiced: l.quantityInvoiced,
        unit_price: l.unitPrice,
        extended_price: l.extendedPrice,
      });
    }
  }
  return out;
}

/** The primary key of a record of a stream, as one string. */
export function keyOf(stream: OrderStream, record: object): string {
  return JSON.stringify(PRIMARY_KEY[stream].map((k) => (record as Record<string, unknown>)[k]));
}

/** Records in primary key order, for comparisons that do not depend on the order sent. */
export function byKey(stream: OrderStream, records: readonly object[]): object[] {
  return [...records].sort((a, b) => (keyOf(stream, a) < keyOf(stream, b) ? -1 : keyOf(stream, a) > keyOf(stream, b) ? 1 : 0));
}

/** Purchase order numbers of the shipments dated in the window whose order was not placed through the API. */
export function notViaApi(box: Sandbox, fromMs = Number.NEGATIVE_INFINITY, toMs = Number.POSITIVE_INFINITY): string[] {
  const book = box.api.book;
  const pos = new Set<string>();
  for (const s of book.shipments()) {
    const ms = Date.parse(s.shipDate);
    if (ms < fromMs || ms >= toMs) continue;
    if (book.byConfirmationNumber(s.orderConfirmationNumber)!.orderSource !== 'Api') pos.add(s.purchaseOrderNumber!);
  }
  return [...pos].sort();
}
