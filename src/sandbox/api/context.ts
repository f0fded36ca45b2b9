/**
 * What every operation of the sandbox's service shares: its context (the seed, the products, the
 * order book, the clock), the shape of an error answer, and the address rules.
 */
import type { OrderBook } from '../orders/book.js';
import type { Value } from './wcf-read.js';
import type { Values } from './wcf-write.js';

export interface ApiContext {
  seed: number;
  /** Products in the catalog (SKUs of products 0..products-1 exist). */
  products: number;
  book: OrderBook;
  /** The sandbox's clock: its "now" plus the time since it started (UTC ms). */
  clockMs(): number;
}

export type Request = { readonly [key: string]: Value };
export type Handler = (request: Request, ctx: ApiContext) => Values;

export const error = (code: number, message: string, extra: Values = {}): Values => ({
  authenticationFailed: false,
  errorCode: code,
  errorMessage: message,
  ...extra,
});

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP AA AE AP'.split(' '),
);
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

/** Address checks shared by ValidateAddress and SubmitPurchaseOrder: the first problem, or null. */
export function addressProblem(a: { state: string; postalCode: string; country: string }): string | null {
  const country = a.country.trim().toUpperCase();
  const state = a.state.trim().toUpperCase();
  const postal = a.postalCode.trim();
  if (country === 'US' || country === 'USA') {
    if (!US_STATES.has(state)) return `"${a.state}" is not a US state code`;
    if (!/^\d{5}(-?\d{4})?$/.test(postal)) return `"${a.postalCode}" is not a US ZIP code`;
    return null;
  }
  if (country === 'CA' || country === 'CAN') {
    if (!CA_PROVINCES.has(state)) return `"${a.state}" is not a Canadian province code`;
    if (!/^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i.test(postal)) return `"${a.postalCode}" is not a Canadian postal code`;
    return null;
  }
  return `Kroll does not ship to the country "${a.country}"`;
}

