/**
 * What the destination's tests share: bin/destination-kroll run as the platform runs it (a child
 * process, JSON files for arguments, messages on stdin), a sandbox to send orders to, fulfillment
 * requests built from the sandbox generator's products, and the orders the sandbox says it holds.
 */
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import type { AirbyteMessage } from '../../src/generated/protocol.js';
import { productAt, type PlacedOrder, type SandboxOptions, type SandboxProduct } from '../../src/sandbox/index.js';
import { CATALOG } from '../acceptance/destination-setup.js';
import { Connector, type ConnectorRun } from '../acceptance/harness/connector.js';
import { repoPath } from '../acceptance/harness/repo.js';
import { logsOf } from '../helpers/protocol.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';

export const STREAM = 'fulfillment_requests';

export { CATALOG };

export interface DestinationUnderTest {
  box: Sandbox;
  destination: Connector;
  /** A working config with fast retries. */
  config: Record<string, unknown>;
  /** Products of the sandbox an order can be placed for: in stock, status Stock, at least 5 available. */
  inStock: SandboxProduct[];
  close(): Promise<void>;
}

export async function destinationUnderTest(options: SandboxOptions & { seed: number }): Promise<DestinationUnderTest> {
  const box = await sandbox({ products: 300, orders: 20, ...options });
  const destination = new Connector('destination-kroll', [process.execPath, repoPath('bin', 'destination-kroll')], {
    secrets: [String(box.info.destination_config.api_password)],
  });
  const inStock = Array.from({ length: 300 }, (_, i) => productAt(options.seed, i)).filter(
    (p) => p.productId.trim() !== '' && p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) >= 5,
  );
  const config = { ...box.info.destination_config, api_retry_delay_seconds: 0.01 };
  return { box, destination, config, inStock, close: () => box.close() };
}

/** A valid fulfillment request with every field set; `overrides` replace top-level fields. */
export function request(id: string, under: DestinationUnderTest, overrides: Partial<Record<keyof FulfillmentRequestsRecord, unknown>> = {}): FulfillmentRequestsRecord {
  const n = Number(id.replace(/\D/g, '')) || 0;
  const [a, b] = [under.inStock[n % under.inStock.length]!, under.inStock[(n + 1) % under.inStock.length]!];
  return {
    order_id: id,
    po_number: `PO-${id}`,
    ship_via: 'UPSGround',
    payment_method: 'AccountTerms',
    ship_to: {
      name: `Customer ${id}`,
      address1: `${n + 10} Harbor Street`,
      address2: 'Suite 4',
      address3: null,
      city: 'Portland',
      state: 'ME',
      postal_code: '04101',
      country_code: 'US',
      phone: '207-555-0142',
    },
    confirm_to: { name: 'Dana Whitfield', email: 'dana@example.com' },
    signature_required: false,
    lines: [
      { sku: a.sku, quantity: 2, line_number: 1 },
      { sku: b.sku, quantity: 1, line_number: 2 },
    ],
    ...overrides,
  } as FulfillmentRequestsRecord;
}

export function recordMessage(data: object, stream = STREAM): AirbyteMessage {
  return { type: 'RECORD', record: { stream, data: data as Record<string, unknown>, emitted_at: Date.now() } };
}

export function stateMessage(position: number, extra: Record<string, unknown> = {}): AirbyteMessage {
  return { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: STREAM }, stream_state: { position, ...extra } } } };
}

export const lines = (messages: AirbyteMessage[]): string => messages.map((m) => `${JSON.stringify(m)}\n`).join('');

/** Runs write to its end with these messages on stdin. */
export function write(under: DestinationUnderTest, messages: AirbyteMessage[] | string, config: Record<string, unknown> = under.config): Promise<ConnectorRun> {
  return under.destination.run('write', { config, catalog: CATALOG, stdin: typeof messages === 'string' ? messages : lines(messages) });
}

/** The orders the sandbox placed, by purchase order number (every one must be there once). */
export function placedByPo(box: Sandbox): Map<string, PlacedOrder[]> {
  const byPo = new Map<string, PlacedOrder[]>();
  for (const p of box.api.placedOrders()) byPo.set(p.request.purchaseOrderNumber, [...(byPo.get(p.request.purchaseOrderNumber) ?? []), p]);
  return byPo;
}

/** The purchase order numbers of every SubmitPurchaseOrder the sandbox received, in order. */
export function submitted(box: Sandbox): (string | null | undefined)[] {
  return box.api.requests().filter((r) => r.operation === 'SubmitPurchaseOrder').map((r) => r.purchaseOrderNumber);
}

export function errorLogs(run: ConnectorRun): string[] {
  return logsOf(run.messages, 'ERROR');
}

export function echoedStates(run: ConnectorRun) {
  return run.messages.filter((m) => m.type === 'STATE').map((m) => m.state!);
}
