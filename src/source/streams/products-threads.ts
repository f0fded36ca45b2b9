/**
 * The products join spread over threads (bench/README.md has the measurements). One thread does
 * the join at about half the floor's speed, and no part of it dominates enough to be made several
 * times cheaper; so the SKUs are split into partitions (kroll/products/partition.ts) and each is
 * joined on a thread of its own, partition 0 on this thread and the others on workers
 * (products-worker.ts). Each reads all three files but keeps only its SKUs' rows (the SKU is cut
 * from the line before the line is split), so it builds only its share of the lookup tables
 * (together they hold what one thread would: memory does not grow with the threads), and it
 * encodes its own records (RecordEncoder: the very bytes MessageWriter writes) into buffers that
 * are handed over, not copied, and given back once written.
 *
 * This thread owns stdout: it writes every partition's buffers with back-pressure (a partition has
 * a few credits, one given back for each of its segments written), counts the records and
 * checkpoints. A partition sends its records in segments of catalog lines ((k-1)·S, k·S]; writing
 * them in order of their last line makes each boundary an exact cut: when the next segment to write
 * ends after line B, every record up to B is written and none after it, so `resume.line = B` loses
 * nothing and sends nothing twice. Records of different partitions interleave: their order is not
 * the catalog's.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceConfig } from '../../generated/configs.js';
import type { FileIssue } from '../../kroll/products/files.js';
import { partitions, type Partition } from '../../kroll/products/partition.js';
import { errorFromData, type ErrorData } from '../../protocol/errors.js';
import { RecordEncoder } from '../../protocol/output.js';
import type { ReadContext, SelectedStream } from '../stream.js';
import type { IssueLog } from './issue-log.js';
import { joinProducts, type JoinCounts, type JoinInput } from './products-join.js';
import { SegmentWriter, type Segment } from './products-segments.js';
import { productFileOptions } from '../settings.js';

/** Below this size of catalog, starting threads costs more than they save: one thread does it. */
const THREADS_FROM_BYTES = 4 * 1024 * 1024;
/** More threads than this would each read every file for a smaller share: the unset setting stops here. */
const MOST_AUTO_THREADS = 4;
/** Catalog lines per segment at most; fewer when checkpoints are to come more often. */
const SEGMENT_LINES = 1024;
/** Segments a partition may have sent and not seen written: bounds the memory of records in flight. */
const CREDITS = 2;
/**
 * A worker's young generation, MB. V8's default let each worker's grow to ~48 MB, ~40 MB more peak
 * RSS at 1M SKUs for no speed; below 16 more of each batch survives into the old generation, which
 * then grows: 12 MB measured 438 MiB and slower (bench/README.md).
 */
const WORKER_YOUNG_MB = 16;

/** How many threads join the catalog: the config's join_threads, or as many as pay for themselves. */
export function joinThreads(setting: number | undefined, catalogBytes: number): number {
  if (setting !== undefined) return setting;
  return catalogBytes < THREADS_FROM_BYTES ? 1 : Math.min(availableParallelism(), MOST_AUTO_THREADS);
}

export interface WorkerInput extends Omit<JoinInput, 'options'> {
  config: SourceConfig;
  partition: Partition;
  segmentLines: number;
  credits: number;
}

export type FromWorker =
  | { type: 'issue'; issue: FileIssue }
  | { type: 'loaded'; rows: { inventory: number; status: number } }
  /** Records of catalog lines up to `through` (Infinity: the rest of the file), as RECORD lines. */
  | ({ type: 'segment' } & Segment)
  | { type: 'done'; counts: JoinCounts; unshown: [string, number][] }
  | { type: 'error'; error: ErrorData };

/** `reuse`: buffers of segments written, given back (RecordEncoder.reuse). */
export type ToWorker = { type: 'go' } | { type: 'credit' } | { type: 'reuse'; buffers: ArrayBuffer[] };

export interface ThreadedJoin extends Omit<JoinInput, 'options'> {
  config: SourceConfig;
  stream: SelectedStream;
  issues: IssueLog;
  /** Checks the lookup files' row counts (all partitions together) before the catalog is read. */
  checkRows(rows: { inventory: number; status: number }): Promise<void>;
  /** A checkpoint at least every this many records. */
  every: number;
  checkpoint(line: number): void;
  context: Pick<ReadContext, 'signal' | 'ready'>;
}

/** A partition as the merge sees it: on this thread or on a worker. */
interface Partner {
  queue: Segment[];
  loaded?: { inventory: number; status: number };
  done?: JoinCounts;
  go(): void;
  credit(): void;
  /** The chunk of one of its segments, written: its buffer can take more records. */
  written(chunk: Buffer): void;
  stop(): Promise<unknown>;
}

function sum(parts: JoinCounts[]): JoinCounts {
  const total = (pick: (c: JoinCounts) => number): number => parts.reduce((n, c) => n + pick(c), 0);
  return {
    catalog: {
      rows: total((c) => c.catalog.rows),
      ragged: total((c) => c.catalog.ragged),
      withoutSku: total((c) => c.catalog.withoutSku),
      withoutProductId: total((c) => c.catalog.withoutProductId),
    },
    sent: total((c) => c.sent),
    noInventory: total((c) => c.noInventory),
    noStatus: total((c) => c.noStatus),
    duplicates: total((c) => c.duplicates),
    inventorySkus: total((c) => c.inventorySkus),
    statusSkus: total((c) => c.statusSkus),
    extraColumns: parts[0]!.extraColumns,
  };
}

export async function joinOnThreads(threads: number, join: ThreadedJoin): Promise<JoinCounts> {
  const { stream, issues, context } = join;
  const segmentLines = Math.max(1, Math.min(SEGMENT_LINES, join.every));
  const url = new URL('./products-worker.js', import.meta.url);
  const shares = partitions(threads);
  let failure: unknown;
  let wake: () => void = () => {};
  const changed = (): void => wake();
  const fail = (error: unknown): void => {
    failure ??= error;
    changed();
  };

  const workerPartner = (index: number): Partner => {
    const workerData: WorkerInput = {
      config: join.config,
      files: join.files,
      startAfter: join.startAfter,
      feedModifiedAt: join.feedModifiedAt,
      partition: shares[index]!,
      segmentLines,
      credits: CREDITS,
    };
    const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const send = (message: ToWorker, transfer: ArrayBuffer[] = []): void => worker.postMessage(message, transfer);
    const partner: Partner = {
      queue: [],
      go: () => send({ type: 'go' }),
      credit: () => send({ type: 'credit' }),
      written: (chunk) => {
        if (RecordEncoder.reusable(chunk)) send({ type: 'reuse', buffers: [chunk.buffer as ArrayBuffer] }, [chunk.buffer as ArrayBuffer]);
      },
      stop: () => worker.terminate(),
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'issue':
          issues.report(message.issue);
          return;
        case 'loaded':
          partner.loaded = message.rows;
          break;
        case 'segment':
          // Structured cloning turns Buffers into plain Uint8Arrays over the same memory.
          partner.queue.push({ ...message, chunks: message.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)) });
          break;
        case 'done':
          issues.add(message.unshown);
          partner.done = message.counts;
          break;
        case 'error':
          fail(errorFromData(message.error));
          return;
      }
      changed();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (partner.done === undefined) fail(new Error(`A thread of the products join stopped (exit code ${code}) before it finished.`));
    });
    return partner;
  };

  // Partition 0 is joined on this thread, between its writes: one thread fewer, and the memory of one
  // JavaScript heap less (each has its young generation and its own copy of the code).
  const localPartner = (): Partner => {
    let go: () => void = () => {};
    const started = new Promise<void>((resolve) => (go = resolve));
    const segments = new SegmentWriter(segmentLines, CREDITS, (segment) => {
      partner.queue.push(segment);
      changed();
    });
    const options = { ...productFileOptions(join.config, issues.report), partition: shares[0]! };
    const running = joinProducts(
      { files: join.files, options, startAfter: join.startAfter, feedModifiedAt: join.feedModifiedAt },
      {
        loaded: async (rows) => {
          partner.loaded = rows;
          changed();
          await started;
          if (failure !== undefined) throw failure;
        },
        record: (record, line) => segments.record(record, line),
        batchDone: async () => {
          if (failure !== undefined) throw failure;
          await segments.flush();
        },
      },
    ).then(
      async (counts) => {
        await segments.end();
        partner.done = counts;
        changed();
      },
      fail,
    );
    const partner: Partner = {
      queue: [],
      go,
      credit: () => segments.credit(),
      written: (chunk) => {
        if (RecordEncoder.reusable(chunk)) segments.reuse(chunk.buffer as ArrayBuffer);
      },
      // The join stops at its next batch (failure is set by then, or the join is over).
      stop: async () => {
        failure ??= new Error('the products join stopped');
        go();
        segments.release();
        await running;
      },
    };
    return partner;
  };

  const partners: Partner[] = [localPartner()];
  for (let index = 1; index < threads; index++) partners.push(workerPartner(index));
  const abort = (): void => fail(context.signal.reason);
  context.signal.addEventListener('abort', abort, { once: true });
  const next = (): Promise<void> =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  try {
    // Every partition's lookup tables first: a lookup file without rows fails the read before a record is sent.
    while (failure === undefined && !partners.every((p) => p.loaded !== undefined)) await next();
    if (failure !== undefined) throw failure;
    await join.checkRows({
      inventory: partners.reduce((n, p) => n + p.loaded!.inventory, 0),
      status: partners.reduce((n, p) => n + p.loaded!.status, 0),
    });
    for (const partner of partners) partner.go();

    let written = 0; // the last line of the segments written so far
    let sinceCheckpoint = 0;
    for (;;) {
      if (failure !== undefined) throw failure;
      // The next segment can be chosen only when every partition still reading has one waiting.
      if (partners.some((p) => p.queue.length === 0 && p.done === undefined)) {
        await next();
        continue;
      }
      const waiting = partners.filter((p) => p.queue.length > 0);
      if (waiting.length === 0) break;
      const partner = waiting.reduce((a, b) => (b.queue[0]!.through < a.queue[0]!.through ? b : a));
      const segment = partner.queue.shift()!;
      if (segment.through > written && Number.isFinite(written) && written > 0 && sinceCheckpoint >= join.every) {
        join.checkpoint(written);
        sinceCheckpoint = 0;
      }
      stream.emitEncoded(segment.chunks, segment.records, partner.written);
      sinceCheckpoint += segment.records;
      written = segment.through;
      await context.ready();
      partner.credit();
    }
    return sum(partners.map((p) => p.done!));
  } finally {
    context.signal.removeEventListener('abort', abort);
    await Promise.all(partners.map((p) => p.stop()));
  }
}
