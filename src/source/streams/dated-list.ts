/**
 * What the order-side streams share: one of the dealer API's dated list operations (GetPurchaseOrders,
 * GetShipments, GetInvoices) read page by page over one window, and a parent stream and its line
 * stream filled from the same pages, each with its own sync mode and state.
 *
 * Where a stream starts: at start_date, or `lookback_days` before the cursor of its state. Kroll
 * records shipments and invoices a few days after their date, so the days before the cursor are
 * read again; a record seen twice within the read is sent once. The window runs from the earliest
 * start of the selected streams to the moment the read began, and each stream is sent the records
 * from its own start on.
 *
 * The state of each stream (the cursor under its field's own name):
 * - incremental, `{ order_date: T }`: every record dated before T was read, as of the read (the
 *   next read starts at T less the lookback). After each page T is the date of the page's last
 *   record (Kroll lists by date, so every earlier date is done); at the end, the window's end.
 * - full refresh: `{ resume: { order_date: T } }` after each page, which a full refresh given that
 *   state (the attempt after an interrupted one) continues from, less the lookback; at the end
 *   `{ order_date: <the window's end> }`, which a later full refresh ignores.
 * A state never moves back: a page dated before the state's cursor leaves it where it was.
 */
import type { KrollApiClient, KrollListQuery, KrollPage } from '../../kroll/soap/index.js';
import type { ReadContext, SelectedStream, StreamDefinition } from '../stream.js';
import { startDateMs } from '../settings.js';
import { count } from '../../protocol/wording.js';
import { pagesOf } from './paging.js';
import { isObject } from '../../protocol/files.js';

const DAY_MS = 86_400_000;

export interface DatedList<T> {
  /** The operation, as Kroll names it. */
  operation: string;
  /** What one item is, for the log: "shipment". */
  noun: string;
  parent: StreamDefinition;
  lines: StreamDefinition;
  /** The cursor field of both streams: the item's date. */
  cursor: string;
  fetch(client: KrollApiClient, query: KrollListQuery): Promise<KrollPage<T>>;
  /** The parent's primary key value. */
  keyOf(item: T): string;
  /** The item's date: UTC ISO-8601. */
  dateOf(item: T): string;
  record(item: T): object;
  lineRecords(item: T): object[];
  /** Runs on each page before its records are sent, with the items not seen before in the read. */
  onPage?(items: T[]): Promise<void>;
}

interface Plan {
  stream: SelectedStream;
  /** Items dated before this are not sent to the stream. */
  fromMs: number;
  /** What the stream's state already vouches for: its cursor never goes below. */
  floorMs: number | undefined;
  /** The last state sent, as JSON. */
  last: string | undefined;
  /** The stream's records emitted when that state was sent. */
  sentAt: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** Kroll's dates, in requests too, are whole seconds: the window's bounds are what the request says. */
const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

const shown = (value: unknown): string => JSON.stringify(value).slice(0, 200);

/**
 * The cursor a stream's state holds: for an incremental read its own, for a full refresh its resume
 * position (a full refresh's final state holds none: the next one reads everything). A state that
 * lacks the one the read needs is warned about: the stream is then read from start_date.
 */
function stateCursor(stream: SelectedStream, cursor: string, log: ReadContext['log']): unknown {
  if (!isObject(stream.state) || Object.keys(stream.state).length === 0) return undefined;
  const state = stream.state;
  if (stream.syncMode === 'incremental') {
    if (!(cursor in state)) log('WARN', `${stream.name}: the state ${shown(state)} has no ${cursor}, the cursor of an incremental read; it is ignored and the stream is read from start_date.`);
    return state[cursor];
  }
  if (state.resume === undefined) return undefined;
  if (!isObject(state.resume) || !(cursor in state.resume)) {
    log('WARN', `${stream.name}: the state's resume position ${shown(state.resume)} has no ${cursor}; it is ignored and the stream is read from start_date.`);
    return undefined;
  }
  return state.resume[cursor];
}

function planOf(stream: SelectedStream, cursor: string, context: ReadContext, nowMs: number): Plan {
  const { config } = context;
  const start = startDateMs(config);
  if (start > nowMs) {
    context.log('WARN', `${stream.name}: start_date ${iso(start)} is in the future: no ${stream.name} are read before that date. Correct start_date if it is a typo.`);
  }
  const raw = stateCursor(stream, cursor, context.log);
  let floorMs: number | undefined;
  if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) {
    floorMs = Date.parse(raw);
  } else if (raw !== undefined) {
    context.log('WARN', `${stream.name}: the state's ${cursor} ${JSON.stringify(raw)} is not a date and time; it is ignored and the stream is read from start_date.`);
  }
  if (floorMs === undefined) return { stream, fromMs: wholeSecond(start), floorMs, last: undefined, sentAt: 0 };

  const lookbackMs = floorMs - config.lookback_days * DAY_MS;
  const fromMs = wholeSecond(Math.max(start, lookbackMs));
  // Where the read starts and why: the lookback before the cursor, or start_date when that is later.
  const lookback = `${count(config.lookback_days, 'day')} before the state's ${cursor} ${iso(floorMs)}`;
  const from = start > lookbackMs ? `start_date ${iso(fromMs)}, which is later than ${lookback}` : `${iso(fromMs)}, ${lookback}`;
  if (floorMs > nowMs + DAY_MS) {
    context.log('WARN', `${stream.name}: the state's ${cursor} (${iso(floorMs)}) is in the future: no records dated before it are read again. Reset the stream to read them now.`);
  } else if (start <= nowMs) {
    // (A start_date in the future is warned about above: then there is nothing to read from.)
    const what = stream.syncMode === 'incremental' ? 'reading' : 'resuming the interrupted full refresh';
    context.log('INFO', `${stream.name}: ${what} from ${from}${stream.syncMode === 'incremental' ? '' : ', where it stopped'}.`);
  }
  return { stream, fromMs, floorMs, last: undefined, sentAt: 0 };
}

function send(plan: Plan, state: Record<string, unknown>): void {
  plan.last = JSON.stringify(state);
  plan.sentAt = plan.stream.emitted;
  plan.stream.checkpoint(state);
}

/**
 * A checkpoint after every page that sent the stream records, or moved its cursor; the page's last
 * record is dated `doneMs`. A page read again inside the lookback leaves the cursor where the state
 * had it; its state is sent all the same, so that what the page sent is committed now.
 */
function pageCheckpoint(plan: Plan, cursor: string, doneMs: number): void {
  const at = iso(Math.max(plan.floorMs ?? doneMs, doneMs));
  const state = plan.stream.syncMode === 'incremental' ? { [cursor]: at } : { resume: { [cursor]: at } };
  if (plan.stream.emitted > plan.sentAt || JSON.stringify(state) !== plan.last) send(plan, state);
}

function finalCheckpoint(plan: Plan, cursor: string, toMs: number): void {
  const incremental = plan.stream.syncMode === 'incremental';
  let state: Record<string, string>;
  if (incremental && plan.fromMs >= toMs) {
    // Nothing could be read (start_date in the future): the cursor stays where it was, or there is
    // none, so that a corrected start_date is read from, not skipped.
    state = plan.floorMs === undefined ? {} : { [cursor]: iso(plan.floorMs) };
  } else {
    state = { [cursor]: iso(incremental ? Math.max(plan.floorMs ?? toMs, toMs) : toMs) };
  }
  // Always a state (read.ts requires one per read), unless the very same was just sent.
  if (JSON.stringify(state) !== plan.last) send(plan, state);
}

export async function readDatedList<T>(context: ReadContext, client: KrollApiClient, list: DatedList<T>): Promise<void> {
  const nowMs = wholeSecond(Date.now());
  const parent = context.selected(list.parent.name);
  const lines = context.selected(list.lines.name);
  const parentPlan = parent && planOf(parent, list.cursor, context, nowMs);
  const linesPlan = lines && planOf(lines, list.cursor, context, nowMs);
  const plans = [parentPlan, linesPlan].filter((p): p is Plan => p !== undefined);
  if (plans.length === 0) return;

  const fromMs = Math.min(...plans.map((p) => p.fromMs));
  const toMs = nowMs;
  const pageSize = context.config.page_size;
  const seen = new Set<string>();
  let repeated = 0;
  let read = 0;
  let pages = 0;
  // The checkpoints rely on Kroll listing by date; a list that is not cannot be resumed part-way.
  let ordered = true;
  let previousMs = Number.NEGATIVE_INFINITY;

  if (fromMs < toMs) {
    const fetch = (page: number) => list.fetch(client, { from: new Date(fromMs), to: new Date(toMs), page, pageSize });
    for await (const page of pagesOf(list.operation, fetch, list.keyOf)) {
      context.signal.throwIfAborted();
      pages++;
      const fresh: T[] = [];
      for (const item of page.items) {
        const key = list.keyOf(item);
        // Records added while the read pages on shift later pages: the ones shifted in again are skipped.
        if (seen.has(key)) {
          repeated++;
          continue;
        }
        seen.add(key);
        fresh.push(item);
        const ms = Date.parse(list.dateOf(item));
        if (ms < previousMs && ordered) {
          ordered = false;
          context.log('WARN', `Kroll's dealer API does not list ${list.operation} by date (${iso(ms)} after ${iso(previousMs)}): this read sends no checkpoint before its end, so an interrupted read starts over.`);
        }
        previousMs = Math.max(previousMs, ms);
      }
      await list.onPage?.(fresh);
      for (const item of fresh) {
        read++;
        const ms = Date.parse(list.dateOf(item));
        if (parentPlan && ms >= parentPlan.fromMs) parentPlan.stream.emit(list.record(item));
        if (linesPlan && ms >= linesPlan.fromMs) for (const line of list.lineRecords(item)) linesPlan.stream.emit(line);
      }
      if (ordered && previousMs > Number.NEGATIVE_INFINITY) for (const plan of plans) pageCheckpoint(plan, list.cursor, previousMs);
      await context.ready();
    }
  }
  for (const plan of plans) finalCheckpoint(plan, list.cursor, toMs);

  const window = fromMs < toMs ? `dated ${iso(fromMs)} to ${iso(toMs)} in ${count(pages, 'page')}` : `read: the window starts at ${iso(fromMs)}, after this read's time ${iso(toMs)}`;
  context.log(
    'INFO',
    `${list.operation}: ${count(read, list.noun)} ${window}` +
      (repeated > 0 ? ` (${count(repeated, 'record')} listed again on a later page skipped)` : '') +
      `; ${plans.map((p) => `${p.stream.name}: ${count(p.stream.emitted, 'record')}`).join(', ')}.`,
  );
}

/** The two stream definitions of a dated list: full refresh first, then incremental on the cursor. */
export function datedStreams(parent: string, parentKey: string[], lines: string, cursor: string): [StreamDefinition, StreamDefinition] {
  const definition = (name: string, key: string[]): StreamDefinition => ({
    name,
    syncModes: ['full_refresh', 'incremental'],
    primaryKey: key.map((k) => [k]),
    cursorField: [cursor],
    state: { keys: [cursor, 'resume'], without: 'the stream is read from start_date' },
  });
  return [definition(parent, parentKey), definition(lines, [...parentKey, 'line_number'])];
}
