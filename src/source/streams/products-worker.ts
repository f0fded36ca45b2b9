/**
 * A worker thread of the products join (products-threads.ts says why and how): the join of one
 * partition of the SKUs, its records encoded here and sent in segments of catalog lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorData } from '../../protocol/errors.js';
import { productFileOptions } from '../settings.js';
import { IssueLog } from './issue-log.js';
import { joinProducts } from './products-join.js';
import { SegmentWriter } from './products-segments.js';
import type { FromWorker, ToWorker, WorkerInput } from './products-threads.js';

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const segments = new SegmentWriter(input.segmentLines, input.credits, (segment) => {
  // A chunk on a buffer of its own is handed over; a small one (maybe on Node's shared pool) is copied.
  const own = segment.chunks.filter((c) => c.buffer.byteLength > Buffer.poolSize).map((c) => c.buffer as ArrayBuffer);
  post({ type: 'segment', ...segment }, [...new Set(own)]);
});
let go: () => void = () => {};
const started = new Promise<void>((resolve) => (go = resolve));
port.on('message', (message: ToWorker) => {
  if (message.type === 'go') go();
  else if (message.type === 'credit') segments.credit();
  else for (const buffer of message.buffers) segments.reuse(buffer);
});

// The first problems of each kind go to the main thread's IssueLog; the rest are counted here.
const issues = new IssueLog(() => {}, undefined, (issue) => post({ type: 'issue', issue }));

async function run(): Promise<void> {
  const options = { ...productFileOptions(input.config, issues.report), partition: input.partition };
  const counts = await joinProducts(
    { ...input, options },
    {
      loaded: async (rows) => {
        post({ type: 'loaded', rows });
        await started;
      },
      record: (record, line) => segments.record(record, line),
      batchDone: () => segments.flush(),
    },
  );
  await segments.end();
  post({ type: 'done', counts, unshown: issues.unshown() });
}

run().catch((error: unknown) => post({ type: 'error', error: errorData(error) }));
