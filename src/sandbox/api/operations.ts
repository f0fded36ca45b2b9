/**
 * What the sandbox's service answers, operation by operation, from the product generator and the
 * order book. Each handler takes the request as WCF read it (defaults where members were ignored)
 * and returns the result's members by key; errors are ErrorCode/ErrorMessage members, as the
 * contract says.
 */
import { ERROR_CODES, LIMITS, type OperationKey } from '../../kroll/soap/contract.js';
import { parseKrollDateTime } from '../../kroll/time.js';
import type { OrderBook } from '../orders/book.js';
import { addressProblem, error, type ApiContext, type Handler, type Request } from './context.js';
import { identityAt, indexOfSku, inventoryAt, pricingAt, statusAt } from '../products/index.js';
import { submitPurchaseOrder } from './submit.js';
import type { Value } from './wcf-read.js';
import type { Values } from './wcf-write.js';

const ok = (values: Values): Values => ({ authenticationFailed: false, errorCode: ERROR_CODES.ok, errorMessage: null, ...values });

/** Live availability of one SKU, from the product generator (the inventory export's values). */
export function availabilityOf(ctx: Pick<ApiContext, 'seed' | 'products'>, sku: string): Values {
  const index = indexOfSku(ctx.seed, ctx.products, sku);
  const nothing = { dealerCost: null, height: null, length: null, mapPrice: null, quantityAvailable: 0, suggestedRetailPrice: null, weight: null, width: null };
  if (index === undefined) return { ...nothing, sku, skuFound: false };
  const identity = identityAt(ctx.seed, index);
  const inventory = inventoryAt(ctx.seed, identity, pricingAt(ctx.seed, identity), statusAt(ctx.seed, index));
  if (inventory === null) return { ...nothing, sku, skuFound: true };
  return {
    dealerCost: inventory.dealerCost,
    height: inventory.height,
    length: inventory.length,
    mapPrice: inventory.mapPrice,
    quantityAvailable: inventory.quantityAvailable,
    sku,
    skuFound: true,
    suggestedRetailPrice: inventory.msrp,
    weight: inventory.weight,
    width: inventory.width,
  };
}

function checkProductAvailability(request: Request, ctx: ApiContext): Values {
  const skus = ((request.skuList as Value[] | null) ?? []).filter((s): s is string => typeof s === 'string');
  if (skus.length > LIMITS.maxSkusPerCall) {
    return error(ERROR_CODES.validation, `SkuList holds ${skus.length} SKUs; at most ${LIMITS.maxSkusPerCall} are allowed.`, { list: [] });
  }
  return ok({ list: skus.map((sku) => availabilityOf(ctx, sku)) });
}

function checkOrderStatus(request: Request, ctx: ApiContext): Values {
  const confirmation = typeof request.orderConfirmationNumber === 'string' ? request.orderConfirmationNumber.trim() : '';
  const order = ctx.book.byConfirmationNumber(confirmation);
  if (!order) return error(ERROR_CODES.orderNotFound, `Order ${confirmation || '(none)'} was not found.`, { lines: [] });
  return ok({
    lines: order.lines,
    orderConfirmationNumber: order.orderConfirmationNumber,
    orderDate: order.orderDate,
    orderStatus: order.orderStatus,
    purchaseOrderNumber: order.purchaseOrderNumber,
  });
}

const STREET_WORDS: Record<string, string> = { STREET: 'ST', AVENUE: 'AVE', ROAD: 'RD', BOULEVARD: 'BLVD', DRIVE: 'DR', LANE: 'LN', SUITE: 'STE' };

function validateAddress(request: Request): Values {
  const text = (key: string): string => (typeof request[key] === 'string' ? (request[key] as string) : '');
  const problem =
    text('address1').trim() === '' || text('city').trim() === ''
      ? 'Address1 and City are required'
      : addressProblem({ state: text('state'), postalCode: text('postalCode'), country: text('country') });
  if (problem !== null) {
    return ok({ addressValid: false, returnedAddress1: null, returnedAddressCity: null, returnedAddressPostalCode: null, returnedAddressState: null, score: 0 });
  }
  const address1 = text('address1')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\b[A-Z]+\b/g, (w) => STREET_WORDS[w] ?? w);
  const changed = address1 !== text('address1').trim();
  return ok({
    addressValid: true,
    returnedAddress1: address1,
    returnedAddressCity: text('city').trim().toUpperCase(),
    returnedAddressPostalCode: text('postalCode').trim(),
    returnedAddressState: text('state').trim().toUpperCase(),
    score: changed ? 90 : 100,
  });
}

/** A request date as UTC ms: null (DateTime.MinValue, nothing read) is the start of time. */
function dateMs(value: Value): number {
  if (typeof value !== 'string') return Number.NEGATIVE_INFINITY;
  const iso = parseKrollDateTime(value);
  return iso === undefined ? Number.NEGATIVE_INFINITY : Date.parse(iso);
}

function listHandler(
  fromKey: string,
  toKey: string,
  itemsKey: string,
  query: (book: OrderBook, fromMs: number, toMs: number, po: string | null, page: number, size: number) => { items: unknown[]; totalCount: number },
): Handler {
  return (request, ctx) => {
    // PageNumber and PageSize left at 0 (not sent, or ignored out of order) mean page 1 of 100.
    const page = Math.max(1, request.pageNumber as number);
    const size = (request.pageSize as number) <= 0 ? LIMITS.defaultPageSize : (request.pageSize as number);
    const empty = { [itemsKey]: [], hasMore: false, pageNumber: page, pageSize: size, totalCount: 0 };
    if (size > LIMITS.maxPageSize) return error(ERROR_CODES.validation, `PageSize ${size} is larger than ${LIMITS.maxPageSize}.`, empty);
    const po = typeof request.purchaseOrderNumber === 'string' && request.purchaseOrderNumber.trim() !== '' ? request.purchaseOrderNumber.trim() : null;
    const result = query(ctx.book, dateMs(request[fromKey] as Value), dateMs(request[toKey] as Value), po, page, size);
    return ok({ [itemsKey]: result.items, hasMore: page * size < result.totalCount, pageNumber: page, pageSize: size, totalCount: result.totalCount });
  };
}

export const HANDLERS: Record<OperationKey, Handler> = {
  checkProductAvailability,
  submitPurchaseOrder,
  checkOrderStatus,
  validateAddress,
  getPurchaseOrders: listHandler('orderedFrom', 'orderedTo', 'orders', (b, f, t, po, p, s) => b.queryOrders(f, t, po, p, s)),
  getShipments: listHandler('shippedFrom', 'shippedTo', 'shipments', (b, f, t, po, p, s) => b.queryShipments(f, t, po, p, s)),
  getInvoices: listHandler('invoicedFrom', 'invoicedTo', 'invoices', (b, f, t, po, p, s) => b.queryInvoices(f, t, po, p, s)),
};
