/**
 * SubmitPurchaseOrder as Kroll answers it. In order: a purchase order number already used is a
 * DuplicatePurchaseOrder (error 300) with the existing confirmation number; then ShipVia (201),
 * payment and fulfillment method (200), lines (200, 204 quantity below 1, 202 unknown SKU), the
 * ship-to address (203; BypassAddressValidation skips the state and postal-code checks, not the
 * required fields); then availability from the product data: under
 * RejectOrderIfAllProductsAreNotAvailable a line short of stock rejects the order (310); under the
 * default method short lines are backordered, except discontinued and closeout products, which
 * cannot be restocked: those lines are rejected (OrderPartiallyAccepted, or OrderRejected when no
 * line is left). Accepted orders join the order book at once, with the sandbox clock's date.
 * Quantities are not consumed by orders: availability stays the product files'.
 */
import { ERROR_CODES, FULFILLMENT_METHODS, PAYMENT_METHODS, SHIP_VIA } from '../../kroll/soap/contract.js';
import type { PlacedOrder, PlacedOrderRequest } from '../orders/book.js';
import { productFacts } from '../orders/generate.js';
import { indexOfSku, statusAt } from '../products/index.js';
import { addressProblem, error, type ApiContext, type Request } from './context.js';
import type { Values } from './wcf-write.js';

const REJECT_IF_NOT_ALL = 'RejectOrderIfAllProductsAreNotAvailable';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const blank = (value: string | null): boolean => value === null || value.trim() === '';

function rejected(code: number, message: string, po: string | null, extra: Values = {}): Values {
  return error(code, message, {
    comment: message,
    fulfillmentStatus: 'OrderRejected',
    orderConfirmationNumber: null,
    purchaseOrderNumber: po,
    rejectedLines: [],
    totalProductAmount: 0,
    ...extra,
  });
}

/** The request as read, every member present (for the record of placed orders). */
function placedRequest(r: Request): PlacedOrderRequest {
  const lines = Array.isArray(r.detailLines) ? r.detailLines : [];
  return {
    bypassAddressValidation: r.bypassAddressValidation === true,
    confirmToEmailAddress: text(r.confirmToEmailAddress),
    confirmToName: text(r.confirmToName),
    detailLines: lines
      .filter((l): l is { [key: string]: never } => l !== null && typeof l === 'object' && !Array.isArray(l))
      .map((l) => ({ lineNumber: Number(l.lineNumber), quantityOrdered: Number(l.quantityOrdered), sku: text(l.sku) ?? '' })),
    externalPo: text(r.externalPo),
    fulfillmentMethod: text(r.fulfillmentMethod),
    isDropShip: r.isDropShip === true,
    krollVaultCreditCardDescription: text(r.krollVaultCreditCardDescription),
    paymentMethod: text(r.paymentMethod),
    purchaseOrderNumber: text(r.purchaseOrderNumber) ?? '',
    shipToAddress1: text(r.shipToAddress1),
    shipToAddress2: text(r.shipToAddress2),
    shipToAddress3: text(r.shipToAddress3),
    shipToCity: text(r.shipToCity),
    shipToCountryCode: text(r.shipToCountryCode),
    shipToName: text(r.shipToName),
    shipToPostalCode: text(r.shipToPostalCode),
    shipToStateProvince: text(r.shipToStateProvince),
    shipToTelephoneNumber: text(r.shipToTelephoneNumber),
    shipVia: text(r.shipVia),
    signatureRequired: r.signatureRequired === true,
  };
}

export function submitPurchaseOrder(request: Request, ctx: ApiContext): Values {
  const order = placedRequest(request);
  const po = blank(order.purchaseOrderNumber) ? null : order.purchaseOrderNumber;
  if (po === null) return rejected(ERROR_CODES.validation, 'PurchaseOrderNumber is required.', null);

  const existing = ctx.book.byPurchaseOrderNumber(po);
  if (existing) {
    const message = `Purchase order number ${po} was already used, for order ${existing.order.orderConfirmationNumber}.`;
    return error(ERROR_CODES.duplicatePurchaseOrder, message, {
      comment: message,
      fulfillmentStatus: 'DuplicatePurchaseOrder',
      orderConfirmationNumber: existing.order.orderConfirmationNumber,
      purchaseOrderNumber: po,
      rejectedLines: [],
      totalProductAmount: existing.totalProductAmount,
    });
  }

  if (!(SHIP_VIA as readonly string[]).includes(order.shipVia ?? '')) {
    return rejected(ERROR_CODES.invalidShipVia, `ShipVia "${order.shipVia ?? ''}" is not one of Kroll's ShipVia values.`, po);
  }
  if (!(PAYMENT_METHODS as readonly string[]).includes(order.paymentMethod ?? '')) {
    return rejected(ERROR_CODES.validation, `PaymentMethod "${order.paymentMethod ?? ''}" must be AccountTerms or CreditCard.`, po);
  }
  if (order.paymentMethod === 'CreditCard' && blank(order.krollVaultCreditCardDescription)) {
    return rejected(ERROR_CODES.validation, 'KrollVaultCreditCardDescription is required with PaymentMethod CreditCard.', po);
  }
  if (order.fulfillmentMethod !== null && !(FULFILLMENT_METHODS as readonly string[]).includes(order.fulfillmentMethod)) {
    return rejected(ERROR_CODES.validation, `FulfillmentMethod "${order.fulfillmentMethod}" is not known.`, po);
  }

  const lines = order.detailLines;
  if (lines.length === 0) return rejected(ERROR_CODES.validation, 'The order has no DetailLines.', po);
  const seen = new Set<number>();
  const indexes: number[] = [];
  for (const line of lines) {
    if (seen.has(line.lineNumber)) return rejected(ERROR_CODES.validation, `LineNumber ${line.lineNumber} appears twice.`, po);
    seen.add(line.lineNumber);
    if (line.quantityOrdered < 1) return rejected(ERROR_CODES.quantityBelowOne, `Line ${line.lineNumber}: QuantityOrdered must be at least 1.`, po);
    const index = indexOfSku(ctx.seed, ctx.products, line.sku.trim());
    if (index === undefined) return rejected(ERROR_CODES.unknownSku, `Line ${line.lineNumber}: SKU "${line.sku}" was not found.`, po);
    indexes.push(index);
  }

  for (const key of ['shipToName', 'shipToAddress1', 'shipToCity', 'shipToStateProvince', 'shipToPostalCode', 'shipToCountryCode'] as const) {
    if (blank(order[key])) return rejected(ERROR_CODES.invalidAddress, `${key.replace(/^s/, 'S')} is required.`, po);
  }
  const country = (order.shipToCountryCode as string).trim().toUpperCase();
  const problem = order.bypassAddressValidation
    ? ['US', 'USA', 'CA', 'CAN'].includes(country)
      ? null
      : `Kroll does not ship to the country "${order.shipToCountryCode}"`
    : addressProblem({ state: order.shipToStateProvince as string, postalCode: order.shipToPostalCode as string, country });
  if (problem !== null) return rejected(ERROR_CODES.invalidAddress, `The ship-to address is not valid: ${problem}.`, po);

  // Availability.
  const rejectIfNotAll = order.fulfillmentMethod === REJECT_IF_NOT_ALL;
  const accepted: { lineNumber: number; sku: string; quantity: number; backordered: number; cents: number }[] = [];
  const rejectedLines: PlacedOrder['rejectedLines'] = [];
  lines.forEach((line, j) => {
    const index = indexes[j] as number;
    const facts = productFacts(ctx.seed, index);
    const short = line.quantityOrdered > facts.quantityAvailable;
    const status = statusAt(ctx.seed, index);
    const reject = short && (rejectIfNotAll || status === 'Disco' || status === 'CLSO');
    if (reject) {
      const why = rejectIfNotAll ? 'Not enough stock' : status === 'Disco' ? 'Discontinued: cannot be backordered' : 'Closeout: cannot be backordered';
      rejectedLines.push({ lineNumber: line.lineNumber, quantityAvailable: facts.quantityAvailable, quantityRequested: line.quantityOrdered, reason: `${why}; ${facts.quantityAvailable} available.`, sku: facts.sku });
    } else {
      const backordered = short ? line.quantityOrdered - facts.quantityAvailable : 0;
      accepted.push({ lineNumber: line.lineNumber, sku: facts.sku, quantity: line.quantityOrdered, backordered, cents: Math.round(facts.dealerCost * 100) * line.quantityOrdered });
    }
  });

  if (rejectIfNotAll && rejectedLines.length > 0) {
    return rejected(ERROR_CODES.notAllAvailable, `Not all products are available (${rejectedLines.length} of ${lines.length} lines short); the order was not placed.`, po, { rejectedLines });
  }
  if (accepted.length === 0) {
    return rejected(ERROR_CODES.ok, 'No line of the order can be filled; the order was not placed.', po, { rejectedLines, errorMessage: null });
  }

  const confirmation = ctx.book.nextConfirmationNumber();
  const totalCents = accepted.reduce((sum, l) => sum + l.cents, 0);
  const backorderedLines = accepted.filter((l) => l.backordered > 0).length;
  const fulfillmentStatus = rejectedLines.length > 0 ? 'OrderPartiallyAccepted' : 'OrderAccepted';
  const comment =
    (fulfillmentStatus === 'OrderAccepted' ? 'Order accepted.' : `${accepted.length} of ${lines.length} lines accepted; see RejectedLines.`) +
    (backorderedLines > 0 ? ` ${backorderedLines} line${backorderedLines === 1 ? '' : 's'} backordered.` : '');
  const placed: PlacedOrder = {
    request: order,
    order: {
      externalPo: order.externalPo,
      lines: accepted.map((l) => ({ lineNumber: l.lineNumber, quantityBackordered: l.backordered, quantityCanceled: 0, quantityOrdered: l.quantity, quantityShipped: 0, sku: l.sku })),
      orderConfirmationNumber: confirmation,
      orderDate: new Date(Math.floor(ctx.clockMs() / 1000) * 1000).toISOString(),
      orderSource: 'Api',
      orderStatus: 'Open',
      purchaseOrderNumber: po,
    },
    fulfillmentStatus,
    rejectedLines,
    totalProductAmount: totalCents / 100,
  };
  ctx.book.place(placed);
  return {
    authenticationFailed: false,
    errorCode: ERROR_CODES.ok,
    errorMessage: null,
    comment,
    fulfillmentStatus,
    orderConfirmationNumber: confirmation,
    purchaseOrderNumber: po,
    rejectedLines,
    totalProductAmount: totalCents / 100,
  };
}
