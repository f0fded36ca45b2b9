/**
 * What the source's acceptance suite runs against (what CAT's acceptance-test-config.yml says for
 * a connector): bin/source-kroll as a child process, a small sandbox, and what the suite must know
 * of a stream beyond discover. Streams are taken from discover, so new streams are covered as they
 * land.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { AirbyteStream } from '../../src/generated/protocol.js';
import { PRODUCT_FILE_PATHS } from '../../src/sandbox/index.js';
import { placeOrder } from '../helpers/api.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';
import { Connector } from './harness/connector.js';
import { repoPath } from './harness/repo.js';

export interface StreamOptions {
  /** How far before the state's cursor a read with that state may start (days). */
  lookbackDays?: (config: Record<string, unknown>) => number;
  /** Makes the sandbox hold newer data for this stream, so a read with the last state has some. */
  refresh?: (box: Sandbox) => void | Promise<void>;
}

/** The order-side streams re-read `lookback_days` (default 3) before their cursor (issue 3). */
const orderSide: StreamOptions = { lookbackDays: (config) => Number(config.lookback_days ?? 3) };

let placed = 0;
/** A dealer placing an order through the API: GetPurchaseOrders lists it at once, dated now. */
const placeNewOrder = (box: Sandbox) => placeOrder(box, `SO-ACCEPTANCE-${++placed}`);

export const STREAM_OPTIONS: Record<string, StreamOptions> = {
  products: {
    // Kroll regenerating its files: every product file written anew, a minute from now.
    refresh: (box) => {
      const when = new Date(Date.now() + 60_000);
      for (const path of Object.values(PRODUCT_FILE_PATHS)) utimesSync(join(box.dataDir, path), when, when);
    },
  },
  purchase_orders: { ...orderSide, refresh: placeNewOrder },
  purchase_order_lines: { ...orderSide, refresh: placeNewOrder },
  shipments: orderSide,
  shipment_lines: orderSide,
  invoices: orderSide,
  invoice_lines: orderSide,
};

export interface SourceUnderTest {
  box: Sandbox;
  source: Connector;
  /** A config that works against the sandbox. */
  config: Record<string, unknown>;
  streams: AirbyteStream[];
  close(): Promise<void>;
}

/**
 * A sandbox small enough for a fast suite, with checkpoints every 30 records so that a stream has
 * several (the sequential-slices check needs them).
 */
export async function sourceUnderTest(seed: number): Promise<SourceUnderTest> {
  const box = await sandbox({ products: 240, seed });
  const info = box.info;
  const source = new Connector('source-kroll', [process.execPath, repoPath('bin', 'source-kroll')], {
    // The sandbox's own secrets never appear in any output, whatever config a test passes.
    secrets: [info.ftp.password, String(info.source_config.api_password)],
  });
  const config = { ...info.source_config, file_change_retry_delay_seconds: 0.05, checkpoint_interval_records: 30 };
  const discovered = await source.run('discover', { config });
  const catalogs = discovered.messages.filter((m) => m.type === 'CATALOG');
  if (catalogs.length !== 1) throw new Error(`discover printed ${catalogs.length} CATALOG messages`);
  return { box, source, config, streams: catalogs[0]!.catalog!.streams, close: () => box.close() };
}
