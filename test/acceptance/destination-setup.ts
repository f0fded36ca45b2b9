/**
 * What the destination's acceptance suite runs against: bin/destination-kroll as a child process
 * and a small sandbox whose destination_config it is given, as CAT would be given a config.
 */
import { productAt } from '../../src/sandbox/index.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';
import { Connector } from './harness/connector.js';
import { repoPath } from './harness/repo.js';

/** The configured catalog a connection to the destination has: its one stream, appended. */
export const CATALOG = {
  streams: [
    {
      stream: { name: 'fulfillment_requests', json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: 'incremental',
      destination_sync_mode: 'append',
    },
  ],
};

export interface DestinationUnderTest {
  box: Sandbox;
  destination: Connector;
  /** The sandbox's destination_config, as printed. */
  config: Record<string, unknown>;
  /** SKUs the sandbox has in stock, for orders it accepts. */
  skus: string[];
  close(): Promise<void>;
}

export async function destinationUnderTest(seed: number): Promise<DestinationUnderTest> {
  const box = await sandbox({ products: 120, orders: 10, seed });
  const destination = new Connector('destination-kroll', [process.execPath, repoPath('bin', 'destination-kroll')], {
    // The sandbox's own secret never appears in any output, whatever config a test passes.
    secrets: [String(box.info.destination_config.api_password)],
  });
  const skus = Array.from({ length: 120 }, (_, i) => productAt(seed, i))
    .filter((p) => p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) >= 3)
    .map((p) => p.sku);
  return { box, destination, config: { ...box.info.destination_config }, skus, close: () => box.close() };
}
