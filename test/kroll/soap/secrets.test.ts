/**
 * The request body holds the API key: no error, retry event or trace of the client, and no record
 * of the sandbox, ever carries it, in any spelling. Real secret values, with XML-special characters.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toErrorTrace } from '../../../src/protocol/errors.js';
import type { RetryEvent } from '../../../src/kroll/soap/index.js';
import { apiClient } from '../../helpers/api.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';

const SECRET = `K3y&<${Math.random().toString(16).slice(2)}>"'`;
const WRONG = `Wr0ng&<${Math.random().toString(16).slice(2)}>`;
const spellings = (s: string) => [s, s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), encodeURIComponent(s), JSON.stringify(s).slice(1, -1)];

let boxes: Sandbox[] = [];

beforeAll(async () => {
  boxes = [
    await sandbox({ seed: 2, products: 50, apiPassword: SECRET }),
    await sandbox({ seed: 2, products: 50, apiPassword: SECRET, apiFaultRate: 1 }),
    await sandbox({ seed: 2, products: 50, apiPassword: SECRET, apiLatencyMs: 3000 }),
  ];
});

afterAll(async () => {
  for (const b of boxes) await b.close();
});

function text(value: unknown): string {
  if (value instanceof Error) return JSON.stringify({ trace: toErrorTrace(value), stack: value.stack, cause: String(value.cause), props: { ...value } });
  return JSON.stringify(value);
}

it('keeps the API key out of every error, retry event and sandbox record', async () => {
  const [ok, faulty, slow] = boxes as [Sandbox, Sandbox, Sandbox];
  const events: RetryEvent[] = [];
  const outputs: unknown[] = [];
  const capture = (p: Promise<unknown>) => p.then((v) => outputs.push(v), (e: unknown) => outputs.push(e));

  const good = apiClient(ok, { onRetry: (e) => events.push(e) });
  await capture(good.checkProductAvailability(['NOPE-12345']));
  await capture(good.checkOrderStatus('1'));
  await capture(good.submitPurchaseOrder({ purchaseOrderNumber: 'SECRET-TEST-1', paymentMethod: 'AccountTerms', shipVia: 'UPSGround', shipToName: 'x', shipToAddress1: 'x', shipToCity: 'x', shipToStateProvince: 'NY', shipToPostalCode: '12207', shipToCountryCode: 'US', detailLines: [{ lineNumber: 1, quantityOrdered: 1, sku: 'NOPE-1' }] }));
  await good.close();

  const wrong = apiClient(ok, { password: WRONG });
  await capture(wrong.checkProductAvailability(['X']));
  await wrong.close();

  const exhausted = apiClient(faulty, { retry: { attempts: 3 }, onRetry: (e) => events.push(e) });
  await capture(exhausted.getShipments({ from: new Date('2026-01-01'), to: new Date('2026-02-01'), page: 1, pageSize: 10 }));
  await exhausted.close();

  const timedOut = apiClient(slow, { headersTimeoutMs: 100, retry: { attempts: 2 }, onRetry: (e) => events.push(e) });
  await capture(timedOut.checkProductAvailability(['X']));
  await timedOut.close();

  expect(outputs.filter((o) => o instanceof Error).length).toBe(5);
  expect(events.length).toBeGreaterThan(2);
  const everything = [...outputs, ...events, ...boxes.map((b) => b.api.requests())].map(text).join('\n');
  for (const spelling of [...spellings(SECRET), ...spellings(WRONG)]) expect(everything).not.toContain(spelling);
});
