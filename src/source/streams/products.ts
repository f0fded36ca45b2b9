/**
 * `products`: Kroll's catalog joined on SKU with the inventory export and the status file (Get
 * Inventory [Primary]). The two smaller files are held as lookup tables; the catalog is streamed.
 * Incremental syncs use the files' modification time as cursor: an unchanged feed yields no records.
 */
import type { RemoteFile } from '../../kroll/ftp/client.js';
import type { ReadContext, SelectedStream, StreamReader } from '../stream.js';
import { productFileOptions } from '../settings.js';
import { clauses, count } from '../../protocol/wording.js';
import { joinProducts, type JoinCounts, type ProductFiles } from './products-join.js';
import { TransientError } from '../../protocol/errors.js';
import { joinOnThreads, joinThreads } from './products-threads.js';
import { IssueLog } from './issue-log.js';
import { downloadFiles, filesSignature, hasResume, noRowsError, noUsableRowError, resumeLine, statFiles } from './product-files.js';

const NAME = 'products';
const CURSOR = 'feed_modified_at';

interface FeedState {
  /** The newest modification time of the three files read: the cursor. */
  cursor?: string;
  /** Exactly which files were read (path, size, time of each), when the state says. */
  files?: string;
}

function feedStateOf(state: unknown, log: ReadContext['log']): FeedState {
  if (state === undefined || state === null) return {};
  const s = state as Record<string, unknown>;
  const out: FeedState = {};
  const cursor = s[CURSOR];
  if (typeof cursor === 'string' && !Number.isNaN(Date.parse(cursor))) {
    out.cursor = new Date(cursor).toISOString();
  } else if (cursor !== undefined) {
    log('WARN', `${NAME}: the state's ${CURSOR} ${JSON.stringify(cursor)} is not a date and time; it is ignored and the whole feed is read.`);
  }
  if (typeof s.files === 'string') out.files = s.files;
  return out;
}

function latest(dates: Date[]): string {
  return new Date(Math.max(...dates.map((d) => d.getTime()))).toISOString();
}

/** The feed is unchanged when the very same files are there, or, lacking that detail, none is newer. */
function unchanged(previous: FeedState, files: RemoteFile[]): boolean {
  if (previous.files !== undefined) return previous.files === filesSignature(files);
  return previous.cursor !== undefined && Date.parse(latest(files.map((f) => f.modifiedAt))) <= Date.parse(previous.cursor);
}

/**
 * A cursor in the future (a state written by hand, or by a machine whose clock was wrong): what it
 * means depends on what decides whether the feed changed. The files the state names decide when
 * it names them; the cursor alone, newer than any file, holds every record back.
 */
function futureCursorWarning(previous: FeedState & { cursor: string }, same: boolean): string {
  const future = `${NAME}: the state's ${CURSOR} (${previous.cursor}) is in the future`;
  if (previous.files === undefined && same) return `${future}: no records until Kroll's files are newer than that. Reset the stream to read them now.`;
  if (same) return `${future}; the product files are the very ones the state names, so no records are sent. Reset the stream to read them now.`;
  return `${future}; the product files are not the ones the state names, so the whole catalog is sent, and the state starts again from the files' own time.`;
}

/** A share of the catalog missing from a lookup file this large suggests a truncated or stale file. */
const COVERAGE_WARNING = 0.1;
/**
 * Kroll writes the three files from one product list, so a lookup file's SKUs are nearly all in
 * the catalog. When more than this share are not, the catalog was cut short at a line break (a cut
 * mid-line is told by the table) or is stale: read as it is, those products would be gone.
 */
const CATALOG_CUT_SHORT = 0.5;
/** Below this many SKUs in a lookup file, a share proves nothing (a test feed, a tiny account). */
const COVERAGE_MIN_SKUS = 100;

/** The other way round from the coverage warning: SKUs of the lookup files the catalog lacks. */
function checkCatalogCoverage(joined: JoinCounts, files: ProductFiles, log: ReadContext['log']): void {
  const catalog = files.catalog.remote.path;
  const lookups = [
    [joined.inventorySkus, joined.noInventory, files.inventory.remote.path],
    [joined.statusSkus, joined.noStatus, files.status.remote.path],
  ] as const;
  for (const [skus, sentWithout, file] of lookups) {
    const notInCatalog = skus - (joined.sent - sentWithout);
    if (skus < COVERAGE_MIN_SKUS || notInCatalog / skus <= COVERAGE_WARNING) continue;
    const share = `${notInCatalog.toLocaleString('en-US')} of the ${count(skus, 'SKU')} of ${file} (${Math.round((100 * notInCatalog) / skus)}%) are not in ${catalog}`;
    if (notInCatalog / skus > CATALOG_CUT_SHORT) {
      throw new TransientError(
        `${NAME}: ${share}, which sent ${count(joined.sent, 'product')}: the catalog looks cut short or stale. ` +
          'Read as it is, those products would be gone, so the stream fails instead; the next sync will try again.',
      );
    }
    log('WARN', `${NAME}: ${share}; the catalog may be truncated or stale.`);
  }
}

async function readProducts(context: ReadContext, stream: SelectedStream): Promise<void> {
  const { config } = context;
  const paths = { status: config.status_file_path, inventory: config.inventory_file_path, catalog: config.catalog_file_path };
  const previous = stream.syncMode === 'incremental' ? feedStateOf(stream.state, context.log) : {};

  // An unchanged feed needs no download at all; a read interrupted mid-way still has to finish.
  // The state as it came, for the checkpoints that keep it (an unchanged feed, a read part-way).
  const previousPart = previous.cursor !== undefined ? { [CURSOR]: previous.cursor, ...(previous.files ? { files: previous.files } : {}) } : {};
  if (previous.cursor !== undefined && !hasResume(stream.state)) {
    const listed = Object.values(await statFiles(config, paths, context.signal));
    const same = unchanged(previous, listed);
    if (Date.parse(previous.cursor) > Date.now() + 86_400_000) context.log('WARN', futureCursorWarning({ ...previous, cursor: previous.cursor }, same));
    if (same) {
      context.log('INFO', `${NAME}: the product files have not changed since ${previous.cursor}; no records to send.`);
      stream.checkpoint(previousPart);
      return;
    }
  }

  const issues = new IssueLog(context.log);
  const local = await downloadFiles(config, paths, context.log, context.signal);
  try {
    const { files } = local;
    const remote = [files.catalog.remote, files.inventory.remote, files.status.remote];
    const feedModifiedAt = latest(remote.map((f) => f.modifiedAt));
    const signature = filesSignature(remote);
    const startAfter = await resumeLine(stream.state, files.catalog, signature, NAME, context.log);

    const input = { files, options: productFileOptions(config, issues.report), startAfter, feedModifiedAt };
    // Kroll's lookup files must hold rows: an empty one would blank every product's stock or status.
    const checkRows = async (rows: { inventory: number; status: number }): Promise<void> => {
      if (rows.inventory === 0) throw noRowsError('inventory', files.inventory.remote);
      if (rows.status === 0) throw noRowsError('status', files.status.remote);
    };
    const every = config.checkpoint_interval_records;
    const checkpoint = (line: number): void => stream.checkpoint({ ...previousPart, resume: { files: signature, line } });
    const threads = joinThreads(config.join_threads, files.catalog.remote.size);
    let joined: JoinCounts;
    if (threads > 1) {
      joined = await joinOnThreads(threads, { config, files, startAfter, feedModifiedAt, stream, issues, checkRows, every, checkpoint, context });
    } else {
      let sinceCheckpoint = 0;
      joined = await joinProducts(input, {
        loaded: checkRows,
        record: (record, line) => {
          stream.emit(record);
          if (++sinceCheckpoint >= every) {
            checkpoint(line);
            sinceCheckpoint = 0;
          }
        },
        batchDone: async () => {
          context.signal.throwIfAborted();
          await context.ready();
        },
      });
    }

    const { catalog: counts, noInventory, noStatus, duplicates, extraColumns } = joined;
    if (counts.rows === 0) throw noRowsError('catalog', files.catalog.remote);
    if (stream.emitted === 0 && startAfter === 0) throw noUsableRowError(files.catalog.remote.path, counts);
    issues.close();
    if (startAfter === 0) checkCatalogCoverage(joined, files, context.log);
    for (const [missing, file] of [[noInventory, files.inventory.remote.path], [noStatus, files.status.remote.path]] as const) {
      if (stream.emitted > 0 && missing / stream.emitted > COVERAGE_WARNING) {
        context.log('WARN', `${NAME}: ${Math.round((100 * missing) / stream.emitted)}% of the products sent are not in ${file}; it may be truncated or stale.`);
      }
    }
    stream.checkpoint({ [CURSOR]: feedModifiedAt, files: signature });
    context.log(
      'INFO',
      `${NAME}: ${count(stream.emitted, 'record')}${startAfter ? ` after line ${startAfter} (a resumed read)` : ''} from ${count(counts.rows, 'catalog row')}: ` +
        clauses(
          counts.withoutProductId > 0 && `${count(counts.withoutProductId, 'row')} without a ProductId skipped`,
          counts.withoutSku > 0 && `${count(counts.withoutSku, 'row')} without a Sku skipped`,
          counts.ragged > 0 && `${count(counts.ragged, 'ragged row')} skipped`,
          duplicates > 0 && `${count(duplicates, 'repeated SKU')} skipped`,
          `${count(noInventory, 'SKU')} not in the inventory export (inventory fields left empty)`,
          `${count(noStatus, 'SKU')} without a status`,
          `catalog columns kept in extra_columns: ${extraColumns.join(', ') || 'none'}`,
          threads > 1 && `joined on ${threads} threads`,
        ) +
        '.',
    );
  } finally {
    await local.dispose();
  }
}

export const productsReader: StreamReader = {
  streams: [
    {
      name: NAME,
      syncModes: ['full_refresh', 'incremental'],
      primaryKey: [['sku']],
      cursorField: [CURSOR],
      state: { keys: [CURSOR, 'files', 'resume'], without: 'the whole feed is read' },
    },
  ],
  async read(context) {
    const stream = context.selected(NAME);
    if (stream) await readProducts(context, stream);
  },
};
