/**
 * `inventory` read live (inventory_source `api`): quantity and prices from CheckProductAvailability
 * for every SKU of the catalog file (streamed, as the products stream reads it), in batches of up
 * to 1,000 SKUs. A few batches are in flight at once (api_concurrency); their answers are sent in
 * catalog order, so the checkpoint after each batch names the last catalog line done and an
 * interrupted read resumes after it, as the FTP inventory's checkpoints do. A SKU the API does not
 * know (SkuFound false) is skipped and counted. The API has no LastUpdated and no extra columns:
 * those fields are null.
 */
import { pMapIterable } from 'p-map';
import type { InventoryRecord } from '../../generated/records.js';
import { LIMITS, type KrollProductAvailability } from '../../kroll/soap/index.js';
import { openCatalog } from '../../kroll/products/files.js';
import { KrollDataError } from '../../protocol/errors.js';
import type { ReadContext, SelectedStream } from '../stream.js';
import { apiSettings, productFileOptions } from '../settings.js';
import { clauses, count } from '../../protocol/wording.js';
import { withApiClient } from './api-client.js';
import { IssueLog } from './issue-log.js';
import { downloadFiles, filesSignature, noRowsError, noUsableRowError, resumeLine } from './product-files.js';

const NAME = 'inventory';
/** SKUs named in full in a warning; the rest are counted. */
const LISTED = 10;

function toRecord(a: KrollProductAvailability): InventoryRecord {
  return {
    sku: a.sku,
    quantity_available: a.quantityAvailable,
    dealer_cost: a.dealerCost,
    msrp: a.suggestedRetailPrice,
    map_price: a.mapPrice,
    weight: a.weight,
    length: a.length,
    width: a.width,
    height: a.height,
    last_updated: null,
    extra_columns: null,
  };
}

interface Batch {
  skus: string[];
  /** The catalog line of the batch's last SKU. */
  lastLine: number;
}

function listed(skus: string[]): string {
  return skus.slice(0, LISTED).join(', ') + (skus.length > LISTED ? ` and ${count(skus.length - LISTED, 'more')}` : '');
}

export async function readLiveInventory(context: ReadContext, stream: SelectedStream): Promise<void> {
  const { config } = context;
  apiSettings(config); // credentials missing: fail before the download
  const startedAt = new Date().toISOString();
  const issues = new IssueLog(context.log);
  const local = await downloadFiles(config, { catalog: config.catalog_file_path }, context.log, context.signal);
  try {
    const file = local.files.catalog;
    const path = file.remote.path;
    const signature = filesSignature([file.remote]);
    const startAfter = await resumeLine(stream.state, file, signature, NAME, context.log);
    const catalog = await openCatalog(file, productFileOptions(config, issues.report));
    // The primary key must hold within a read: a SKU listed twice is asked for once.
    const seen = new Set<string>();
    let duplicates = 0;

    async function* batches(): AsyncGenerator<Batch> {
      let skus: string[] = [];
      let lastLine = 0;
      for await (const items of catalog.items) {
        context.signal.throwIfAborted();
        for (const item of items) {
          if (seen.has(item.sku)) {
            duplicates++;
            issues.report({ kind: 'duplicate_sku', file: path, message: `${path} line ${item.line} repeats SKU ${item.sku}; it is asked for once.` });
            continue;
          }
          seen.add(item.sku);
          if (item.line <= startAfter) continue;
          skus.push(item.sku);
          lastLine = item.line;
          if (skus.length === LIMITS.maxSkusPerCall) {
            yield { skus, lastLine };
            skus = [];
          }
        }
      }
      if (skus.length > 0) yield { skus, lastLine };
    }

    const notFound: string[] = [];
    const unanswered: string[] = [];
    let calls = 0;
    await withApiClient(context, [NAME], async (client) => {
      const answers = pMapIterable(batches(), async (batch) => ({ ...batch, list: await client.checkProductAvailability(batch.skus) }), {
        concurrency: config.api_concurrency,
      });
      for await (const batch of answers) {
        calls++;
        if (batch.list.length === 0) {
          // WCF drops SkuList items it cannot read without a word: an empty answer is never "no such SKUs".
          throw new KrollDataError(
            `Kroll's dealer API answered CheckProductAvailability for ${count(batch.skus.length, 'SKU')} (${listed(batch.skus)}) with an empty list; ` +
              'it may not have read the SKU list.',
          );
        }
        const bySku = new Map(batch.list.map((a) => [a.sku, a]));
        for (const sku of batch.skus) {
          const answer = bySku.get(sku);
          if (answer === undefined) unanswered.push(sku);
          else if (!answer.skuFound) notFound.push(sku);
          else stream.emit(toRecord(answer));
        }
        stream.checkpoint({ resume: { files: signature, line: batch.lastLine } });
        await context.ready();
      }
    });

    const counts = catalog.counts;
    if (counts.rows === 0) throw noRowsError('catalog', file.remote);
    if (calls === 0 && startAfter === 0) throw noUsableRowError(path, counts);
    issues.close();
    if (notFound.length > 0) {
      context.log('WARN', `${NAME}: ${count(notFound.length, 'SKU')} of ${path} unknown to Kroll's dealer API (SkuFound false), skipped: ${listed(notFound)}.`);
    }
    if (unanswered.length > 0) {
      context.log('WARN', `${NAME}: Kroll's dealer API left ${count(unanswered.length, 'SKU')} out of its answers, skipped: ${listed(unanswered)}.`);
    }
    stream.checkpoint({ inventory_source: 'api', checked_at: startedAt });
    context.log(
      'INFO',
      `${NAME}: ${count(stream.emitted, 'record')} from CheckProductAvailability (${count(calls, 'call')}) for the SKUs of ${path}` +
        `${startAfter ? ` after line ${startAfter} (a resumed read)` : ''}: ` +
        clauses(
          `${count(notFound.length, 'SKU')} not found`,
          unanswered.length > 0 && `${count(unanswered.length, 'SKU')} not answered`,
          counts.withoutProductId > 0 && `${count(counts.withoutProductId, 'row')} without a ProductId skipped`,
          counts.withoutSku > 0 && `${count(counts.withoutSku, 'row')} without a Sku skipped`,
          counts.ragged > 0 && `${count(counts.ragged, 'ragged row')} skipped`,
          duplicates > 0 && `${count(duplicates, 'repeated SKU')} skipped`,
        ) +
        '.',
    );
  } finally {
    await local.dispose();
  }
}
