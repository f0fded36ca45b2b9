/**
 * Sends valid orders to Kroll, at most `concurrency` at a time, and hands each final answer to the
 * ledger. Why each order is placed at most once:
 *
 * - Kroll has no idempotency key. A call whose answer is lost (a timeout, a reset, an empty 200
 *   after the order was placed) is retried by the client with the same Purchase Order Number, and
 *   Kroll answers a number it already has with DuplicatePurchaseOrder: counted as accepted. That
 *   answer does not say which lines Kroll took, so the order is looked up (CheckOrderStatus).
 * - Two records of one write with the same Purchase Order Number are never with Kroll at the same
 *   time: a second one waits for the first's answer (whether Kroll's duplicate check would hold
 *   for two calls at once is not something to bet an order on). Numbers are compared ignoring case
 *   and spaces for that, in case Kroll compares them so. Once one is placed, a later one with the
 *   very same number is not sent at all: it is the same order, already with Kroll.
 * - An error that is no answer about the order (retries run out, credentials refused, an answer
 *   that cannot be read) stops the write: the other calls are aborted and nothing they covered is
 *   acknowledged, so the next write sends those orders again, and the rule above keeps them single.
 */
import { createHash } from 'node:crypto';
import type { KrollApiClient, KrollPurchaseOrderRequest, RetryEvent } from '../kroll/soap/index.js';
import { Interrupted, KrollDataError, TransientError } from '../protocol/errors.js';
import type { LogLevel } from '../protocol/messages.js';
import { describeOutcome, heldLines, outcomeOfError, outcomeOfResult, someLinesNotPlaced, type HeldLines, type Outcome } from './answer.js';
import type { Ledger, Ticket } from './ledger.js';

/** What became of the orders sent: each is counted once, under what this write did with it. */
export interface SendCounts {
  /** Placed by this write, a lost answer's retry answered as a duplicate included. */
  placed: number;
  partiallyPlaced: number;
  /** The same Purchase Order Number as an order placed earlier in this write: not sent. */
  repeats: number;
  /** Placed before this write (a duplicate whose first attempt was not this write's). */
  alreadyWithKroll: number;
  rejectedByKroll: number;
}

interface Placed {
  confirmation: string | null;
  line: number;
  digest: string;
}

/** One order to send: the order id names it, `line` is where it was on stdin. */
export interface OutgoingOrder {
  orderId: string;
  line: number;
  order: KrollPurchaseOrderRequest;
}

const lockKey = (po: string): string => po.trim().toUpperCase();
const digestOf = (order: KrollPurchaseOrderRequest): string => createHash('sha256').update(JSON.stringify(order)).digest('base64');

export function orderName(orderId: string, purchaseOrderNumber: string): string {
  return purchaseOrderNumber === orderId ? `Order ${orderId}` : `Order ${orderId} (Purchase Order Number ${purchaseOrderNumber})`;
}

/**
 * The failure that stops the write, naming the order it stopped on (the TRACE is all a user may
 * see): Kroll not answering, or answering nonsense, for this order. A stop by signal is not the
 * order's, and a config error is the account's.
 */
function aboutOrder(name: string, error: unknown): unknown {
  if (error instanceof Interrupted || !(error instanceof TransientError || error instanceof KrollDataError)) return error;
  const Same = error instanceof TransientError ? TransientError : KrollDataError;
  return new Same(`${name}: ${error.message}`, { cause: error, ...(error.internal === undefined ? {} : { internal: error.internal }) });
}

export class Sender {
  readonly counts: SendCounts = { placed: 0, partiallyPlaced: 0, repeats: 0, alreadyWithKroll: 0, rejectedByKroll: 0 };
  /** The first error that is no answer about an order; the write stops on it. */
  failure: unknown;
  private inFlight = 0;
  private slotFreed: (() => void) | undefined;
  private readonly tasks = new Set<Promise<void>>();
  /** The last call of each lock key: the next order with that key waits for it. */
  private readonly lastOfKey = new Map<string, Promise<void>>();
  private readonly placed = new Map<string, Placed>();

  constructor(
    private readonly client: KrollApiClient,
    private readonly concurrency: number,
    private readonly ledger: Ledger,
    private readonly log: (level: LogLevel, message: string) => void,
    /** Aborts every call in flight; called once, on the first failure. */
    private readonly abort: (reason: unknown) => void,
  ) {}

  /** Starts sending the order once fewer than `concurrency` are in flight; resolves when it has started. */
  async send(outgoing: OutgoingOrder, ticket: Ticket): Promise<void> {
    while (this.inFlight >= this.concurrency && this.failure === undefined) {
      await new Promise<void>((resolve) => (this.slotFreed = resolve));
    }
    if (this.failure !== undefined) return;
    this.inFlight++;
    const key = lockKey(outgoing.order.purchaseOrderNumber);
    const before = this.lastOfKey.get(key);
    const task = (async () => {
      if (before) await before;
      try {
        await this.place(outgoing, ticket);
      } catch (error) {
        this.fail(error); // a bug: stop, as for any error that is no answer
      }
    })().finally(() => {
      this.inFlight--;
      this.tasks.delete(task);
      if (this.lastOfKey.get(key) === task) this.lastOfKey.delete(key);
      const wake = this.slotFreed;
      this.slotFreed = undefined;
      wake?.();
    });
    this.lastOfKey.set(key, task);
    this.tasks.add(task);
  }

  /** Resolves once every order started has its answer or was given up on. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private async place(outgoing: OutgoingOrder, ticket: Ticket): Promise<void> {
    if (this.failure !== undefined) return;
    const { order } = outgoing;
    const name = orderName(outgoing.orderId, order.purchaseOrderNumber);
    const digest = digestOf(order);
    const earlier = this.placed.get(order.purchaseOrderNumber);
    if (earlier) {
      this.counts.repeats++;
      this.log(
        earlier.digest === digest ? 'INFO' : 'WARN',
        `${name} (stdin line ${outgoing.line}) was placed earlier in this write (stdin line ${earlier.line}), under confirmation number ` +
          `${earlier.confirmation ?? '(not given)'}: counted as a repeat, not sent again.` +
          (earlier.digest === digest ? '' : ' Its fields differ from the earlier record\'s: Kroll keeps the order as first placed.'),
      );
      this.ledger.finish(ticket, false);
      return;
    }

    let retried = false;
    const onRetry = (event: RetryEvent): void => {
      retried = true;
      this.log(
        'WARN',
        `${name}: ${event.operation} attempt ${event.attempt} failed (${event.reason}); trying again in ${(event.delayMs / 1000).toFixed(1)} s. ` +
          'Safe: Kroll answers a Purchase Order Number it already has as a duplicate.',
      );
    };
    let outcome: Outcome | undefined;
    try {
      outcome = outcomeOfResult(await this.client.submitPurchaseOrder(order, { onRetry }));
    } catch (error) {
      outcome = outcomeOfError(error);
      if (outcome === undefined) {
        this.fail(aboutOrder(`${name} (stdin line ${outgoing.line})`, error));
        return;
      }
    }

    // A duplicate's answer does not say which lines Kroll took: asked (read-only), for the log.
    if (outcome.kind === 'duplicate') outcome = { ...outcome, held: await this.lookUpLines(outcome.confirmation, order) };

    const { level, message } = describeOutcome(`${name} (stdin line ${outgoing.line})`, outcome, retried);
    this.log(level, message);
    if (outcome.kind === 'rejected') this.counts.rejectedByKroll++;
    else {
      // A duplicate after a lost answer of this very call: this write placed it.
      if (outcome.kind === 'duplicate' && !retried) this.counts.alreadyWithKroll++;
      else if (someLinesNotPlaced(outcome)) this.counts.partiallyPlaced++;
      else this.counts.placed++;
      this.placed.set(order.purchaseOrderNumber, { confirmation: outcome.confirmation, line: outgoing.line, digest });
    }
    this.ledger.finish(ticket, outcome.kind === 'rejected');
  }

  /** Which of the order's lines Kroll holds under `confirmation`; a failed look-up is told, never a failure of the write. */
  private async lookUpLines(confirmation: string | null, order: KrollPurchaseOrderRequest): Promise<HeldLines> {
    if (confirmation === null) return { unknown: 'Kroll gave no confirmation number to look up' };
    try {
      return heldLines(order.detailLines, (await this.client.checkOrderStatus(confirmation)).lines);
    } catch (error) {
      return { unknown: error instanceof Error ? error.message : String(error) };
    }
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.abort(error);
    const wake = this.slotFreed;
    this.slotFreed = undefined;
    wake?.();
  }
}
