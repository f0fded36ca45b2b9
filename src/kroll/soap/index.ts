/** Kroll's dealer API (SOAP): the typed client, its models and the contract it follows. */
export { KrollApiClient, type KrollApiOptions, type CallOptions, type RetryEvent, type RequestFor, type ResultFor } from './client.js';
export { KrollApiError, KrollAuthenticationError, OperationNotOfferedError } from './errors.js';
export type { MemberReport } from './decode.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { INT_RANGE } from './schema.js';
export * from './models.js';
export {
  DEFAULT_BASE_URL,
  ERROR_CODES,
  FULFILLMENT_METHODS,
  FULFILLMENT_STATUSES,
  LIMITS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  SHIP_VIA,
  describeOperations,
  type FulfillmentMethod,
  type FulfillmentStatus,
  type OperationNames,
  type OrderSource,
  type OrderStatus,
  type PaymentMethod,
  type ShipVia,
} from './contract.js';
