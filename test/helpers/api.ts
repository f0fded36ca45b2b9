/** A dealer API client for a sandbox, with test-friendly retry settings. */
import { KrollApiClient, type KrollApiOptions } from '../../src/kroll/soap/index.js';
import type { Sandbox } from './sandbox.js';

export function apiClient(box: Sandbox, overrides: Partial<KrollApiOptions> = {}): KrollApiClient {
  const c = box.info.source_config as { api_base_url: string; account_number: string; api_username: string; api_password: string };
  return new KrollApiClient({
    baseUrl: c.api_base_url,
    accountNumber: c.account_number,
    userId: c.api_username,
    password: c.api_password,
    ...overrides,
    retry: { attempts: 8, baseDelayMs: 2, maxDelayMs: 20, ...overrides.retry },
  });
}

/** Every page of a list operation, in order. */
export async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; hasMore: boolean }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const p = await fetch(page);
    out.push(...p.items);
    if (!p.hasMore) return out;
  }
}

/** What the sandbox service saw of a client's requests that it did not read as sent. */
export function misread(box: Sandbox): string[] {
  return box.api.requests().flatMap((r) => [...r.outOfOrder, ...r.unknown, ...r.dropped].map((m) => `#${r.sequence} ${r.operation}: ${m}`));
}

/**
 * Places an order through SubmitPurchaseOrder as a dealer would (one line of a SKU the sandbox's
 * history orders), then waits for the next second: a read covers what is dated before the second
 * it starts in, Kroll's dates being whole seconds.
 */
export async function placeOrder(box: Sandbox, purchaseOrderNumber: string): Promise<void> {
  const client = apiClient(box);
  try {
    const sku = box.api.book.orders().next().value!.lines[0]!.sku;
    await client.submitPurchaseOrder({
      purchaseOrderNumber,
      paymentMethod: 'AccountTerms',
      shipVia: 'UPSGround',
      shipToName: 'Dana Whitfield',
      shipToAddress1: '12 Harbor Street',
      shipToCity: 'Portland',
      shipToStateProvince: 'ME',
      shipToPostalCode: '04101',
      shipToCountryCode: 'US',
      detailLines: [{ lineNumber: 1, quantityOrdered: 1, sku }],
    });
  } finally {
    await client.close();
  }
  const placedAt = Date.parse(box.api.placedOrders().at(-1)!.order.orderDate);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, placedAt + 1000 - Date.now())));
}
