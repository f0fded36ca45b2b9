/**
 * What Kroll's answer to SubmitPurchaseOrder means for an order, and how it is told. Only a
 * definite answer is final: the order was placed (OrderAccepted, OrderPartiallyAccepted), is
 * already with Kroll (DuplicatePurchaseOrder), or was refused (OrderRejected, a validation error
 * code). Anything else (retries run out, an answer that cannot be read, credentials refused) is
 * no answer about the order: it stops the write, and the order is sent again by the next one.
 */
import { ERROR_CODES, KrollApiError, type KrollRejectedLine, type KrollSubmitResult } from '../kroll/soap/index.js';
import type { LogLevel } from '../protocol/messages.js';

export type Outcome =
  | { kind: 'placed'; status: 'OrderAccepted' | 'OrderPartiallyAccepted'; confirmation: string | null; rejectedLines: KrollRejectedLine[]; comment: string | null }
  | { kind: 'duplicate'; confirmation: string | null }
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

/** Kroll's text without its closing full stop, for a sentence of ours. */
const bare = (text: string): string => text.trim().replace(/\.+$/, '');

function rejectedLinesText(lines: KrollRejectedLine[]): string {
  return lines
    .map((l) => `line ${l.lineNumber} ${l.sku} (${l.quantityRequested} requested, ${l.quantityAvailable} available)${l.reason ? `: ${bare(l.reason)}` : ''}`)
    .join('; ');
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
    case 'duplicate':
      return {
        level: 'INFO',
        message:
          `${order} is already with Kroll under confirmation number ${outcome.confirmation ?? '(not given)'} (DuplicatePurchaseOrder): ` +
          (retried ? 'an earlier attempt placed it and its answer was lost; counted as placed, once.' : 'it was placed before; counted as already with Kroll, not placed again.'),
      };
    case 'rejected':
      return {
        level: 'ERROR',
        message: `${order} rejected by Kroll, not placed: ${bare(outcome.reason)}${outcome.rejectedLines.length > 0 ? ` (${rejectedLinesText(outcome.rejectedLines)})` : ''}.`,
      };
  }
}
