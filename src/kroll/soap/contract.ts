/**
 * Kroll's dealer API as this project knows it: every operation, data contract and member name the
 * client sends and reads, the error codes and the throttling rule. Kroll publishes no WSDL; what
 * integrations that call the real service show is marked observed, the rest is our best design
 * ([assumed] in ../shared/docs/kroll-contract.md, section 3). When a real WSDL turns up, this is
 * the one file to change. The sandbox's SOAP service and its WSDL are built from it too, and the
 * diagnose command compares a real WSDL with `describeOperations()`.
 */
import type { FailureType } from '../../protocol/errors.js';
import {
  contract,
  credential,
  defaulted,
  enumOf,
  listOf,
  member,
  nillable,
  orderedMembers,
  strings,
  type DataContract,
  type Provenance,
} from './schema.js';

// ---------------------------------------------------------------------------------------------
// Transport [observed].

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  /** The service namespace: operation elements, `request`, `<Operation>Result`. */
  service: 'http://tempuri.org/',
  /** The data-contract namespace: every member inside a request or result. */
  dataContract: 'http://schemas.datacontract.org/2004/07/Kroll.Dealer.EBusiness',
  /** String arrays' `<string>` items. */
  arrays: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const SERVICE_CONTRACT = 'IEBusinessService';
export const SERVICE_NAME = 'EBusinessService';
export const soapAction = (operation: string): string => `${NS.service}${SERVICE_CONTRACT}/${operation}`;

export const DEFAULT_BASE_URL = 'https://api.krollcorp.com/EBusiness/Kroll.Dealer.EBusiness.svc/Basic';

// ---------------------------------------------------------------------------------------------
// Enumerations.

/** [observed] The 20 ShipVia values; matched exactly. BestRate and FlatRate let Kroll choose. */
export const SHIP_VIA = [
  'FedExPriorityOvernight',
  'CustomerPickUp',
  'FedExExpressSaver',
  'FedExStandardOvernight',
  'FedExGround',
  'FedExTwoDay',
  'UPSNextDayAir',
  'UPSSecondDayAir',
  'UPSGround',
  'UPSThreeDaySelect',
  'UPSNextDayAirSaver',
  'UPSNextDayAirEarlyAM',
  'UPSSecondDayAirAM',
  'USPSParcelPost',
  'USPSFirstClass',
  'LessThanLoadFreight',
  'ExpressMail',
  'FedExSmartPost',
  'BestRate',
  'FlatRate',
] as const;
export type ShipVia = (typeof SHIP_VIA)[number];

/** [observed] */
export const PAYMENT_METHODS = ['AccountTerms', 'CreditCard'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** [observed] The first is Kroll's default. */
export const FULFILLMENT_METHODS = [
  'ShipProductThatIsAvailableNowAndOtherProductWhenAvailable',
  'RejectOrderIfAllProductsAreNotAvailable',
] as const;
export type FulfillmentMethod = (typeof FULFILLMENT_METHODS)[number];

/** OrderAccepted [observed]; the others [assumed]. */
export const FULFILLMENT_STATUSES = ['OrderAccepted', 'OrderPartiallyAccepted', 'OrderRejected', 'DuplicatePurchaseOrder'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** [assumed] */
export const ORDER_STATUSES = ['Open', 'Processing', 'Backordered', 'PartiallyShipped', 'Shipped', 'Invoiced', 'Canceled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** [assumed] */
export const ORDER_SOURCES = ['Api', 'Web', 'Phone'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

// ---------------------------------------------------------------------------------------------
// Errors [assumed] and throttling [assumed].

export const ERROR_CODES = {
  ok: 0,
  authentication: 100,
  validation: 200,
  invalidShipVia: 201,
  unknownSku: 202,
  invalidAddress: 203,
  quantityBelowOne: 204,
  duplicatePurchaseOrder: 300,
  notAllAvailable: 310,
  orderNotFound: 400,
  internal: 500,
} as const;

/** What an ErrorCode means for a sync that gets it (the destination reads the codes itself). */
export function failureTypeOfCode(code: number): FailureType {
  if (code === ERROR_CODES.authentication) return 'config_error';
  if (code === ERROR_CODES.internal) return 'transient_error';
  return 'system_error';
}

/** Kroll throttles with HTTP 503 and a Retry-After header in seconds. */
export const THROTTLING = { status: 503, retryAfterHeader: 'retry-after' } as const;

/** [assumed] Limits of the list operations and of CheckProductAvailability. */
export const LIMITS = { maxPageSize: 500, defaultPageSize: 100, maxSkusPerCall: 1000 } as const;

// ---------------------------------------------------------------------------------------------
// Data contracts.

const CREDENTIALS = {
  dealerAccountNumber: credential('DealerAccountNumber'),
  password: credential('Password'),
  userId: credential('UserId'),
} as const;

/** Members every result carries. */
const RESULT_STATUS = {
  authenticationFailed: member('AuthenticationFailed', 'boolean', { pinned: true }),
  errorCode: member('ErrorCode', 'int', { assumed: true }),
  errorMessage: nillable('ErrorMessage', 'string', { assumed: true }),
} as const;

const PAGING_RESULT = {
  hasMore: member('HasMore', 'boolean'),
  pageNumber: member('PageNumber', 'int'),
  pageSize: member('PageSize', 'int'),
  totalCount: member('TotalCount', 'int'),
} as const;

const PAGING_REQUEST = {
  pageNumber: member('PageNumber', 'int'),
  pageSize: member('PageSize', 'int'),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
} as const;

export const ProductAvailability = contract('ProductAvailability', 'observed', {
  dealerCost: nillable('DealerCost', 'decimal'),
  height: nillable('Height', 'decimal', { assumed: true }),
  length: nillable('Length', 'decimal', { assumed: true }),
  mapPrice: nillable('MAPPrice', 'decimal', { assumed: true }),
  quantityAvailable: member('QuantityAvailable', 'int'),
  sku: member('Sku', 'string'),
  skuFound: member('SkuFound', 'boolean'),
  suggestedRetailPrice: nillable('SuggestedRetailPrice', 'decimal'),
  weight: nillable('Weight', 'decimal', { assumed: true }),
  width: nillable('Width', 'decimal', { assumed: true }),
});

export const CheckProductAvailabilityRequest = contract('CheckProductAvailabilityRequest', 'observed', {
  ...CREDENTIALS,
  skuList: member('SkuList', strings),
});

export const CheckProductAvailabilityResult = contract('CheckProductAvailabilityResult', 'observed', {
  ...RESULT_STATUS,
  list: member('List', listOf(ProductAvailability)),
});

export const DetailLine = contract('DetailLine', 'observed', {
  lineNumber: member('LineNumber', 'int'),
  quantityOrdered: member('QuantityOrdered', 'int'),
  sku: member('Sku', 'string'),
});

export const SubmitPurchaseOrderRequest = contract('SubmitPurchaseOrderRequest', 'observed', {
  ...CREDENTIALS,
  bypassAddressValidation: defaulted('BypassAddressValidation', 'boolean', false),
  confirmToEmailAddress: nillable('ConfirmToEmailAddress', 'string'),
  confirmToName: nillable('ConfirmToName', 'string'),
  detailLines: member('DetailLines', listOf(DetailLine)),
  externalPo: nillable('ExternalPO', 'string'),
  fulfillmentMethod: nillable('FulfillmentMethod', enumOf(FULFILLMENT_METHODS)),
  isDropShip: defaulted('IsDropShip', 'boolean', false),
  krollVaultCreditCardDescription: nillable('KrollVaultCreditCardDescription', 'string'),
  paymentMethod: member('PaymentMethod', enumOf(PAYMENT_METHODS)),
  purchaseOrderNumber: member('PurchaseOrderNumber', 'string'),
  shipToAddress1: member('ShipToAddress1', 'string'),
  shipToAddress2: nillable('ShipToAddress2', 'string'),
  shipToAddress3: nillable('ShipToAddress3', 'string'),
  shipToCity: member('ShipToCity', 'string'),
  shipToCountryCode: member('ShipToCountryCode', 'string'),
  shipToName: member('ShipToName', 'string'),
  shipToPostalCode: member('ShipToPostalCode', 'string'),
  shipToStateProvince: member('ShipToStateProvince', 'string'),
  shipToTelephoneNumber: nillable('ShipToTelephoneNumber', 'string'),
  shipVia: member('ShipVia', enumOf(SHIP_VIA)),
  signatureRequired: defaulted('SignatureRequired', 'boolean', false),
});

export const RejectedLine = contract('RejectedLine', 'assumed', {
  lineNumber: member('LineNumber', 'int'),
  quantityAvailable: member('QuantityAvailable', 'int'),
  quantityRequested: member('QuantityRequested', 'int'),
  reason: nillable('Reason', 'string'),
  sku: member('Sku', 'string'),
});

export const SubmitPurchaseOrderResult = contract('SubmitPurchaseOrderResult', 'observed', {
  ...RESULT_STATUS,
  comment: nillable('Comment', 'string'),
  fulfillmentStatus: member('FulfillmentStatus', enumOf(FULFILLMENT_STATUSES)),
  orderConfirmationNumber: nillable('OrderConfirmationNumber', 'string'),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
  rejectedLines: member('RejectedLines', listOf(RejectedLine), { assumed: true }),
  totalProductAmount: member('TotalProductAmount', 'decimal'),
});

/** [assumed] A line of an order as CheckOrderStatus and GetPurchaseOrders report it. */
export const OrderLine = contract('OrderLine', 'assumed', {
  lineNumber: member('LineNumber', 'int'),
  quantityBackordered: member('QuantityBackordered', 'int'),
  quantityCanceled: member('QuantityCanceled', 'int'),
  quantityOrdered: member('QuantityOrdered', 'int'),
  quantityShipped: member('QuantityShipped', 'int'),
  sku: member('Sku', 'string'),
});

export const CheckOrderStatusRequest = contract('CheckOrderStatusRequest', 'observed', {
  ...CREDENTIALS,
  orderConfirmationNumber: member('OrderConfirmationNumber', 'string'),
});

export const CheckOrderStatusResult = contract('CheckOrderStatusResult', 'observed', {
  ...RESULT_STATUS,
  lines: member('Lines', listOf(OrderLine), { assumed: true }),
  orderConfirmationNumber: nillable('OrderConfirmationNumber', 'string'),
  orderDate: member('OrderDate', 'dateTime'),
  orderStatus: member('OrderStatus', enumOf(ORDER_STATUSES), { assumed: true }),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
});

export const ValidateAddressRequest = contract('ValidateAddressRequest', 'observed', {
  ...CREDENTIALS,
  address1: member('Address1', 'string'),
  address2: nillable('Address2', 'string'),
  city: member('City', 'string'),
  country: member('Country', 'string'),
  postalCode: member('PostalCode', 'string'),
  state: member('State', 'string'),
});

export const ValidateAddressResult = contract('ValidateAddressResult', 'observed', {
  ...RESULT_STATUS,
  addressValid: member('AddressValid', 'boolean'),
  returnedAddress1: nillable('ReturnedAddress1', 'string'),
  returnedAddressCity: nillable('ReturnedAddressCity', 'string'),
  returnedAddressPostalCode: nillable('ReturnedAddressPostalCode', 'string'),
  returnedAddressState: nillable('ReturnedAddressState', 'string'),
  score: member('Score', 'decimal'),
});

export const PurchaseOrder = contract('PurchaseOrder', 'assumed', {
  externalPo: nillable('ExternalPO', 'string'),
  lines: member('Lines', listOf(OrderLine)),
  orderConfirmationNumber: member('OrderConfirmationNumber', 'string'),
  orderDate: member('OrderDate', 'dateTime'),
  orderSource: member('OrderSource', enumOf(ORDER_SOURCES)),
  orderStatus: member('OrderStatus', enumOf(ORDER_STATUSES)),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
});

export const GetPurchaseOrdersRequest = contract('GetPurchaseOrdersRequest', 'assumed', {
  ...CREDENTIALS,
  orderedFrom: member('OrderedFrom', 'dateTime'),
  orderedTo: member('OrderedTo', 'dateTime'),
  ...PAGING_REQUEST,
});

export const GetPurchaseOrdersResult = contract('GetPurchaseOrdersResult', 'assumed', {
  ...RESULT_STATUS,
  ...PAGING_RESULT,
  orders: member('Orders', listOf(PurchaseOrder)),
});

export const ShipmentLine = contract('ShipmentLine', 'assumed', {
  lineNumber: member('LineNumber', 'int'),
  quantityShipped: member('QuantityShipped', 'int'),
  sku: member('Sku', 'string'),
});

export const Shipment = contract('Shipment', 'assumed', {
  carrier: nillable('Carrier', 'string'),
  externalPo: nillable('ExternalPO', 'string'),
  freightAmount: member('FreightAmount', 'decimal'),
  isComplete: member('IsComplete', 'boolean'),
  lines: member('Lines', listOf(ShipmentLine)),
  orderConfirmationNumber: member('OrderConfirmationNumber', 'string'),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
  shipDate: member('ShipDate', 'dateTime'),
  shipVia: nillable('ShipVia', 'string'),
  shipmentId: member('ShipmentId', 'string'),
  trackingNumbers: member('TrackingNumbers', strings),
});

export const GetShipmentsRequest = contract('GetShipmentsRequest', 'assumed', {
  ...CREDENTIALS,
  shippedFrom: member('ShippedFrom', 'dateTime'),
  shippedTo: member('ShippedTo', 'dateTime'),
  ...PAGING_REQUEST,
});

export const GetShipmentsResult = contract('GetShipmentsResult', 'assumed', {
  ...RESULT_STATUS,
  ...PAGING_RESULT,
  shipments: member('Shipments', listOf(Shipment)),
});

export const InvoiceLine = contract('InvoiceLine', 'assumed', {
  description: nillable('Description', 'string'),
  extendedPrice: member('ExtendedPrice', 'decimal'),
  lineNumber: member('LineNumber', 'int'),
  quantityInvoiced: member('QuantityInvoiced', 'int'),
  sku: member('Sku', 'string'),
  unitPrice: member('UnitPrice', 'decimal'),
});

export const Invoice = contract('Invoice', 'assumed', {
  dueDate: nillable('DueDate', 'dateTime'),
  externalPo: nillable('ExternalPO', 'string'),
  freightAmount: member('FreightAmount', 'decimal'),
  handlingAmount: member('HandlingAmount', 'decimal'),
  invoiceDate: member('InvoiceDate', 'dateTime'),
  invoiceNumber: member('InvoiceNumber', 'string'),
  lines: member('Lines', listOf(InvoiceLine)),
  orderConfirmationNumber: member('OrderConfirmationNumber', 'string'),
  paymentTerms: nillable('PaymentTerms', 'string'),
  productAmount: member('ProductAmount', 'decimal'),
  purchaseOrderNumber: nillable('PurchaseOrderNumber', 'string'),
  shipmentId: nillable('ShipmentId', 'string'),
  taxAmount: member('TaxAmount', 'decimal'),
  totalAmount: member('TotalAmount', 'decimal'),
});

export const GetInvoicesRequest = contract('GetInvoicesRequest', 'assumed', {
  ...CREDENTIALS,
  invoicedFrom: member('InvoicedFrom', 'dateTime'),
  invoicedTo: member('InvoicedTo', 'dateTime'),
  ...PAGING_REQUEST,
});

export const GetInvoicesResult = contract('GetInvoicesResult', 'assumed', {
  ...RESULT_STATUS,
  ...PAGING_RESULT,
  invoices: member('Invoices', listOf(Invoice)),
});

// ---------------------------------------------------------------------------------------------
// Operations.

export interface Operation<Req extends DataContract = DataContract, Res extends DataContract = DataContract> {
  readonly name: string;
  readonly provenance: Provenance;
  readonly request: Req;
  readonly result: Res;
}

const operation = <Req extends DataContract, Res extends DataContract>(
  name: string,
  provenance: Provenance,
  request: Req,
  result: Res,
): Operation<Req, Res> => ({ name, provenance, request, result });

export const OPERATIONS = {
  checkProductAvailability: operation('CheckProductAvailability', 'observed', CheckProductAvailabilityRequest, CheckProductAvailabilityResult),
  submitPurchaseOrder: operation('SubmitPurchaseOrder', 'observed', SubmitPurchaseOrderRequest, SubmitPurchaseOrderResult),
  checkOrderStatus: operation('CheckOrderStatus', 'observed', CheckOrderStatusRequest, CheckOrderStatusResult),
  validateAddress: operation('ValidateAddress', 'observed', ValidateAddressRequest, ValidateAddressResult),
  /** Ordered by OrderDate, then OrderConfirmationNumber; OrderedFrom <= OrderDate < OrderedTo. */
  getPurchaseOrders: operation('GetPurchaseOrders', 'assumed', GetPurchaseOrdersRequest, GetPurchaseOrdersResult),
  /** Ordered by ShipDate, then ShipmentId; ShippedFrom <= ShipDate < ShippedTo. */
  getShipments: operation('GetShipments', 'assumed', GetShipmentsRequest, GetShipmentsResult),
  /** Ordered by InvoiceDate, then InvoiceNumber; InvoicedFrom <= InvoiceDate < InvoicedTo. */
  getInvoices: operation('GetInvoices', 'assumed', GetInvoicesRequest, GetInvoicesResult),
} as const;

export type OperationKey = keyof typeof OPERATIONS;

export const operationByName = (name: string): Operation | undefined =>
  Object.values(OPERATIONS).find((op) => op.name === name);

// ---------------------------------------------------------------------------------------------
// Names, for comparing with a real WSDL or a real answer.

export interface MemberName {
  name: string;
  provenance: Provenance;
  /** The item contract of a list member, described the same way. */
  items?: ContractNames;
}

export interface ContractNames {
  contract: string;
  provenance: Provenance;
  members: MemberName[];
}

export interface OperationNames {
  operation: string;
  provenance: Provenance;
  soapAction: string;
  request: ContractNames;
  result: ContractNames;
}

function contractNames(c: DataContract): ContractNames {
  return {
    contract: c.name,
    provenance: c.provenance,
    members: orderedMembers(c).map(([, m]) => ({
      name: m.wire,
      provenance: m.provenance,
      ...(typeof m.type === 'object' && m.type.kind === 'list' ? { items: contractNames(m.type.item) } : {}),
    })),
  };
}

/** Every operation and member the client sends and reads, observed and assumed ones marked. */
export function describeOperations(): OperationNames[] {
  return Object.values(OPERATIONS).map((op) => ({
    operation: op.name,
    provenance: op.provenance,
    soapAction: soapAction(op.name),
    request: contractNames(op.request),
    result: contractNames(op.result),
  }));
}
