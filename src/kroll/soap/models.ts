/**
 * Kroll's data as the client hands it out: camelCase, numbers and booleans parsed, nil as null,
 * every list an array, dates as UTC ISO-8601 text. Each type follows from its data contract in
 * contract.ts; none is written by hand.
 */
import type {
  CheckOrderStatusResult,
  CheckProductAvailabilityResult,
  DetailLine,
  GetInvoicesResult,
  GetPurchaseOrdersResult,
  GetShipmentsResult,
  Invoice,
  InvoiceLine,
  OrderLine,
  ProductAvailability,
  PurchaseOrder,
  RejectedLine,
  Shipment,
  ShipmentLine,
  SubmitPurchaseOrderRequest,
  SubmitPurchaseOrderResult,
  ValidateAddressRequest,
  ValidateAddressResult,
} from './contract.js';
import type { ModelOf, RequestOf } from './schema.js';

export type KrollProductAvailability = ModelOf<typeof ProductAvailability>;
export type KrollAvailabilityResult = ModelOf<typeof CheckProductAvailabilityResult>;

/** An order to place: `detailLines` of `{ lineNumber, quantityOrdered, sku }`. */
export type KrollPurchaseOrderRequest = RequestOf<typeof SubmitPurchaseOrderRequest>;
export type KrollDetailLine = RequestOf<typeof DetailLine>;
export type KrollSubmitResult = ModelOf<typeof SubmitPurchaseOrderResult>;
export type KrollRejectedLine = ModelOf<typeof RejectedLine>;

export type KrollOrderLine = ModelOf<typeof OrderLine>;
export type KrollOrderStatusResult = ModelOf<typeof CheckOrderStatusResult>;

export type KrollAddressRequest = RequestOf<typeof ValidateAddressRequest>;
export type KrollAddressResult = ModelOf<typeof ValidateAddressResult>;

export type KrollPurchaseOrder = ModelOf<typeof PurchaseOrder>;
export type KrollShipment = ModelOf<typeof Shipment>;
export type KrollShipmentLine = ModelOf<typeof ShipmentLine>;
export type KrollInvoice = ModelOf<typeof Invoice>;
export type KrollInvoiceLine = ModelOf<typeof InvoiceLine>;

export type KrollPurchaseOrdersResult = ModelOf<typeof GetPurchaseOrdersResult>;
export type KrollShipmentsResult = ModelOf<typeof GetShipmentsResult>;
export type KrollInvoicesResult = ModelOf<typeof GetInvoicesResult>;

/** The query of a list operation. `from` is inclusive, `to` exclusive; pages count from 1. */
export interface KrollListQuery {
  from: Date;
  to: Date;
  /** Only this purchase order's records. */
  purchaseOrderNumber?: string | null;
  page: number;
  /** At most LIMITS.maxPageSize (500). */
  pageSize: number;
}

/** One page of a list operation. */
export interface KrollPage<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalCount: number;
  hasMore: boolean;
}
