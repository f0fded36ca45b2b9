/**
 * `purchase_orders` and `purchase_order_lines`: every order of the dealer's account, placed through
 * the API, on Kroll's website or by phone, with its status and line quantities as of the read
 * (GetPurchaseOrders), incremental on the order date.
 */
import type { PurchaseOrderLinesRecord, PurchaseOrdersRecord } from '../../generated/records.js';
import type { KrollPurchaseOrder } from '../../kroll/soap/index.js';
import type { StreamReader } from '../stream.js';
import { withApiClient } from './api-client.js';
import { datedStreams, readDatedList } from './dated-list.js';

const [parent, lines] = datedStreams('purchase_orders', ['order_confirmation_number'], 'purchase_order_lines', 'order_date');

function toRecord(order: KrollPurchaseOrder): PurchaseOrdersRecord {
  return {
    order_confirmation_number: order.orderConfirmationNumber,
    purchase_order_number: order.purchaseOrderNumber,
    external_po_number: order.externalPo,
    order_date: order.orderDate,
    order_source: order.orderSource,
    order_status: order.orderStatus,
  };
}

function toLineRecords(order: KrollPurchaseOrder): PurchaseOrderLinesRecord[] {
  return order.lines.map((line) => ({
    order_confirmation_number: order.orderConfirmationNumber,
    line_number: line.lineNumber,
    order_date: order.orderDate,
    sku: line.sku,
    quantity_ordered: line.quantityOrdered,
    quantity_shipped: line.quantityShipped,
    quantity_canceled: line.quantityCanceled,
    quantity_backordered: line.quantityBackordered,
  }));
}

export const purchaseOrdersReader: StreamReader = {
  streams: [parent, lines],
  api: true,
  read: (context) =>
    withApiClient(context, [parent.name, lines.name], (client) =>
      readDatedList<KrollPurchaseOrder>(context, client, {
        operation: 'GetPurchaseOrders',
        noun: 'order',
        parent,
        lines,
        cursor: 'order_date',
        fetch: (c, query) => c.getPurchaseOrders(query),
        keyOf: (order) => order.orderConfirmationNumber,
        dateOf: (order) => order.orderDate,
        record: toRecord,
        lineRecords: toLineRecords,
      }),
    ),
};
