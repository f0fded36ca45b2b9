/**
 * `invoices` and `invoice_lines`: Kroll's invoices (one per shipment) with their amounts, and
 * their lines, associated with order lines by SKU only (GetInvoices), incremental on the invoice date.
 */
import type { InvoiceLinesRecord, InvoicesRecord } from '../../generated/records.js';
import type { KrollInvoice } from '../../kroll/soap/index.js';
import type { StreamReader } from '../stream.js';
import { withApiClient } from './api-client.js';
import { datedStreams, readDatedList } from './dated-list.js';

const [parent, lines] = datedStreams('invoices', ['invoice_number'], 'invoice_lines', 'invoice_date');

function toRecord(invoice: KrollInvoice): InvoicesRecord {
  return {
    invoice_number: invoice.invoiceNumber,
    invoice_date: invoice.invoiceDate,
    due_date: invoice.dueDate,
    payment_terms: invoice.paymentTerms,
    order_confirmation_number: invoice.orderConfirmationNumber,
    purchase_order_number: invoice.purchaseOrderNumber,
    external_po_number: invoice.externalPo,
    shipment_id: invoice.shipmentId,
    product_amount: invoice.productAmount,
    freight_amount: invoice.freightAmount,
    handling_amount: invoice.handlingAmount,
    tax_amount: invoice.taxAmount,
    total_amount: invoice.totalAmount,
  };
}

function toLineRecords(invoice: KrollInvoice): InvoiceLinesRecord[] {
  return invoice.lines.map((line) => ({
    invoice_number: invoice.invoiceNumber,
    line_number: line.lineNumber,
    invoice_date: invoice.invoiceDate,
    sku: line.sku,
    description: line.description,
    quantity_invoiced: line.quantityInvoiced,
    unit_price: line.unitPrice,
    extended_price: line.extendedPrice,
  }));
}

export const invoicesReader: StreamReader = {
  streams: [parent, lines],
  api: true,
  read: (context) =>
    withApiClient(context, [parent.name, lines.name], (client) =>
      readDatedList<KrollInvoice>(context, client, {
        operation: 'GetInvoices',
        noun: 'invoice',
        parent,
        lines,
        cursor: 'invoice_date',
        fetch: (c, query) => c.getInvoices(query),
        keyOf: (invoice) => invoice.invoiceNumber,
        dateOf: (invoice) => invoice.invoiceDate,
        record: toRecord,
        lineRecords: toLineRecords,
      }),
    ),
};
