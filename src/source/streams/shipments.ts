/**
 * `shipments` and `shipment_lines`: each (partial) shipment with its tracking numbers, and its lines
 * (GetShipments), incremental on the ship date. A shipment whose purchase order was not placed
 * through the API (on Kroll's website or by phone) is synced all the same, with a warning once per
 * purchase order, as Kroll's own integrations report it.
 */
import type { ShipmentLinesRecord, ShipmentsRecord } from '../../generated/records.js';
import type { KrollShipment } from '../../kroll/soap/index.js';
import type { ReadContext, StreamReader } from '../stream.js';
import { count } from '../../protocol/wording.js';
import { withApiClient } from './api-client.js';
import { datedStreams, readDatedList } from './dated-list.js';
import { OrderLookup, type OrderFacts } from './order-lookup.js';

const [parent, lines] = datedStreams('shipments', ['shipment_id'], 'shipment_lines', 'ship_date');

function toRecord(shipment: KrollShipment, order: OrderFacts | null | undefined): ShipmentsRecord {
  const units = shipment.lines.reduce((sum, line) => sum + line.quantityShipped, 0);
  return {
    shipment_id: shipment.shipmentId,
    order_confirmation_number: shipment.orderConfirmationNumber,
    purchase_order_number: shipment.purchaseOrderNumber,
    external_po_number: shipment.externalPo,
    ship_date: shipment.shipDate,
    carrier: shipment.carrier,
    ship_via: shipment.shipVia,
    tracking_numbers: shipment.trackingNumbers,
    freight_amount: shipment.freightAmount,
    is_complete: shipment.isComplete,
    partial: order ? units < order.unitsOrdered : null,
  };
}

function toLineRecords(shipment: KrollShipment): ShipmentLinesRecord[] {
  return shipment.lines.map((line) => ({
    shipment_id: shipment.shipmentId,
    line_number: line.lineNumber,
    ship_date: shipment.shipDate,
    sku: line.sku,
    quantity_shipped: line.quantityShipped,
  }));
}

async function readShipments(context: ReadContext): Promise<void> {
  await withApiClient(context, [parent.name, lines.name], async (client) => {
    const orders = new OrderLookup(client, context);
    const warned = new Set<string>();
    await readDatedList<KrollShipment>(context, client, {
      operation: 'GetShipments',
      noun: 'shipment',
      parent,
      lines,
      cursor: 'ship_date',
      fetch: (c, query) => c.getShipments(query),
      keyOf: (shipment) => shipment.shipmentId,
      dateOf: (shipment) => shipment.shipDate,
      async onPage(shipments) {
        await orders.load(shipments);
        for (const shipment of shipments) {
          const order = orders.orderOf(shipment);
          if (order === undefined || order?.source === 'Api') continue;
          const po = shipment.purchaseOrderNumber ?? shipment.shipmentId;
          if (warned.has(po)) continue;
          warned.add(po);
          context.log('WARN', `Cannot find a purchase order for shipment ${po}`);
        }
      },
      record: (shipment) => toRecord(shipment, orders.orderOf(shipment)),
      lineRecords: toLineRecords,
    });
    if (warned.size > 0) {
      context.log('INFO', `shipments: ${count(warned.size, 'purchase order')} not placed through the API (web or phone orders, warned above); their shipments are synced all the same.`);
    }
  });
}

export const shipmentsReader: StreamReader = {
  streams: [parent, lines],
  api: true,
  read: readShipments,
};
