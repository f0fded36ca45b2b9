/**
 * The order of each shipment, for the shipments stream: whether it was placed through the API
 * (GetPurchaseOrders lists web and phone orders too, each with its OrderSource) and how many units
 * it ordered (for `partial`).
 *
 * Cheap and bounded: shipments come in ship-date order and follow their order by days, rarely by
 * more than a few weeks, so the orders dated in the HORIZON_DAYS before a page's shipments are read
 * in bulk (GetPurchaseOrders over that window, less what earlier pages covered: a page of up to 500
 * orders per call), and orders older than the window are dropped as it moves on. A shipment whose
 * order is older still is looked up alone, by its purchase order number (GetPurchaseOrders'
 * PurchaseOrderNumber filter), once.
 */
import { pMapIterable } from 'p-map';
import { OperationNotOfferedError, type KrollApiClient, type KrollPurchaseOrder, type KrollShipment, type OrderSource } from '../../kroll/soap/index.js';
import type { ReadContext } from '../stream.js';
import { pagesOf } from './paging.js';

export interface OrderFacts {
  source: OrderSource;
  unitsOrdered: number;
}

const DAY_MS = 86_400_000;
/** How long before a page's shipments their orders are read in bulk. */
const HORIZON_DAYS = 30;
/** An order looked up alone is searched from here on. */
const EARLIEST_ORDER_MS = Date.UTC(2000, 0, 1);
/** Orders a purchase order number can name (one, unless Kroll took it twice). */
const ALONE_PAGE_SIZE = 10;

function factsOf(order: KrollPurchaseOrder): OrderFacts {
  return { source: order.orderSource, unitsOrdered: order.lines.reduce((sum, line) => sum + line.quantityOrdered, 0) };
}

export class OrderLookup {
  private readonly recent = new Map<string, OrderFacts & { orderMs: number }>();
  private covered: { fromMs: number; toMs: number } | undefined;
  /** Orders looked up alone, by purchase order number; null when Kroll has none. */
  private readonly alone = new Map<string, OrderFacts | null>();
  private unavailable = false;

  constructor(
    private readonly client: KrollApiClient,
    private readonly context: ReadContext,
  ) {}

  /** Makes the orders of these shipments known to `orderOf`. */
  async load(shipments: KrollShipment[]): Promise<void> {
    if (this.unavailable || shipments.length === 0) return;
    try {
      const dates = shipments.map((s) => Date.parse(s.shipDate));
      await this.cover(Math.min(...dates) - HORIZON_DAYS * DAY_MS, Math.max(...dates) + DAY_MS);
      const older = new Map<string, number>();
      for (const s of shipments) {
        const po = s.purchaseOrderNumber;
        if (po !== null && !this.recent.has(s.orderConfirmationNumber) && !this.alone.has(po)) older.set(po, Date.parse(s.shipDate));
      }
      const lookUps = pMapIterable(older, ([po, shipMs]) => this.lookUp(po, shipMs), { concurrency: this.context.config.api_concurrency });
      for await (const _ of lookUps);
    } catch (error) {
      if (!(error instanceof OperationNotOfferedError)) throw error;
      this.unavailable = true;
      this.context.log(
        'WARN',
        `shipments: ${error.message} Without it the connector cannot tell which purchase orders were placed through the API: ` +
          `no "Cannot find a purchase order" warnings, and partial is left null.`,
      );
    }
  }

  /** The shipment's order; null when Kroll has none; undefined when the connector cannot tell. */
  orderOf(shipment: KrollShipment): OrderFacts | null | undefined {
    if (this.unavailable) return undefined;
    const recent = this.recent.get(shipment.orderConfirmationNumber);
    if (recent) return recent;
    return shipment.purchaseOrderNumber === null ? null : (this.alone.get(shipment.purchaseOrderNumber) ?? null);
  }

  /** Holds the orders dated in [fromMs, toMs), reading only what is not held yet. */
  private async cover(fromMs: number, toMs: number): Promise<void> {
    const held = this.covered;
    if (held === undefined || toMs <= held.fromMs || fromMs >= held.toMs) {
      this.recent.clear();
      await this.read(fromMs, toMs);
      this.covered = { fromMs, toMs };
      return;
    }
    if (fromMs < held.fromMs) await this.read(fromMs, held.fromMs);
    if (toMs > held.toMs) await this.read(held.toMs, toMs);
    for (const [key, order] of this.recent) if (order.orderMs < fromMs) this.recent.delete(key);
    this.covered = { fromMs, toMs: Math.max(toMs, held.toMs) };
  }

  private async read(fromMs: number, toMs: number): Promise<void> {
    const pageSize = this.context.config.page_size;
    const fetch = (page: number) => this.client.getPurchaseOrders({ from: new Date(fromMs), to: new Date(toMs), page, pageSize });
    for await (const page of pagesOf('GetPurchaseOrders', fetch, (o) => o.orderConfirmationNumber)) {
      for (const order of page.items) this.recent.set(order.orderConfirmationNumber, { ...factsOf(order), orderMs: Date.parse(order.orderDate) });
    }
  }

  private async lookUp(purchaseOrderNumber: string, shipMs: number): Promise<void> {
    const page = await this.client.getPurchaseOrders({
      from: new Date(EARLIEST_ORDER_MS),
      to: new Date(shipMs + DAY_MS),
      purchaseOrderNumber,
      page: 1,
      pageSize: ALONE_PAGE_SIZE,
    });
    const order = page.items.find((o) => o.purchaseOrderNumber === purchaseOrderNumber);
    this.alone.set(purchaseOrderNumber, order ? factsOf(order) : null);
  }
}
