/**
 * `destination`: destination-kroll write placing fulfillment requests with the sandbox, whose API
 * answers every request after a fixed latency, at several concurrency levels (the config's
 * `concurrency`). Each run gets orders never placed before (a number Kroll already has is answered
 * as a duplicate, which would measure something else), a STATE every 1,000 records as a source
 * checkpoints, on stdin.
 *
 * A run counts only when every order was accepted, once: the sandbox's request log must hold one
 * SubmitPurchaseOrder for each order of the run and no other, destination-kroll must report each
 * accepted and echo every state with its records counted, and the sandbox must never have held
 * more of its requests at once than the concurrency configured.
 *
 * Time waiting on Kroll: the log says when each request reached the sandbox and when its answer
 * was sent. Summed, that is how long Kroll held the destination's requests; divided by the time
 * the destination had (wall seconds times its concurrency) it is the share of its order slots
 * spent waiting on Kroll. The rest went to the connector itself: starting, reading and checking
 * stdin, building envelopes, reading answers, the HTTP round trips on loopback.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEnded } from '../harness/check.js';
import { binPath } from '../harness/paths.js';
import { maxInFlight, type LoggedRequest } from '../harness/request-log.js';
import type { CaseResult } from '../harness/report.js';
import type { Sandbox } from '../harness/sandbox.js';
import { inStockSkus } from '../harness/skus.js';
import type { Benchmark, ChildOutput, ChildSpec } from '../harness/types.js';

const STREAM = 'fulfillment_requests';
const STATE_EVERY = 1000;
const CATALOG = {
  streams: [
    {
      stream: { name: STREAM, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: 'incremental',
      destination_sync_mode: 'append',
    },
  ],
};

function order(id: string, n: number, skus: string[]): object {
  return {
    order_id: id,
    po_number: `PO-${id}`,
    ship_via: 'UPSGround',
    payment_method: 'AccountTerms',
    ship_to: {
      name: `Customer ${n}`,
      address1: `${(n % 900) + 10} Harbor Street`,
      address2: null,
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
      { sku: skus[n % skus.length], quantity: 2, line_number: 1 },
      { sku: skus[(n * 7 + 3) % skus.length], quantity: 1, line_number: 2 },
    ],
  };
}

/** The messages of one run: the orders, with a STATE after every STATE_EVERY and at the end. */
function input(ids: string[], skus: string[]): { text: string; states: number } {
  const lines: string[] = [];
  let states = 0;
  const state = () => {
    states++;
    lines.push(JSON.stringify({ type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: STREAM }, stream_state: { position: states } } } }));
  };
  ids.forEach((id, n) => {
    lines.push(JSON.stringify({ type: 'RECORD', record: { stream: STREAM, data: order(id, n, skus), emitted_at: 1_767_225_600_000 + n } }));
    if ((n + 1) % STATE_EVERY === 0) state();
  });
  if (ids.length % STATE_EVERY !== 0) state();
  return { text: `${lines.join('\n')}\n`, states };
}

const ACCEPTED = /^Order (\S+) \(stdin line \d+\) accepted by Kroll: confirmation number (\d+)\b/;

/** Throws unless every order of the run was accepted once and every state echoed with its counts. */
function checkWrite(output: ChildOutput, ids: Set<string>, states: number): void {
  const { messages, fail } = checkEnded(output, 'destination-kroll write');
  const accepted = new Map<string, string>();
  for (const m of messages) {
    const match = m.type === 'LOG' ? ACCEPTED.exec(String(m.log?.message)) : null;
    if (match) accepted.set(match[1]!, match[2]!);
  }
  const missing = [...ids].filter((id) => !accepted.has(id));
  if (missing.length > 0 || accepted.size !== ids.size) fail(`${accepted.size} orders reported accepted, ${missing.length} of the ${ids.size} sent not (first: ${missing[0]})`);
  if (new Set(accepted.values()).size !== ids.size) fail('two orders got the same confirmation number');
  const echoed = messages.filter((m) => m.type === 'STATE');
  if (echoed.length !== states) fail(`${echoed.length} states echoed of ${states}`);
  const counted = echoed.reduce((sum, m) => sum + Number(m.state?.destinationStats?.recordCount ?? 0), 0);
  const rejected = echoed.reduce((sum, m) => sum + Number(m.state?.destinationStats?.rejectedRecordCount ?? 0), 0);
  if (counted !== ids.size || rejected !== 0) fail(`the echoed states count ${counted} records (${rejected} rejected), not ${ids.size}`);
}

/** Throws unless Kroll got each order of the run once, and answered each; the figures of its log. */
function checkKroll(requests: LoggedRequest[], ids: Set<string>, concurrency: number, latencyMs: number, seconds: number): Record<string, number> {
  const fail = (why: string): never => {
    throw new Error(`destination-kroll write, at the sandbox: ${why}`);
  };
  const submits = requests.filter((r) => r.operation === 'SubmitPurchaseOrder');
  if (submits.length !== requests.length) fail(`${requests.length - submits.length} requests of other operations`);
  const seen = new Set<string>();
  for (const r of submits) {
    const po = r.purchaseOrderNumber ?? '';
    if (!ids.has(po)) fail(`an order that is not this run's: ${po}`);
    if (seen.has(po)) fail(`order ${po} was sent twice`);
    if (r.status !== 200 || r.injected !== null || r.answeredAtMs === null) fail(`order ${po} was answered with HTTP ${r.status}${r.injected ? ` (${r.injected})` : ''}`);
    seen.add(po);
  }
  if (seen.size !== ids.size) fail(`${seen.size} of the ${ids.size} orders reached Kroll`);
  const most = maxInFlight(submits);
  if (most > concurrency) fail(`${most} requests were with Kroll at once; the config allows ${concurrency}`);

  const heldSeconds = submits.reduce((sum, r) => sum + (r.answeredAtMs! - r.receivedAtMs), 0) / 1000;
  const first = Math.min(...submits.map((r) => r.receivedAtMs));
  const last = Math.max(...submits.map((r) => r.answeredAtMs!));
  const sendingSeconds = (last - first) / 1000;
  const bound = (concurrency * 1000) / latencyMs;
  return {
    kroll_wait_share: heldSeconds / (seconds * concurrency),
    max_in_flight: most,
    mean_in_flight: heldSeconds / sendingSeconds,
    sending_s: sendingSeconds,
    latency_bound_orders_per_s: bound,
    of_latency_bound: ids.size / seconds / bound,
  };
}

const skusOf = new WeakMap<Sandbox, Promise<string[]>>();

export const destinationBenchmark: Benchmark = {
  name: 'destination',
  description: 'destination-kroll write of fulfillment requests, at each concurrency, the sandbox answering after a latency',
  minutes: 5.5,
  // Its time is the sandbox's latency times the orders over the concurrency, which the machine's load hardly moves.
  runs: 1,
  sizes: {
    destination: { defaults: [10_000], help: 'fulfillment requests per run' },
    concurrency: { defaults: [1, 4, 16], help: "orders with Kroll at once (the config's concurrency, 1..16)" },
    'latency-ms': { defaults: [20], help: "the sandbox's API latency, ms" },
  },
  cases: ({ destination, concurrency, 'latency-ms': latencies }) =>
    latencies!.flatMap((latencyMs) =>
      destination!.flatMap((count) =>
        concurrency!.map((level) => ({
          name: 'destination',
          params: { orders: count, concurrency: level, latency_ms: latencyMs },
          sandboxArgs: ['--products', '2000', '--orders', '0', '--api-latency-ms', String(latencyMs)],
          async child(sandbox, workDir) {
            if (!skusOf.has(sandbox)) skusOf.set(sandbox, inStockSkus(sandbox, 10));
            const skus = await skusOf.get(sandbox)!;
            if (skus.length < 2) throw new Error('the sandbox has fewer than two SKUs in stock');
            const config = join(workDir, 'destination-config.json');
            const catalog = join(workDir, 'configured-catalog.json');
            const stdinFile = join(workDir, 'input.jsonl');
            writeFileSync(config, JSON.stringify({ ...sandbox.info.destination_config, concurrency: level }));
            writeFileSync(catalog, JSON.stringify(CATALOG));
            let run = 0;
            let ids = new Set<string>();
            let states = 0;
            const spec: ChildSpec = {
              command: binPath('destination-kroll'),
              args: ['write', '--config', config, '--catalog', catalog],
              stdinFile,
              records: count,
              prepare() {
                run++;
                ids = new Set(Array.from({ length: count }, (_, n) => `B${latencyMs}-${level}-${run}-${n + 1}`));
                const written = input([...ids], skus);
                states = written.states;
                writeFileSync(stdinFile, written.text);
                spec.bytes = Buffer.byteLength(written.text);
              },
              async check(output, { seconds }) {
                checkWrite(output, ids, states);
                return checkKroll(await sandbox.requests.next(count), ids, level, latencyMs, seconds);
              },
            };
            return spec;
          },
        })),
      ),
    ),
  verify(results: CaseResult[]) {
    // Throughput must grow with concurrency for as long as Kroll's latency is what limits it.
    const byRun = new Map<string, CaseResult[]>();
    for (const r of results) {
      const key = `${r.params.orders}/${r.params.latency_ms}`;
      byRun.set(key, [...(byRun.get(key) ?? []), r]);
    }
    for (const group of byRun.values()) {
      const sorted = [...group].sort((a, b) => Number(a.params.concurrency) - Number(b.params.concurrency));
      for (let i = 1; i < sorted.length; i++) {
        const [lower, higher] = [sorted[i - 1]!, sorted[i]!];
        const latencyBound = Number(lower.of_latency_bound) >= 0.5;
        if (latencyBound && higher.records_per_s <= lower.records_per_s) {
          throw new Error(
            `${higher.records_per_s} orders/s at concurrency ${higher.params.concurrency}, no more than ${lower.records_per_s} at ${lower.params.concurrency}, ` +
              `which Kroll's latency still limited (${(Number(lower.of_latency_bound) * 100).toFixed(0)}% of its bound)`,
          );
        }
      }
    }
  },
};
