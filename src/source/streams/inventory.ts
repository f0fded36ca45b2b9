/**
 * `inventory`: Kroll's inventory export alone (Get Inventory [Secondary]), one record per SKU; or,
 * with inventory_source `api`, the same records read live from the dealer API (inventory-api.ts).
 */
import type { InventoryRecord } from '../../generated/records.js';
import { openInventory } from '../../kroll/products/files.js';
import type { InventoryItem } from '../../kroll/products/layout.js';
import type { ReadContext, SelectedStream, StreamReader } from '../stream.js';
import { productFileOptions } from '../settings.js';
import { clauses, count } from '../../protocol/wording.js';
import { readLiveInventory } from './inventory-api.js';
import { IssueLog } from './issue-log.js';
import { downloadFiles, filesSignature, noRowsError, resumeLine } from './product-files.js';

const NAME = 'inventory';

export function toRecord(item: InventoryItem & { sku: string }): InventoryRecord {
  return {
    sku: item.sku,
    quantity_available: item.quantityAvailable,
    dealer_cost: item.dealerCost,
    msrp: item.msrp,
    map_price: item.mapPrice,
    weight: item.weight,
    length: item.length,
    width: item.width,
    height: item.height,
    last_updated: item.lastUpdated,
    extra_columns: item.extra,
  };
}

async function readInventoryFile(context: ReadContext, stream: SelectedStream): Promise<void> {
  const { config } = context;
  const issues = new IssueLog(context.log);
  const local = await downloadFiles(config, { inventory: config.inventory_file_path }, context.log, context.signal);
  try {
    const file = local.files.inventory;
    const path = file.remote.path;
    const signature = filesSignature([file.remote]);
    const startAfter = await resumeLine(stream.state, file, signature, NAME, context.log);
    const inventory = await openInventory(file, productFileOptions(config, issues.report));
    const every = config.checkpoint_interval_records;
    // The primary key must hold within a read: a SKU listed twice is sent once, as the first row.
    const seen = new Set<string>();
    let duplicates = 0;
    let sinceCheckpoint = 0;
    for await (const batch of inventory.items) {
      context.signal.throwIfAborted();
      for (const item of batch) {
        if (seen.has(item.sku)) {
          duplicates++;
          issues.report({ kind: 'duplicate_sku', file: path, message: `${path} line ${item.line} repeats SKU ${item.sku}; only its first row is sent.` });
          continue;
        }
        seen.add(item.sku);
        if (item.line <= startAfter) continue;
        stream.emit(toRecord(item));
        if (++sinceCheckpoint >= every) {
          stream.checkpoint({ resume: { files: signature, line: item.line } });
          sinceCheckpoint = 0;
        }
      }
      await context.ready();
    }
    const counts = inventory.counts;
    if (counts.rows === 0) throw noRowsError('inventory', file.remote);
    issues.close();
    stream.checkpoint({ file_modified_at: file.remote.modifiedAt.toISOString() });
    context.log(
      'INFO',
      `${NAME}: ${count(stream.emitted, 'record')}${startAfter ? ` after line ${startAfter} (a resumed read)` : ''} from ${count(counts.rows, 'row')} of ${path}` +
        (counts.withoutSku + counts.ragged + duplicates > 0
          ? `: ${clauses(
              counts.withoutSku > 0 && `${count(counts.withoutSku, 'row')} without a Sku skipped`,
              counts.ragged > 0 && `${count(counts.ragged, 'ragged row')} skipped`,
              duplicates > 0 && `${count(duplicates, 'repeated SKU')} skipped`,
            )}`
          : '') +
        '.',
    );
  } finally {
    await local.dispose();
  }
}

export const inventoryReader: StreamReader = {
  streams: [
    {
      name: NAME,
      syncModes: ['full_refresh'],
      primaryKey: [['sku']],
      state: { keys: ['file_modified_at', 'resume', 'inventory_source', 'checked_at'], without: 'the file is read from the start' },
    },
  ],
  async read(context) {
    const stream = context.selected(NAME);
    if (!stream) return;
    if (context.config.inventory_source === 'api') await readLiveInventory(context, stream);
    else await readInventoryFile(context, stream);
  },
};
