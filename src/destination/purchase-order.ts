/**
 * A fulfillment request (one record) made into Kroll's purchase order, as the mapping template
 * says, with every problem found on the way: nothing is sent for a record with a problem, and the
 * user is told all of them at once, each naming the record field it is about.
 *
 * What Kroll requires is read from the data contract (a member that cannot be nil must have a
 * value); the rules Kroll applies on its side (ShipVia, payment method, quantities, lines) are
 * checked here too, so that an order Kroll would refuse is never sent.
 */
import type { DestinationConfig } from '../generated/configs.js';
import { SubmitPurchaseOrderRequest } from '../kroll/soap/contract.js';
import {
  INT_RANGE,
  PAYMENT_METHODS,
  SHIP_VIA,
  type FulfillmentMethod,
  type KrollDetailLine,
  type KrollPurchaseOrderRequest,
  type PaymentMethod,
  type ShipVia,
} from '../kroll/soap/index.js';
import { countryCode, type CountryCodeStyle } from './country.js';

export type FieldMapping = DestinationConfig['field_mapping'];

/** What the config says about every order: the template, and the values a record may leave out. */
export interface OrderRules {
  mapping: FieldMapping;
  paymentTerms: PaymentMethod;
  creditCardDescription: string | null;
  defaultShipVia: ShipVia;
  /** Channel method (trimmed, lower case) -> Kroll value. */
  shipViaMapping: ReadonlyMap<string, ShipVia>;
  fulfillmentMethod: FulfillmentMethod;
  dropShip: boolean;
  signatureRequired: boolean;
  bypassAddressValidation: boolean;
  countryCodeStyle: CountryCodeStyle;
}

export type PreparedOrder =
  | { ok: true; orderId: string; order: KrollPurchaseOrderRequest }
  | { ok: false; orderId: string | null; problems: string[] };

/** The text members of the order and the template entry that feeds each. */
const TEXT_MEMBERS = {
  purchase_order_number: 'purchaseOrderNumber',
  external_po: 'externalPo',
  ship_to_name: 'shipToName',
  ship_to_address1: 'shipToAddress1',
  ship_to_address2: 'shipToAddress2',
  ship_to_address3: 'shipToAddress3',
  ship_to_city: 'shipToCity',
  ship_to_state_province: 'shipToStateProvince',
  ship_to_postal_code: 'shipToPostalCode',
  ship_to_telephone_number: 'shipToTelephoneNumber',
  confirm_to_name: 'confirmToName',
  confirm_to_email_address: 'confirmToEmailAddress',
} as const satisfies Partial<Record<keyof FieldMapping, keyof KrollPurchaseOrderRequest>>;

type TextMember = (typeof TEXT_MEMBERS)[keyof typeof TEXT_MEMBERS];

/** Kroll needs a value: the member cannot be nil and has no default. */
const required = (member: keyof typeof SubmitPurchaseOrderRequest.members): boolean => {
  const m = SubmitPurchaseOrderRequest.members[member];
  return !m.nullable && !('defaultValue' in m);
};

/** DetailLine's LineNumber and QuantityOrdered are the contract's `int`s: at most INT_RANGE.max. */
const LINE_INTEGER = `a whole number from 1 to ${INT_RANGE.max.toLocaleString('en-US')}`;
/**
 * What XML (and so Kroll's API) cannot carry: control characters, U+FFFE and U+FFFF, and a lone
 * surrogate (half of a UTF-16 pair, which JSON's \uD800 escape can make): it is no character at
 * all, and would reach Kroll as U+FFFD. In a `u` pattern, \p{Cs} matches only unpaired ones.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** How a wrong value is named in a problem: its kind, and its value (text cut at 40 characters). */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${JSON.stringify(value)}`;
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : 'an object';
}

/** Collects problems in the order found, each once. */
class Problems {
  private readonly found = new Set<string>();
  add(problem: string): void {
    this.found.add(problem);
  }
  get list(): string[] {
    return [...this.found];
  }
}

/** A value that could not be reached because a step of its path is missing or not an object (already a problem). */
const UNREACHABLE = Symbol('unreachable');

/**
 * The value at a field path (`ship_to.city`) inside `root`, named with `prefix` in problems. A
 * missing step on the way is a problem of its own ("ship_to is missing") when the value is
 * required, so that one missing object is one problem, not one per field; a step that is not an
 * object always is. Only the objects' own properties are read.
 */
function valueAt(root: Record<string, unknown>, path: string, prefix: string, need: boolean, problems: Problems): unknown {
  const parts = path.split('.');
  let current: unknown = root;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const above = [prefix, ...parts.slice(0, i)].filter(Boolean).join('.');
      if (current === undefined || current === null) {
        if (!need) return undefined;
        problems.add(`${above} is missing`);
        return UNREACHABLE;
      }
      if (!isObject(current)) {
        problems.add(`${above} must be an object, not ${shown(current)}`);
        return UNREACHABLE;
      }
    }
    // Own properties only: a path such as "constructor" must not find what every object inherits.
    current = Object.hasOwn(current as object, part) ? (current as Record<string, unknown>)[part] : undefined;
  }
  return current;
}

/**
 * A text value, trimmed; null when absent or blank. Problems: missing when `need`, not text, or a
 * control character that XML (and so Kroll's API) cannot carry.
 */
function text(value: unknown, field: string, need: boolean, problems: Problems): string | null {
  if (value === UNREACHABLE) return null;
  if (value === undefined || value === null) {
    if (need) problems.add(`${field} is missing`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.add(`${field} must be text, not ${shown(value)}`);
    return null;
  }
  const match = NOT_XML.exec(value);
  if (match) {
    const code = match[0].charCodeAt(0);
    const what = code >= 0xd800 && code <= 0xdfff ? 'a lone surrogate' : 'the control character';
    problems.add(`${field} holds ${what} U+${code.toString(16).toUpperCase().padStart(4, '0')}, which Kroll's API cannot carry`);
    return null;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    if (need) problems.add(`${field} is empty`);
    return null;
  }
  return trimmed;
}

const SHIP_VIA_VALUES: readonly string[] = SHIP_VIA;

function shipVia(value: unknown, field: string, rules: OrderRules, problems: Problems): ShipVia | null {
  const given = text(value, field, false, problems);
  if (given === null) return rules.defaultShipVia;
  const mapped = rules.shipViaMapping.get(given.toLowerCase());
  if (mapped !== undefined) return mapped;
  if (SHIP_VIA_VALUES.includes(given)) return given as ShipVia;
  const near = SHIP_VIA.find((v) => v.toLowerCase() === given.toLowerCase());
  problems.add(
    `${field} ${JSON.stringify(given)} is not one of Kroll's 20 ShipVia values, nor a method of the config's ShipVia mapping` +
      (near ? ` (did you mean "${near}"?)` : ''),
  );
  return null;
}

function paymentMethod(value: unknown, field: string, rules: OrderRules, problems: Problems): PaymentMethod | null {
  const given = text(value, field, false, problems);
  let method: PaymentMethod;
  if (given === null) method = rules.paymentTerms;
  else if ((PAYMENT_METHODS as readonly string[]).includes(given)) method = given as PaymentMethod;
  else {
    problems.add(`${field} ${JSON.stringify(given)} must be AccountTerms or CreditCard`);
    return null;
  }
  if (method === 'CreditCard' && rules.creditCardDescription === null) {
    problems.add(`${given === null ? 'the payment terms are' : `${field} is`} CreditCard, but the config names no saved card (credit_card_description)`);
  }
  return method;
}

function flag(value: unknown, field: string, fallback: boolean, problems: Problems): boolean {
  if (value === UNREACHABLE || value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.add(`${field} must be true or false, not ${shown(value)}`);
  return fallback;
}

function country(value: unknown, field: string, rules: OrderRules, problems: Problems): string | null {
  const given = text(value, field, true, problems);
  if (given === null) return null;
  const code = countryCode(given, rules.countryCodeStyle);
  if (code === undefined) problems.add(`${field} ${JSON.stringify(given)} is not an ISO 3166 country code of two or three letters (US, USA)`);
  return code ?? null;
}

/** A quantity or line number: a whole number from 1 that fits the contract's `int`; `fallback` when absent (missing is a problem without one). */
function lineInteger(value: unknown, field: string, fallback: number | null, problems: Problems): number | null {
  if (value === UNREACHABLE) return null;
  if (value === undefined || value === null) {
    if (fallback === null) problems.add(`${field} is missing`);
    return fallback;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= INT_RANGE.max) return value;
  problems.add(`${field} must be ${LINE_INTEGER}, not ${shown(value)}`);
  return null;
}

function detailLines(record: Record<string, unknown>, mapping: FieldMapping, problems: Problems): KrollDetailLine[] {
  const field = mapping.lines;
  const value = valueAt(record, field, '', true, problems);
  if (value === UNREACHABLE) return [];
  if (value === undefined || value === null) {
    problems.add(`${field} is missing`);
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add(`${field} must be a list of lines, not ${shown(value)}`);
    return [];
  }
  if (value.length === 0) {
    problems.add(`${field} is empty: an order needs at least one line`);
    return [];
  }
  // Each line as read; `lineNumber` undefined when the line has none, null when its own is not valid.
  const read = value.map((item: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(item)) {
      problems.add(`${at} must be an object, not ${shown(item)}`);
      return null;
    }
    const sku = text(valueAt(item, mapping.line_sku, at, true, problems), `${at}.${mapping.line_sku}`, true, problems);
    const quantity = lineInteger(valueAt(item, mapping.line_quantity, at, true, problems), `${at}.${mapping.line_quantity}`, null, problems);
    const own = valueAt(item, mapping.line_number, at, false, problems);
    const lineNumber = own === undefined || own === null ? undefined : lineInteger(own, `${at}.${mapping.line_number}`, null, problems);
    return { at, sku, quantity, lineNumber };
  });

  const taken = new Map<number, string>();
  for (const line of read) {
    if (typeof line?.lineNumber !== 'number') continue;
    const earlier = taken.get(line.lineNumber);
    if (earlier !== undefined) problems.add(`${line.at} has line number ${line.lineNumber}, as ${earlier} has: line numbers must differ`);
    else taken.set(line.lineNumber, line.at);
  }
  // A line without a number gets the smallest one no line has yet, in order: 1, 2, 3... when none has one.
  let next = 1;
  const lines: KrollDetailLine[] = [];
  for (const line of read) {
    if (line === null) continue;
    if (line.lineNumber === undefined) {
      while (taken.has(next)) next++;
      line.lineNumber = next;
      taken.set(next, line.at);
    }
    if (line.sku !== null && line.quantity !== null && line.lineNumber !== null) lines.push({ lineNumber: line.lineNumber, quantityOrdered: line.quantity, sku: line.sku });
  }
  return lines;
}

/** The record as Kroll's purchase order, or every problem that keeps it from being sent. */
export function preparePurchaseOrder(record: Record<string, unknown>, rules: OrderRules): PreparedOrder {
  const problems = new Problems();
  const { mapping } = rules;
  const read = (path: string, need: boolean): unknown => valueAt(record, path, '', need, problems);
  // The order id names the order in every message, whatever the template sends as Kroll's number.
  const orderId = text(record.order_id, 'order_id', true, problems);

  const texts = new Map<TextMember, string | null>();
  for (const [entry, member] of Object.entries(TEXT_MEMBERS) as [keyof typeof TEXT_MEMBERS, TextMember][]) {
    const need = required(member);
    texts.set(member, text(read(mapping[entry], need), mapping[entry], need, problems));
  }
  const ship = shipVia(read(mapping.ship_via, false), mapping.ship_via, rules, problems);
  const payment = paymentMethod(read(mapping.payment_method, false), mapping.payment_method, rules, problems);
  const countryCodeSent = country(read(mapping.ship_to_country_code, true), mapping.ship_to_country_code, rules, problems);
  const signature = flag(read(mapping.signature_required, false), mapping.signature_required, rules.signatureRequired, problems);
  const lines = detailLines(record, mapping, problems);

  const found = problems.list;
  if (found.length > 0 || orderId === null || ship === null || payment === null || countryCodeSent === null) {
    return { ok: false, orderId, problems: found };
  }
  const optional = (member: TextMember): string | null => texts.get(member) ?? null;
  // Each required member was checked: a problem was recorded for every one without a value.
  const must = (member: TextMember): string => {
    const value = texts.get(member);
    if (value === null || value === undefined) throw new Error(`${member} has no value, yet no problem was recorded`);
    return value;
  };
  return {
    ok: true,
    orderId,
    order: {
      purchaseOrderNumber: must('purchaseOrderNumber'),
      externalPo: optional('externalPo'),
      paymentMethod: payment,
      krollVaultCreditCardDescription: payment === 'CreditCard' ? rules.creditCardDescription : null,
      shipVia: ship,
      fulfillmentMethod: rules.fulfillmentMethod,
      isDropShip: rules.dropShip,
      signatureRequired: signature,
      bypassAddressValidation: rules.bypassAddressValidation,
      shipToName: must('shipToName'),
      shipToAddress1: must('shipToAddress1'),
      shipToAddress2: optional('shipToAddress2'),
      shipToAddress3: optional('shipToAddress3'),
      shipToCity: must('shipToCity'),
      shipToStateProvince: must('shipToStateProvince'),
      shipToPostalCode: must('shipToPostalCode'),
      shipToCountryCode: countryCodeSent,
      shipToTelephoneNumber: optional('shipToTelephoneNumber'),
      confirmToName: optional('confirmToName'),
      confirmToEmailAddress: optional('confirmToEmailAddress'),
      detailLines: lines,
    },
  };
}
