/**
 * The destination checks of CAT and Airbyte's DestinationAcceptanceTest against `destination-kroll
 * write`: every state echoed, in order, unchanged but for destinationStats, and only once the
 * records before it are committed, which here means the sandbox holds the order (or the record was
 * rejected, and Kroll holds nothing of it). Written a chunk at a time, each checked against the
 * sandbox the moment its state comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage, AirbyteRecordMessage } from '../../src/generated/protocol.js';
import { writeInChunks } from './harness/destination.js';
import { CATALOG, destinationUnderTest, type DestinationUnderTest } from './destination-setup.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  under = await destinationUnderTest(73);
});
afterAll(async () => {
  await under?.close();
});


function order(id: string, i: number, valid = true): AirbyteMessage {
  const data = {
    order_id: id,
    po_number: `PO-${id}`,
    ship_to: { name: 'Dana Whitfield', address1: '12 Harbor Street', city: 'Portland', state: 'ME', postal_code: '04101', country_code: 'US' },
    lines: valid ? [{ sku: under.skus[i % under.skus.length]!, quantity: 1 }] : [],
  };
  return { type: 'RECORD', record: { stream: 'fulfillment_requests', data, emitted_at: Date.now() } };
}

function state(n: number): AirbyteMessage {
  // With the platform's own id beside it, as the orchestrator adds one to match the echo.
  return { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'fulfillment_requests' }, stream_state: { cursor: `2026-12-0${n}` } }, sourceStats: { recordCount: 3 }, id: n } as never };
}

describe('destination-kroll write', () => {
  it('echoes every state in order, unchanged but for destinationStats, only after the records before it are committed', async () => {
    const chunks: AirbyteMessage[][] = [1, 2, 3, 4].map((n) => [order(`ACC-${n}-a`, n), order(`ACC-${n}-b`, n + 1, n !== 2), order(`ACC-${n}-c`, n + 2), state(n)]);
    // An invalid record is answered (rejected) as soon as it is read: committed, with nothing at Kroll.
    const invalid = new Set(['ACC-2-b']);
    const uncommitted = async (records: AirbyteRecordMessage[]) => {
      const placed = new Set(under.box.api.placedOrders().map((p) => p.request.purchaseOrderNumber));
      return records.filter((r) => !invalid.has(String(r.data.order_id)) && !placed.has(String(r.data.order_id)));
    };
    const { run, problems } = await writeInChunks(under.destination, { config: under.config, catalog: CATALOG }, chunks, uncommitted);

    expect(problems).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.messages.filter((m) => m.type === 'STATE').map((m) => m.state!.destinationStats)).toEqual([
      { recordCount: 3, rejectedRecordCount: 0 },
      { recordCount: 3, rejectedRecordCount: 1 },
      { recordCount: 3, rejectedRecordCount: 0 },
      { recordCount: 3, rejectedRecordCount: 0 },
    ]);
    const placed = under.box.api.placedOrders().map((p) => p.request.purchaseOrderNumber);
    expect(placed.filter((po) => po.startsWith('ACC-')).sort()).toEqual(
      chunks.flat().filter((m) => m.type === 'RECORD' && !invalid.has(String(m.record!.data.order_id))).map((m) => String(m.record!.data.order_id)).sort(),
    );
  });

  it('exits 0 at the end of its input, with no state when none was sent', async () => {
    const run = await under.destination.run('write', { config: under.config, catalog: CATALOG, stdin: '' });
    expect(run.code).toBe(0);
    expect(run.messages.filter((m) => m.type === 'STATE')).toEqual([]);
  });
});
