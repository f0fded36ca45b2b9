/**
 * The generator's truth for the dealer API: order i of a seed, with its shipments and invoices,
 * computed from (seed, i, the window) alone.
 *
 * Orders are spread evenly over the `days` before `now` (order i in the i-th slot, at a random
 * moment of it). Each draws its source (API, web, phone), ShipVia, payment method and 1-5 lines of
 * SKUs from the product files. Most ship within three days; some are split in two shipments, some
 * have backordered quantities that ship weeks later (or are canceled), a few are canceled whole.
 * Every shipment gets one invoice with freight, handling and tax. What is dated after `now` has
 * not happened yet, and the order's status and line quantities are those as of `now`.
 *
 * The shapes below are the dealer API's data as the contract names it (camelCase, dates as UTC
 * ISO-8601), so a test can compare what a client read with them directly.
 */
import { identityAt, inventoryAt, pricingAt, productAt, statusAt } from '../products/index.js';
import { isAmbiguousNewYork } from '../products/time.js';
import { Aspect, Rng, fmix32, streamKey } from '../products/random.js';

export const ORDER_SOURCES = ['Api', 'Web', 'Phone'] as const;
export type SandboxOrderSource = (typeof ORDER_SOURCES)[number];
export type SandboxOrderStatus = 'Open' | 'Processing' | 'Backordered' | 'PartiallyShipped' | 'Shipped' | 'Invoiced' | 'Canceled';

export interface SandboxOrderLine {
  lineNumber: number;
  quantityBackordered: number;
  quantityCanceled: number;
  quantityOrdered: number;
  quantityShipped: number;
  sku: string;
}

/** An order as GetPurchaseOrders and CheckOrderStatus report it. */
export interface SandboxPurchaseOrder {
  externalPo: string | null;
  lines: SandboxOrderLine[];
  orderConfirmationNumber: string;
  orderDate: string;
  orderSource: SandboxOrderSource;
  orderStatus: SandboxOrderStatus;
  purchaseOrderNumber: string | null;
}

export interface SandboxShipment {
  carrier: string | null;
  externalPo: string | null;
  freightAmount: number;
  isComplete: boolean;
  lines: { lineNumber: number; quantityShipped: number; sku: string }[];
  orderConfirmationNumber: string;
  purchaseOrderNumber: string | null;
  shipDate: string;
  shipVia: string | null;
  shipmentId: string;
  trackingNumbers: string[];
}

export interface SandboxInvoiceLine {
  description: string | null;
  extendedPrice: number;
  lineNumber: number;
  quantityInvoiced: number;
  sku: string;
  unitPrice: number;
}

export interface SandboxInvoice {
  dueDate: string | null;
  externalPo: string | null;
  freightAmount: number;
  handlingAmount: number;
  invoiceDate: string;
  invoiceNumber: string;
  lines: SandboxInvoiceLine[];
  orderConfirmationNumber: string;
  paymentTerms: string | null;
  productAmount: number;
  purchaseOrderNumber: string | null;
  shipmentId: string | null;
  taxAmount: number;
  totalAmount: number;
}

/** Everything about order i: the order, what shipped and was invoiced by `now`, and how it was placed. */
export interface SandboxOrderHistory {
  index: number;
  order: SandboxPurchaseOrder;
  shipVia: string;
  paymentMethod: 'AccountTerms' | 'CreditCard';
  /** Product index of each line's SKU, by line. */
  productIndexes: number[];
  /** Dated on or before `now`, in date order. */
  shipments: SandboxShipment[];
  /** One per shipment, dated on or before `now`, in date order. */
  invoices: SandboxInvoice[];
}

export interface OrderWindow {
  seed: number;
  /** Products in the catalog the SKUs are drawn from (SKUs of products 0..products-1). */
  products: number;
  /** Orders in the window. */
  orders: number;
  /** The sandbox's "now", UTC ms (whole seconds). */
  nowMs: number;
  /** Days of history before now; default 90. */
  days: number;
}

/** Up to this many shipments (and invoices) per order; ids are spaced by it. */
export const SHIPMENT_SLOTS = 4;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const CONFIRMATION_BASE = 4_000_000;
const SHIPMENT_ID_BASE = 1_000_000;
const INVOICE_NUMBER_BASE = 70_000_000;
export const PO_PREFIX: Record<SandboxOrderSource, string> = { Api: 'SO-', Web: 'WEB-', Phone: 'PH-' };
export const PO_NUMBER_BASE = 100_000;

// ShipVia by share of orders (UPS Ground is what most dealers use).
const SHIP_VIA_WEIGHTS: readonly (readonly [string, number])[] = [
  ['UPSGround', 40], ['FedExGround', 14], ['BestRate', 8], ['UPSSecondDayAir', 5], ['UPSNextDayAir', 4],
  ['FedExTwoDay', 4], ['USPSParcelPost', 3], ['USPSFirstClass', 3], ['FedExSmartPost', 3], ['FlatRate', 3],
  ['UPSThreeDaySelect', 2], ['FedExExpressSaver', 2], ['FedExStandardOvernight', 2], ['CustomerPickUp', 2],
  ['UPSNextDayAirSaver', 1], ['FedExPriorityOvernight', 1], ['UPSNextDayAirEarlyAM', 1], ['UPSSecondDayAirAM', 1],
  ['ExpressMail', 1], ['LessThanLoadFreight', 1],
];
const SHIP_VIA_TOTAL = SHIP_VIA_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickShipVia(r: Rng): string {
  let u = r.next() * SHIP_VIA_TOTAL;
  for (const [value, w] of SHIP_VIA_WEIGHTS) {
    if (u < w) return value;
    u -= w;
  }
  return 'UPSGround';
}

const iso = (ms: number): string => new Date(ms).toISOString();
const cents = (value: number): number => Math.round(value * 100);

/** An instant of whole seconds whose New York local time names no other instant. */
function unambiguous(ms: number, limitMs: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  if (!isAmbiguousNewYork(whole)) return whole;
  // The repeated hour is two UTC hours long: step out of it, backwards if forwards passes the limit.
  return whole + 2 * HOUR <= limitMs ? whole + 2 * HOUR : whole - 2 * HOUR;
}

/** "S-1000123" (a shipment id) or "70000123" (an invoice number) -> index * SHIPMENT_SLOTS + slot. */
export function slotKeyOf(id: string): number {
  return id.startsWith('S-') ? Number(id.slice(2)) - SHIPMENT_ID_BASE : Number(id) - INVOICE_NUMBER_BASE;
}

/** The order index a generated confirmation number belongs to (check the number itself after). */
export function indexOfConfirmation(confirmation: number): number {
  return Math.floor((confirmation - CONFIRMATION_BASE) / 2);
}

export function confirmationNumberAt(seed: number, index: number): string {
  return String(CONFIRMATION_BASE + index * 2 + (fmix32(streamKey(seed, index, Aspect.order)) & 1));
}

/** The moment order i was placed. */
export function orderDateMs(w: OrderWindow, index: number): number {
  const r = Rng.of(w.seed, index, Aspect.order);
  const span = w.days * DAY;
  const start = w.nowMs - span;
  return unambiguous(start + ((index + r.next()) * span) / w.orders, w.nowMs);
}

function carrierFor(shipVia: string, r: Rng): string | null {
  if (shipVia === 'CustomerPickUp') return null;
  if (shipVia.startsWith('UPS')) return 'UPS';
  if (shipVia.startsWith('FedEx')) return 'FedEx';
  if (shipVia.startsWith('USPS') || shipVia === 'ExpressMail') return 'USPS';
  if (shipVia === 'LessThanLoadFreight') return 'R+L Carriers';
  return r.pick(['UPS', 'FedEx', 'USPS']);
}

function digits(r: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(r.int(10));
  return out;
}

function trackingNumber(carrier: string, r: Rng): string {
  if (carrier === 'UPS') return `1Z${digits(r, 3)}${'ABCDEFGHJKLMNPRTVWXY'[r.int(20)]}${'ABCDEFGHJKLMNPRTVWXY'[r.int(20)]}${digits(r, 11)}`;
  if (carrier === 'FedEx') return digits(r, 12);
  if (carrier === 'USPS') return `9400${digits(r, 18)}`;
  return digits(r, 10); // a freight PRO number
}

interface ProductFacts {
  sku: string;
  quantityAvailable: number;
  dealerCost: number;
}

/** What the order side needs of product k: cheap (no text generated). */
export function productFacts(seed: number, k: number): ProductFacts {
  const identity = identityAt(seed, k);
  const pricing = pricingAt(seed, identity);
  const inventory = inventoryAt(seed, identity, pricing, statusAt(seed, k));
  return {
    sku: identity.sku,
    quantityAvailable: inventory?.quantityAvailable ?? 0,
    dealerCost: inventory?.dealerCost ?? Math.round(pricing.msrp * 65) / 100,
  };
}

interface PlannedShipment {
  slot: number;
  ms: number;
  /** Quantity per order line (0 = not in this shipment). */
  quantities: number[];
}

/**
 * Order i. With `describe` false the invoice lines' descriptions are left null (they need the
 * product text, the one costly part); everything else is the same.
 */
export function orderHistoryAt(w: OrderWindow, index: number, describe = true): SandboxOrderHistory {
  if (!Number.isInteger(index) || index < 0 || index >= w.orders) throw new RangeError(`order index must be in [0, ${w.orders}), got ${index}`);
  if (w.products < 1) throw new RangeError('orders need at least one product');
  const r = Rng.of(w.seed, index, Aspect.order);
  const orderMs = orderDateMs(w, index);
  r.next(); // the draw orderDateMs used

  const u = r.next();
  const source: SandboxOrderSource = u < 0.7 ? 'Api' : u < 0.88 ? 'Web' : 'Phone';
  const confirmation = confirmationNumberAt(w.seed, index);
  const purchaseOrderNumber = `${PO_PREFIX[source]}${PO_NUMBER_BASE + index}`;
  const externalRoll = r.next();
  const externalPo =
    source === 'Api' ? `PO-${r.between(10_000, 99_999)}` : source === 'Web' && externalRoll < 0.4 ? `W${r.between(1000, 9999)}` : null;
  const shipVia = pickShipVia(r);
  const paymentMethod = r.chance(0.15) ? 'CreditCard' : 'AccountTerms';

  const lineCount = r.pick([1, 1, 1, 2, 2, 2, 3, 3, 4, 5]);
  const productIndexes: number[] = [];
  const facts: ProductFacts[] = [];
  const ordered: number[] = [];
  for (let l = 0; l < lineCount; l++) {
    let k = r.int(w.products);
    for (let tries = 0; tries < 5 && productIndexes.includes(k); tries++) k = r.int(w.products);
    if (productIndexes.includes(k)) break;
    productIndexes.push(k);
    facts.push(productFacts(w.seed, k));
    ordered.push(r.chance(0.8) ? r.between(1, 4) : r.between(5, 24));
  }
  const n = productIndexes.length;

  const canceled = r.chance(0.03);
  const hasBackorder = !canceled && r.chance(0.15);
  const split = !canceled && n >= 2 && r.chance(0.12);
  const firstMs = orderMs + (0.1 + r.next() * 2.9) * DAY;
  const secondMs = firstMs + (1 + r.next() * 3) * DAY;
  const backorderMs = orderMs + (6 + r.next() * 20) * DAY;
  const backorderCanceled = hasBackorder && r.chance(0.15);
  const backordered = ordered.map((): number => 0);
  if (hasBackorder) {
    for (let l = 0; l < n; l++) if (r.chance(0.5)) backordered[l] = r.between(1, ordered[l] as number);
    if (!backordered.some((q) => q > 0)) backordered[n - 1] = r.between(1, ordered[n - 1] as number);
  }

  // The shipments this order will have, in time order, before `now` cuts them off.
  const planned: PlannedShipment[] = [];
  if (!canceled) {
    const immediate = ordered.map((q, l) => q - (backordered[l] as number));
    const half = split ? Math.ceil(n / 2) : n;
    planned.push({ slot: 0, ms: firstMs, quantities: immediate.map((q, l) => (l < half ? q : 0)) });
    if (split) planned.push({ slot: 1, ms: secondMs, quantities: immediate.map((q, l) => (l >= half ? q : 0)) });
    if (hasBackorder && !backorderCanceled) planned.push({ slot: 2, ms: backorderMs, quantities: backordered });
  }
  const real = planned
    .filter((p) => p.quantities.some((q) => q > 0))
    .map((p) => ({ ...p, ms: unambiguous(p.ms, Number.MAX_SAFE_INTEGER) }));
  const lastShipmentSlot = real.length > 0 ? (real[real.length - 1] as PlannedShipment).slot : -1;

  const shipped = ordered.map((): number => 0);
  const shipments: SandboxShipment[] = [];
  const invoices: SandboxInvoice[] = [];
  for (const p of real) {
    const s = new Rng(streamKey(w.seed, index * SHIPMENT_SLOTS + p.slot, Aspect.shipment));
    const carrier = carrierFor(shipVia, s);
    const trackingCount = carrier === null ? 0 : carrier === 'R+L Carriers' ? 1 : s.chance(0.2) ? s.between(2, 4) : 1;
    const trackingNumbers = Array.from({ length: trackingCount }, () => trackingNumber(carrier as string, s));
    const freight = carrier === null ? 0 : shipVia === 'FlatRate' ? 995 : cents(6.95 + s.next() * 28);
    if (p.ms > w.nowMs) continue;
    p.quantities.forEach((q, l) => (shipped[l] = (shipped[l] as number) + q));
    const shipmentId = `S-${SHIPMENT_ID_BASE + index * SHIPMENT_SLOTS + p.slot}`;
    const lines = p.quantities.flatMap((q, l) => (q > 0 ? [{ lineNumber: l + 1, quantityShipped: q, sku: (facts[l] as ProductFacts).sku }] : []));
    shipments.push({
      carrier,
      externalPo,
      freightAmount: freight / 100,
      isComplete: p.slot === lastShipmentSlot && !(hasBackorder && backorderCanceled && backorderMs > p.ms),
      lines,
      orderConfirmationNumber: confirmation,
      purchaseOrderNumber,
      shipDate: iso(p.ms),
      shipVia,
      shipmentId,
      trackingNumbers,
    });

    const v = new Rng(streamKey(w.seed, index * SHIPMENT_SLOTS + p.slot, Aspect.invoice));
    const invoiceMs = unambiguous(p.ms + (0.5 + v.next() * 19.5) * HOUR, Number.MAX_SAFE_INTEGER);
    const handling = v.chance(0.3) ? v.pick([250, 500]) : 0;
    const taxRate = v.chance(0.25) ? v.pick([0.06, 0.0625, 0.07, 0.0825]) : 0;
    if (invoiceMs > w.nowMs) continue;
    const invoiceLines: SandboxInvoiceLine[] = lines.map((line, j) => {
      const l = line.lineNumber - 1;
      const unit = cents((facts[l] as ProductFacts).dealerCost);
      return {
        description: describe ? productAt(w.seed, productIndexes[l] as number).name : null,
        extendedPrice: (unit * line.quantityShipped) / 100,
        lineNumber: j + 1,
        quantityInvoiced: line.quantityShipped,
        sku: line.sku,
        unitPrice: unit / 100,
      };
    });
    const product = invoiceLines.reduce((sum, line) => sum + cents(line.extendedPrice), 0);
    const tax = Math.round(product * taxRate);
    invoices.push({
      dueDate: paymentMethod === 'AccountTerms' ? iso(unambiguous(invoiceMs + 30 * DAY, Number.MAX_SAFE_INTEGER)) : null,
      externalPo,
      freightAmount: freight / 100,
      handlingAmount: handling / 100,
      invoiceDate: iso(invoiceMs),
      invoiceNumber: String(INVOICE_NUMBER_BASE + index * SHIPMENT_SLOTS + p.slot),
      lines: invoiceLines,
      orderConfirmationNumber: confirmation,
      paymentTerms: paymentMethod === 'AccountTerms' ? 'Net 30' : 'Credit Card',
      productAmount: product / 100,
      purchaseOrderNumber,
      shipmentId,
      taxAmount: tax / 100,
      totalAmount: (product + freight + handling + tax) / 100,
    });
  }

  // Line quantities and the status as of now.
  const backorderResolved = backorderMs <= w.nowMs;
  const lines: SandboxOrderLine[] = ordered.map((q, l) => {
    const canceledQty = canceled ? q : backorderCanceled && backorderResolved ? (backordered[l] as number) : 0;
    const pendingBackorder = !canceled && !backorderResolved ? (backordered[l] as number) : 0;
    return {
      lineNumber: l + 1,
      quantityBackordered: pendingBackorder,
      quantityCanceled: canceledQty,
      quantityOrdered: q,
      quantityShipped: shipped[l] as number,
      sku: (facts[l] as ProductFacts).sku,
    };
  });
  const pending = lines.reduce((sum, l) => sum + l.quantityOrdered - l.quantityShipped - l.quantityCanceled, 0);
  const backorderedNow = lines.reduce((sum, l) => sum + l.quantityBackordered, 0);
  let orderStatus: SandboxOrderStatus;
  if (canceled || (pending === 0 && shipments.length === 0 && real.length === 0 && backorderResolved)) orderStatus = 'Canceled';
  else if (pending === 0) orderStatus = invoices.length === shipments.length ? 'Invoiced' : 'Shipped';
  else if (shipments.length > 0) orderStatus = 'PartiallyShipped';
  else if (w.nowMs - orderMs < 2 * HOUR) orderStatus = 'Open';
  else if (backorderedNow === pending) orderStatus = 'Backordered';
  else orderStatus = 'Processing';

  return {
    index,
    order: {
      externalPo,
      lines,
      orderConfirmationNumber: confirmation,
      orderDate: iso(orderMs),
      orderSource: source,
      orderStatus,
      purchaseOrderNumber,
    },
    shipVia,
    paymentMethod,
    productIndexes,
    shipments,
    invoices,
  };
}
