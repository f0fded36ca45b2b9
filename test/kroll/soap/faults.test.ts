/**
 * The client survives each of the sandbox's fault switches with the same results as a clean run,
 * honours Retry-After, and gives up with a TransientError that says what it tried.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TransientError } from '../../../src/protocol/errors.js';
import type { KrollApiClient, KrollApiOptions, RetryEvent } from '../../../src/kroll/soap/index.js';
import type { SandboxOptions } from '../../../src/sandbox/index.js';
import { productAt } from '../../../src/sandbox/products/index.js';
import { allPages, apiClient, misread } from '../../helpers/api.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';

const BASE: SandboxOptions = { seed: 5, products: 300, orders: 120, now: new Date('2026-05-10T15:00:00Z') };
const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2026-06-01T00:00:00Z');
const SKUS = Array.from({ length: 40 }, (_, i) => productAt(5, i * 7).sku);

const open: { box: Sandbox; client: KrollApiClient }[] = [];

async function start(options: SandboxOptions, client: Partial<KrollApiOptions> = {}) {
  const box = await sandbox({ ...BASE, ...options });
  const c = apiClient(box, client);
  open.push({ box, client: c });
  return { box, client: c };
}

afterEach(async () => {
  for (const { box, client } of open.splice(0)) {
    await client.close();
    await box.close();
  }
});

async function everything(client: KrollApiClient) {
  return {
    shipments: await allPages((page) => client.getShipments({ from: FROM, to: TO, page, pageSize: 20 })),
    invoices: await allPages((page) => client.getInvoices({ from: FROM, to: TO, page, pageSize: 20 })),
    orders: await allPages((page) => client.getPurchaseOrders({ from: FROM, to: TO, page, pageSize: 20 })),
    availability: await client.checkProductAvailability(SKUS),
  };
}

let clean: Awaited<ReturnType<typeof everything>>;

beforeAll(async () => {
  const { client } = await start({});
  clean = await everything(client);
  expect(clean.shipments.length).toBeGreaterThan(60);
  for (const { box, client: c } of open.splice(0)) {
    await c.close();
    await box.close();
  }
});

describe('each fault switch is survived by retries', () => {
  it.each([
    ['SOAP faults', { apiFaultRate: 0.3 }, 'fault', /SOAP fault InternalServiceFault/],
    ['throttling', { apiThrottleRate: 0.3, apiRetryAfterSeconds: 0 }, 'throttled', /HTTP 503, throttled/],
    ['empty 200 bodies', { apiEmptyRate: 0.3 }, 'empty', /an empty 200 answer/],
  ] as const)('%s', async (_name, switches, injected, reason) => {
    const retries: RetryEvent[] = [];
    const limited: Date[] = [];
    const { box, client } = await start(switches, { onRetry: (e) => retries.push(e), onRateLimited: (at) => limited.push(at) });
    expect(await everything(client)).toEqual(clean);
    const hit = box.api.requests().filter((r) => r.injected === injected).length;
    expect(hit).toBeGreaterThan(3);
    expect(retries).toHaveLength(hit);
    for (const r of retries) expect(r.reason).toMatch(reason);
    expect(limited).toHaveLength(injected === 'throttled' ? hit : 0);
    expect(misread(box)).toEqual([]);
  });

  it('latency', async () => {
    const { box, client } = await start({ apiLatencyMs: 25 });
    const started = Date.now();
    const shipments = await client.getShipments({ from: FROM, to: TO, page: 1, pageSize: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(shipments.items).toEqual(clean.shipments.slice(0, 20));
    expect(box.api.requests()).toHaveLength(1);
  });
});

describe('throttling', () => {
  it('waits at least the Retry-After it is told, telling onRateLimited when it will try again', async () => {
    const limited: { at: number; resetAt: Date; operation: string }[] = [];
    const { box, client } = await start(
      { apiThrottleRate: 0.5, apiRetryAfterSeconds: 1 },
      { retry: { attempts: 10, baseDelayMs: 1, maxDelayMs: 1 }, onRateLimited: (resetAt, operation) => limited.push({ at: Date.now(), resetAt, operation }) },
    );
    // Calls until one was throttled; the back-off alone (1 ms) would never wait this long.
    for (let i = 0; i < 10 && limited.length === 0; i++) {
      const started = Date.now();
      const result = await client.checkProductAvailability(SKUS.slice(0, 3));
      const throttled = limited.length;
      expect(Date.now() - started).toBeGreaterThanOrEqual(throttled * 1000);
      expect(result.map((r) => r.sku)).toEqual(SKUS.slice(0, 3));
    }
    expect(limited.length).toBeGreaterThan(0);
    for (const l of limited) {
      expect(l.operation).toBe('CheckProductAvailability');
      expect(l.resetAt.getTime() - l.at).toBeGreaterThanOrEqual(999);
    }
    expect(box.api.requests().filter((r) => r.injected === 'throttled')).toHaveLength(limited.length);
  });

  it('gives up at once when told to wait longer than it is allowed to', async () => {
    const { client } = await start({ apiThrottleRate: 1, apiRetryAfterSeconds: 120 }, { retry: { maxRateLimitWaitMs: 5000 } });
    const started = Date.now();
    const error = await client.checkProductAvailability(['X']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/asked to wait 120 s, longer than the 5 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('when retries run out', () => {
  it('is a TransientError that lists every attempt', async () => {
    const { client } = await start({ apiFaultRate: 1 }, { retry: { attempts: 3 } });
    const error = await client.getShipments({ from: FROM, to: TO, page: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    const message = (error as Error).message;
    expect(message).toMatch(/did not answer GetShipments at http:\/\/127\.0\.0\.1:\d+\/EBusiness\/Kroll\.Dealer\.EBusiness\.svc\/Basic after 3 attempts/);
    expect(message.match(/HTTP 500 SOAP fault InternalServiceFault/g)).toHaveLength(3);
  });

  it('times out an answer that does not come, and retries it', async () => {
    // undici checks header timeouts on a coarse clock (about a second): keep the answer well past it.
    const { client } = await start({ apiLatencyMs: 4000 }, { headersTimeoutMs: 100, retry: { attempts: 2 } });
    const error = await client.checkProductAvailability(['X']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/1: no answer in time \(headers timeout\); 2: no answer in time/);
  });

  it('retries a refused connection, and reports a URL with no service behind it as a config error', async () => {
    const { box } = await start({});
    const url = new URL(box.api.url);
    await box.close();
    const gone = apiClient(box, { retry: { attempts: 2 } });
    open.push({ box, client: gone });
    const refused = await gone.checkProductAvailability(['X']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransientError);
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);

    const { box: other } = await start({});
    const wrongPath = apiClient(other, { baseUrl: `${new URL(other.api.url).origin}/EBusiness/Nothing.svc/Basic` });
    open.push({ box: other, client: wrongPath });
    const notFound = await wrongPath.checkProductAvailability(['X']).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ConfigError);
    expect((notFound as Error).message).toMatch(/HTTP 404.*Check api_base_url/);
    expect(url.pathname).toBe('/EBusiness/Kroll.Dealer.EBusiness.svc/Basic');
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const { client } = await start({ apiFaultRate: 1 }, { signal: controller.signal, retry: { attempts: 50, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const pending = client.checkProductAvailability(['X']).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('sync cancelled')), 100);
    expect(await pending).toMatchObject({ message: 'sync cancelled' });
  });
});

describe('an answer lost after the order was placed', () => {
  it('is retried, and the retry is answered as a duplicate with the order first placed: never placed twice', async () => {
    const retried: string[] = [];
    const { box, client } = await start({ apiEmptyRate: 0.4 }, { onRetry: (e) => retried.push(e.reason) });
    const inStock = Array.from({ length: 100 }, (_, i) => productAt(5, i)).filter((p) => p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) > 2);
    const results = [];
    for (let i = 0; i < 12; i++) {
      const before = retried.length;
      const result = await client.submitPurchaseOrder({
        purchaseOrderNumber: `LOST-${i}`,
        paymentMethod: 'AccountTerms',
        shipVia: 'UPSGround',
        shipToName: 'Lee Park',
        shipToAddress1: '9 Pine Road',
        shipToCity: 'Austin',
        shipToStateProvince: 'TX',
        shipToPostalCode: '78701',
        shipToCountryCode: 'US',
        detailLines: [{ lineNumber: 1, quantityOrdered: 1, sku: inStock[i]!.sku }],
      });
      results.push({ result, retriedAfterPlacing: retried.length > before });
    }
    const placed = box.api.placedOrders();
    expect(placed.map((p) => p.request.purchaseOrderNumber)).toEqual(Array.from({ length: 12 }, (_, i) => `LOST-${i}`));
    const lost = results.filter((r) => r.retriedAfterPlacing);
    expect(lost.length).toBeGreaterThan(0);
    for (const { result } of results) {
      const first = placed.find((p) => p.request.purchaseOrderNumber === result.purchaseOrderNumber)!;
      expect(result.orderConfirmationNumber).toBe(first.order.orderConfirmationNumber);
    }
    for (const { result } of lost) expect(result).toMatchObject({ fulfillmentStatus: 'DuplicatePurchaseOrder', errorCode: 300 });
    for (const { result } of results.filter((r) => !r.retriedAfterPlacing)) expect(result.fulfillmentStatus).toBe('OrderAccepted');
  });
});
