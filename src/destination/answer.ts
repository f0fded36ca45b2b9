/**
 * What Kroll's answer to SubmitPurchaseOrder means for an order, and how it is told. Only a
 * definite answer is final: the order was placed (OrderAccepted, OrderPartiallyAccepted), is
 * already with Kroll (DuplicatePurchaseOrder), or was refused (OrderRejected, a validation error
 * code). Anything else (retries run out, an answer that cannot be read, credentials refused) is
 * no answer about the order: it stops the write, and the order is sent again by the next one.
 */
import { ERROR_CODES, KrollApiError, type KrollDetailLine, type KrollOrderLine, type KrollRejectedLine, type KrollSubmitResult } from '../kroll/soap/index.js';
import type { LogLevel } from '../protocol/messages.js';
import { count } from '../protocol/wording.js';

/**
 * Which of an order's lines Kroll holds, for a duplicate (whose answer does not say): the order's
 * lines Kroll does not hold, or holds canceled whole, out of how many; or why that is unknown.
 */
export type HeldLines = { notPlaced: KrollDetailLine[]; of: number } | { unknown: string };

export type Outcome =
  | { kind: 'placed'; status: 'OrderAccepted' | 'OrderPartiallyAccepted'; confirmation: string | null; rejectedLines: KrollRejectedLine[]; comment: string | null }
  | { kind: 'duplicate'; confirmation: string | null; held?: HeldLines }
  | { kind: 'rejected'; reason: string; rejectedLines: KrollRejectedLine[] };

/** Error codes that refuse the order itself: nothing was placed, and sending it again would not help. */
const REFUSALS: readonly number[] = [
  ERROR_CODES.validation,
  ERROR_CODES.invalidShipVia,
  ERROR_CODES.unknownSku,
  ERROR_CODES.invalidAddress,
  ERROR_CODES.quantityBelowOne,
  ERROR_CODES.notAllAvailable,
];

export function outcomeOfResult(result: KrollSubmitResult): Outcome {
  switch (result.fulfillmentStatus) {
    case 'OrderAccepted':
    case 'OrderPartiallyAccepted':
      return { kind: 'placed', status: result.fulfillmentStatus, confirmation: result.orderConfirmationNumber, rejectedLines: result.rejectedLines, comment: result.comment };
    case 'DuplicatePurchaseOrder':
      return { kind: 'duplicate', confirmation: result.orderConfirmationNumber };
    case 'OrderRejected':
      return { kind: 'rejected', reason: result.comment ?? result.errorMessage ?? 'Kroll gave no reason', rejectedLines: result.rejectedLines };
  }
}

/** The outcome a KrollApiError stands for, or undefined when the error is no answer about the order. */
export function outcomeOfError(error: unknown): Outcome | undefined {
  if (!(error instanceof KrollApiError)) return undefined;
  const result = error.result as KrollSubmitResult | undefined;
  if (error.code === ERROR_CODES.duplicatePurchaseOrder) return { kind: 'duplicate', confirmation: result?.orderConfirmationNumber ?? null };
  if (!REFUSALS.includes(error.code)) return undefined;
  return { kind: 'rejected', reason: `error ${error.code}: ${error.krollMessage ?? result?.comment ?? 'Kroll gave no reason'}`, rejectedLines: result?.rejectedLines ?? [] };
}

/**
 * The order's lines set against the lines Kroll holds under its confirmation number
 * (CheckOrderStatus): a line is placed when Kroll has its number with its SKU and some quantity
 * not canceled. Kroll keeps only the lines it took, so a line it rejected is missing.
 */
export function heldLines(sent: KrollDetailLine[], kroll: KrollOrderLine[]): HeldLines {
  const sameSku = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
  const notPlaced = sent.filter(
    (line) => !kroll.some((k) => k.lineNumber === line.lineNumber && sameSku(k.sku, line.sku) && k.quantityOrdered - k.quantityCanceled > 0),
  );
  return { notPlaced, of: sent.length };
}

/** Kroll placed the order without some of its lines: a partial acceptance, or a duplicate whose look-up found lines missing. */
export function someLinesNotPlaced(outcome: Outcome): boolean {
  if (outcome.kind === 'placed') return outcome.status === 'OrderPartiallyAccepted';
  return outcome.kind === 'duplicate' && outcome.held !== undefined && 'notPlaced' in outcome.held && outcome.held.notPlaced.length > 0;
}

/** Kroll's text without its closing full stop, for a sentence of ours. */
const bare = (text: string): string => text.trim().replace(/\.+$/, '');

function rejectedLinesText(lines: KrollRejectedLine[]): string {
  return lines
    .map((l) => `line ${l.lineNumber} ${l.sku} (${l.quantityRequested} requested, ${l.quantityAvailable} available)${l.reason ? `: ${bare(l.reason)}` : ''}`)
    .join('; ');
}

function heldText(held: HeldLines, confirmation: string): string {
  if ('unknown' in held) {
    return (
      `which of its lines Kroll holds is unknown (CheckOrderStatus: ${bare(held.unknown)}): ask Kroll about order ${confirmation} ` +
      '(CheckOrderStatus), or see its lines in purchase_order_lines after the next source-kroll sync'
    );
  }
  if (held.notPlaced.length === 0) return held.of === 1 ? 'Kroll holds its line' : `Kroll holds each of its ${held.of} lines`;
  const lines = held.notPlaced.map((l) => `line ${l.lineNumber} ${l.sku} (${l.quantityOrdered} ordered)`).join(', ');
  return `Kroll holds ${held.of - held.notPlaced.length} of its ${count(held.of, 'line')}; not placed (not in Kroll's order, or canceled): ${lines}`;
}

/**
 * The log line of an outcome. `order` names the order ("Order A-1001"); `retried` says an earlier
 * attempt of this very call failed without an answer, which is how a duplicate usually comes about.
 */
export function describeOutcome(order: string, outcome: Outcome, retried: boolean): { level: LogLevel; message: string } {
  switch (outcome.kind) {
    case 'placed': {
      const confirmation = `confirmation number ${outcome.confirmation ?? '(none given)'}`;
      if (outcome.status === 'OrderAccepted') return { level: 'INFO', message: `${order} accepted by Kroll: ${confirmation}${outcome.comment ? ` (${bare(outcome.comment)})` : ''}.` };
      return {
        level: 'WARN',
        message: `${order} partially accepted by Kroll: ${confirmation}; lines Kroll rejected: ${rejectedLinesText(outcome.rejectedLines) || '(not listed)'}.`,
      };
    }
    case 'duplicate': {
      const confirmation = outcome.confirmation ?? '(not given)';
      const { held } = outcome;
      const partial = someLinesNotPlaced(outcome);
      const counted = !retried ? 'counted as already with Kroll, not placed again' : partial ? 'counted as partially placed, once' : 'counted as placed, once';
      return {
        level: partial || (held !== undefined && 'unknown' in held) ? 'WARN' : 'INFO',
        message:
          `${order} is already with Kroll under confirmation number ${confirmation} (DuplicatePurchaseOrder): ` +
          (retried ? 'an earlier attempt placed it and its answer was lost' : 'it was placed before') +
          (held === undefined ? '' : `; ${heldText(held, confirmation)}`) +
          `; ${counted}.`,
      };
    }
    case 'rejected':
      return {
        level: 'ERROR',
        message: `${order} rejected by Kroll, not placed: ${bare(outcome.reason)}${outcome.rejectedLines.length > 0 ? ` (${rejectedLinesText(outcome.rejectedLines)})` : ''}.`,
      };
  }
}
