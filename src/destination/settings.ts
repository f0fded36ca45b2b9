/** What the destination config means for each part: the dealer API client, and the rules of every order. */
import type { DestinationConfig } from '../generated/configs.js';
import type { KrollApiOptions } from '../kroll/soap/index.js';
import { ConfigError } from '../protocol/errors.js';
import type { OrderRules } from './purchase-order.js';

/** What the spec's keywords cannot say: a saved card for card payments, a ShipVia mapping without repeats. */
export function checkSettings(config: DestinationConfig): void {
  if (config.payment_terms === 'CreditCard' && !config.credit_card_description?.trim()) {
    throw new ConfigError(
      "Invalid config: 'payment_terms' is CreditCard, so 'credit_card_description' must name the card saved with Kroll (as your Kroll account shows it).",
    );
  }
  const seen = new Map<string, number>();
  (config.ship_via_mapping ?? []).forEach((entry, i) => {
    const key = entry.channel_method.trim().toLowerCase();
    if (key === '') throw new ConfigError(`Invalid config: 'ship_via_mapping[${i}].channel_method' is blank.`);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ConfigError(
        `Invalid config: 'ship_via_mapping[${i}].channel_method' ${JSON.stringify(entry.channel_method)} is listed already, as entry ${earlier} (methods are matched ignoring case).`,
      );
    }
    seen.set(key, i);
  });
}

export function orderRules(config: DestinationConfig): OrderRules {
  return {
    mapping: config.field_mapping,
    paymentTerms: config.payment_terms,
    creditCardDescription: config.credit_card_description?.trim() || null,
    defaultShipVia: config.default_ship_via,
    shipViaMapping: new Map((config.ship_via_mapping ?? []).map((e) => [e.channel_method.trim().toLowerCase(), e.ship_via])),
    fulfillmentMethod: config.fulfillment_method,
    dropShip: config.drop_ship,
    signatureRequired: config.signature_required,
    bypassAddressValidation: config.bypass_address_validation,
    countryCodeStyle: config.country_code_style,
  };
}

export function apiOptions(config: DestinationConfig): KrollApiOptions {
  const timeoutMs = config.api_timeout_seconds * 1000;
  return {
    baseUrl: config.api_base_url,
    accountNumber: config.account_number.trim(),
    userId: config.api_username.trim(),
    password: config.api_password,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
    concurrency: config.concurrency,
    retry: { attempts: config.api_retries + 1, baseDelayMs: config.api_retry_delay_seconds * 1000 },
  };
}
