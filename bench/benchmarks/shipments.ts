/**
 * `shipments`: source-kroll read of shipments and shipment_lines over SOAP (GetShipments, a page of
 * page_size at a time, and the orders' GetPurchaseOrders for `partial`), from a sandbox whose
 * history holds about that many shipments: the generator makes about 1.1 shipments an order (some
 * are split, backorders ship later), so it gets the shipments over 1.1 orders, and reports the exact
 * count, which the read must match. Generating the history is part of the sandbox's start,
 * reported and not measured.
 */
import { recordsByStream, sourceRead } from '../harness/source.js';
import type { Benchmark } from '../harness/types.js';

const SHIPMENTS_PER_ORDER = 1.1;

export const shipmentsBenchmark: Benchmark = {
  name: 'shipments',
  description: 'source-kroll read of shipments and shipment_lines from the dealer API (GetShipments pages)',
  minutes: 2.5,
  sizes: { shipments: { defaults: [100_000], help: "shipments in the sandbox's history, about" } },
  cases: ({ shipments }) =>
    shipments!.map((count) => ({
      name: 'shipments',
      params: { shipments: count },
      sandboxArgs: ['--products', '5000', '--orders', String(Math.ceil(count / SHIPMENTS_PER_ORDER))],
      child(sandbox, workDir) {
        const read = sourceRead(sandbox, workDir, { streams: ['shipments', 'shipment_lines'] });
        return {
          ...read,
          async check(output, run) {
            await read.check(output, run);
            const counts = recordsByStream(output);
            const sent = counts.get('shipments') ?? 0;
            if (sent !== sandbox.history.shipments) {
              throw new Error(`source-kroll read of shipments: ${sent} shipments, the sandbox holds ${sandbox.history.shipments}`);
            }
            const requests = await sandbox.requests.next(1);
            const failed = requests.find((r) => r.status !== 200);
            if (failed) throw new Error(`source-kroll read of shipments: ${failed.operation} was answered with HTTP ${failed.status}`);
            return {
              shipments: sent,
              shipment_lines: counts.get('shipment_lines') ?? 0,
              shipments_per_s: sent / run.seconds,
              get_shipments_calls: requests.filter((r) => r.operation === 'GetShipments').length,
              api_calls: requests.length,
            };
          },
        };
      },
    })),
};
