/**
 * The sandbox's order book: the generated history (addressable by order index, see generate.ts)
 * with date indexes for the list operations, and the orders placed through SubmitPurchaseOrder
 * while the process lives. The indexes hold a date and a key per order, shipment and invoice
 * (typed arrays: 100,000 shipments take about 2 MB); records are generated again when a page
 * needs them, with a small cache.
 */
import { PO_NUMBER_BASE, PO_PREFIX, SHIPMENT_SLOTS, indexOfConfirmation, orderDateMs, orderHistoryAt, slotKeyOf as slotKey, type OrderWindow, type SandboxInvoice, type SandboxOrderHistory, type SandboxPurchaseOrder, type SandboxShipment } from './generate.js';

export const DEFAULT_ORDERS = 300;
export const DEFAULT_HISTORY_DAYS = 90;
/** Orders placed through SubmitPurchaseOrder get confirmation numbers from here up. */
export const PLACED_CONFIRMATION_BASE = 8_000_001;

/** An order placed through SubmitPurchaseOrder: the request as the sandbox read it, and its answer. */
export interface PlacedOrder {
  /** Every member of the request, nil ones null, as the sandbox's service read them. */
  request: PlacedOrderRequest;
  order: SandboxPurchaseOrder;
  fulfillmentStatus: 'OrderAccepted' | 'OrderPartiallyAccepted';
  rejectedLines: { lineNumber: number; quantityAvailable: number; quantityRequested: number; reason: string | null; sku: string }[];
  totalProductAmount: number;
}

export interface PlacedOrderRequest {
  bypassAddressValidation: boolean;
  confirmToEmailAddress: string | null;
  confirmToName: string | null;
  detailLines: { lineNumber: number; quantityOrdered: number; sku: string }[];
  externalPo: string | null;
  fulfillmentMethod: string | null;
  isDropShip: boolean;
  krollVaultCreditCardDescription: string | null;
  paymentMethod: string | null;
  purchaseOrderNumber: string;
  shipToAddress1: string | null;
  shipToAddress2: string | null;
  shipToAddress3: string | null;
  shipToCity: string | null;
  shipToCountryCode: string | null;
  shipToName: string | null;
  shipToPostalCode: string | null;
  shipToStateProvince: string | null;
  shipToTelephoneNumber: string | null;
  shipVia: string | null;
  signatureRequired: boolean;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

interface DateIndex {
  ms: Float64Array;
  keys: Int32Array;
}

function sortedIndex(ms: number[], keys: number[]): DateIndex {
  const order = Array.from(ms.keys()).sort((a, b) => (ms[a] as number) - (ms[b] as number) || (keys[a] as number) - (keys[b] as number));
  return { ms: Float64Array.from(order, (j) => ms[j] as number), keys: Int32Array.from(order, (j) => keys[j] as number) };
}

/** First position whose date is >= t. */
function lowerBound(ms: Float64Array, t: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ms[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const CACHE_SIZE = 2048;

export class OrderBook {
  private readonly orderIndex: DateIndex;
  private readonly shipmentIndex: DateIndex;
  private readonly invoiceIndex: DateIndex;
  private readonly cache = new Map<number, SandboxOrderHistory>();
  private readonly placedOrders: PlacedOrder[] = [];
  private readonly placedMs: number[] = [];
  private readonly placedByPo = new Map<string, PlacedOrder>();
  private readonly placedByConfirmation = new Map<string, PlacedOrder>();

  constructor(readonly window: OrderWindow) {
    if (window.products < 1 && window.orders > 0) throw new RangeError('orders need at least one product');
    const orderMs: number[] = [];
    const orderKeys: number[] = [];
    const shipMs: number[] = [];
    const shipKeys: number[] = [];
    const invMs: number[] = [];
    const invKeys: number[] = [];
    for (let i = 0; i < window.orders; i++) {
      const h = orderHistoryAt(window, i, false);
      orderMs.push(orderDateMs(window, i));
      orderKeys.push(Number(h.order.orderConfirmationNumber));
      for (const s of h.shipments) {
        shipMs.push(Date.parse(s.shipDate));
        shipKeys.push(slotKey(s.shipmentId));
      }
      for (const v of h.invoices) {
        invMs.push(Date.parse(v.invoiceDate));
        invKeys.push(slotKey(v.invoiceNumber));
      }
    }
    // Orders sort by date then confirmation number, which grows with the index: keep the index.
    const byConfirmation = sortedIndex(orderMs, orderKeys);
    this.orderIndex = { ms: byConfirmation.ms, keys: Int32Array.from(byConfirmation.keys, (c) => indexOfConfirmation(c)) };
    this.shipmentIndex = sortedIndex(shipMs, shipKeys);
    this.invoiceIndex = sortedIndex(invMs, invKeys);
  }

  get orderCount(): number {
    return this.window.orders + this.placedOrders.length;
  }

  get shipmentCount(): number {
    return this.shipmentIndex.keys.length;
  }

  get invoiceCount(): number {
    return this.invoiceIndex.keys.length;
  }

  /** The generator's truth for generated order i (invoice descriptions included). */
  historyAt(index: number): SandboxOrderHistory {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const h = orderHistoryAt(this.window, index, true);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(index, h);
    return h;
  }

  /** Every order, generated then placed, in the list operations' order. */
  *orders(): Generator<SandboxPurchaseOrder> {
    for (const i of this.orderIndex.keys) yield this.historyAt(i).order;
    for (const p of this.placedOrders) yield p.order;
  }

  *shipments(): Generator<SandboxShipment> {
    for (const key of this.shipmentIndex.keys) yield this.shipmentAt(key);
  }

  *invoices(): Generator<SandboxInvoice> {
    for (const key of this.invoiceIndex.keys) yield this.invoiceAt(key);
  }

  private shipmentAt(key: number): SandboxShipment {
    const h = this.historyAt(Math.floor(key / SHIPMENT_SLOTS));
    return h.shipments.find((s) => slotKey(s.shipmentId) === key) as SandboxShipment;
  }

  private invoiceAt(key: number): SandboxInvoice {
    const h = this.historyAt(Math.floor(key / SHIPMENT_SLOTS));
    return h.invoices.find((v) => slotKey(v.invoiceNumber) === key) as SandboxInvoice;
  }

  // -------------------------------------------------------------------------------------------
  // Look-ups.

  /** The generated order a purchase order number names, if any. */
  generatedIndexOfPo(purchaseOrderNumber: string): number | undefined {
    for (const [source, prefix] of Object.entries(PO_PREFIX)) {
      if (!purchaseOrderNumber.startsWith(prefix)) continue;
      const digits = purchaseOrderNumber.slice(prefix.length);
      if (!/^\d+$/.test(digits)) return undefined;
      const index = Number(digits) - PO_NUMBER_BASE;
      if (index < 0 || index >= this.window.orders) return undefined;
      const h = this.historyAt(index);
      return h.order.orderSource === source && h.order.purchaseOrderNumber === purchaseOrderNumber ? index : undefined;
    }
    return undefined;
  }

  byPurchaseOrderNumber(purchaseOrderNumber: string): { order: SandboxPurchaseOrder; totalProductAmount: number } | undefined {
    const placed = this.placedByPo.get(purchaseOrderNumber);
    if (placed) return { order: placed.order, totalProductAmount: placed.totalProductAmount };
    const index = this.generatedIndexOfPo(purchaseOrderNumber);
    if (index === undefined) return undefined;
    const h = this.historyAt(index);
    const total = h.invoices.reduce((sum, v) => sum + Math.round(v.productAmount * 100), 0) / 100;
    return { order: h.order, totalProductAmount: total };
  }

  byConfirmationNumber(confirmation: string): SandboxPurchaseOrder | undefined {
    const placed = this.placedByConfirmation.get(confirmation);
    if (placed) return placed.order;
    if (!/^\d+$/.test(confirmation)) return undefined;
    const index = indexOfConfirmation(Number(confirmation));
    if (index < 0 || index >= this.window.orders) return undefined;
    const h = this.historyAt(index);
    return h.order.orderConfirmationNumber === confirmation ? h.order : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // The list operations: from <= date < to, by date then id, pages from 1.

  queryOrders(fromMs: number, toMs: number, po: string | null, page: number, size: number): Page<SandboxPurchaseOrder> {
    if (po !== null) {
      const found = this.byPurchaseOrderNumber(po)?.order;
      const inRange = found && Date.parse(found.orderDate) >= fromMs && Date.parse(found.orderDate) < toMs ? [found] : [];
      return { items: slice(inRange, page, size), totalCount: inRange.length };
    }
    const lo = lowerBound(this.orderIndex.ms, fromMs);
    const hi = Math.max(lo, lowerBound(this.orderIndex.ms, toMs));
    const placedLo = lowerBound(Float64Array.from(this.placedMs), fromMs);
    const placedHi = Math.max(placedLo, lowerBound(Float64Array.from(this.placedMs), toMs));
    const total = hi - lo + (placedHi - placedLo);
    const items: SandboxPurchaseOrder[] = [];
    for (let pos = (page - 1) * size; pos < Math.min(total, page * size); pos++) {
      const generated = lo + pos;
      if (generated < hi) items.push(this.historyAt(this.orderIndex.keys[generated] as number).order);
      else items.push((this.placedOrders[placedLo + generated - hi] as PlacedOrder).order);
    }
    return { items, totalCount: total };
  }

  queryShipments(fromMs: number, toMs: number, po: string | null, page: number, size: number): Page<SandboxShipment> {
    if (po !== null) {
      const index = this.generatedIndexOfPo(po);
      const all = index === undefined ? [] : this.historyAt(index).shipments;
      const inRange = all.filter((s) => Date.parse(s.shipDate) >= fromMs && Date.parse(s.shipDate) < toMs);
      return { items: slice(inRange, page, size), totalCount: inRange.length };
    }
    return this.indexPage(this.shipmentIndex, fromMs, toMs, page, size, (key) => this.shipmentAt(key));
  }

  queryInvoices(fromMs: number, toMs: number, po: string | null, page: number, size: number): Page<SandboxInvoice> {
    if (po !== null) {
      const index = this.generatedIndexOfPo(po);
      const all = index === undefined ? [] : this.historyAt(index).invoices;
      const inRange = all.filter((v) => Date.parse(v.invoiceDate) >= fromMs && Date.parse(v.invoiceDate) < toMs);
      return { items: slice(inRange, page, size), totalCount: inRange.length };
    }
    return this.indexPage(this.invoiceIndex, fromMs, toMs, page, size, (key) => this.invoiceAt(key));
  }

  private indexPage<T>(index: DateIndex, fromMs: number, toMs: number, page: number, size: number, at: (key: number) => T): Page<T> {
    const lo = lowerBound(index.ms, fromMs);
    const hi = Math.max(lo, lowerBound(index.ms, toMs));
    const items: T[] = [];
    for (let pos = lo + (page - 1) * size; pos < Math.min(hi, lo + page * size); pos++) items.push(at(index.keys[pos] as number));
    return { items, totalCount: hi - lo };
  }

  // -------------------------------------------------------------------------------------------
  // Orders placed through SubmitPurchaseOrder.

  nextConfirmationNumber(): string {
    return String(PLACED_CONFIRMATION_BASE + this.placedOrders.length);
  }

  place(order: PlacedOrder): void {
    this.placedOrders.push(order);
    this.placedMs.push(Date.parse(order.order.orderDate));
    this.placedByPo.set(order.request.purchaseOrderNumber, order);
    this.placedByConfirmation.set(order.order.orderConfirmationNumber, order);
  }

  /** The orders placed so far, oldest first (copies: the book's own stay as they are). */
  placed(): PlacedOrder[] {
    return structuredClone(this.placedOrders);
  }
}

function slice<T>(items: T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}
