/**
 * Kroll's dealer API, typed: one method per operation, plain objects in, typed models out.
 *
 * A call is tried until it succeeds or the retry policy runs out. SOAP faults from the server side,
 * HTTP 5xx, timeouts, resets and an empty 200 body are retried with exponential back-off and full
 * jitter; HTTP 503 with Retry-After waits as told (calling onRateLimited first). AuthenticationFailed
 * is a ConfigError, Kroll's other error codes a KrollApiError, except DuplicatePurchaseOrder for
 * SubmitPurchaseOrder, which is an answer (the order is already with Kroll). Retries exhausted: a
 * TransientError that lists what each attempt got. The request body holds the password: it is
 * never logged nor put in an error, and any text from Kroll that goes into an error is masked.
 */
import { ConfigError, ConnectorError, KrollDataError, TransientError } from '../../protocol/errors.js';
import { Redactor, withoutUserInfo } from '../../protocol/redact.js';
import { ERROR_CODES, LIMITS, NS, OPERATIONS, THROTTLING, soapAction, type Operation, type OperationKey } from './contract.js';
import { decodeContract, isNil, type MemberReport } from './decode.js';
import { requestEnvelope, type Credentials } from './envelope.js';
import { KrollApiError, OperationNotOfferedError, authenticationFailed, isPermanentFault, type SoapFault } from './errors.js';
import { SoapHttp, type HttpAnswer } from './http.js';
import type {
  KrollAddressRequest,
  KrollAddressResult,
  KrollInvoice,
  KrollListQuery,
  KrollOrderStatusResult,
  KrollPage,
  KrollProductAvailability,
  KrollPurchaseOrder,
  KrollPurchaseOrderRequest,
  KrollShipment,
  KrollSubmitResult,
} from './models.js';
import { readResponse } from './response.js';
import { DEFAULT_RETRY, backoffDelayMs, retryAfterMs, sleep, type RetryPolicy } from './retry.js';
import type { ModelOf, RequestOf } from './schema.js';
import { XmlSyntaxError, child, type XmlElement } from './xml.js';

export interface KrollApiOptions {
  /** e.g. https://api.krollcorp.com/EBusiness/Kroll.Dealer.EBusiness.svc/Basic */
  baseUrl: string;
  /** DealerAccountNumber. */
  accountNumber: string;
  /** UserId: the e-mail address of the account's API credentials. */
  userId: string;
  /** Password: the API key. Secret. */
  password: string;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Until the answer's headers arrive; default 60 s. */
  headersTimeoutMs?: number;
  /** Between two chunks of the answer's body; default 60 s. */
  bodyTimeoutMs?: number;
  /** Connections (so calls in flight) at once; more calls wait their turn. Default 4. */
  concurrency?: number;
  /** Default DEFAULT_RETRY: 5 attempts, 1 s base delay, 30 s longest back-off, 300 s longest Retry-After. */
  retry?: Partial<RetryPolicy>;
  /** Aborts every call in flight and every wait; calls then reject with the signal's reason. */
  signal?: AbortSignal;
  /** Kroll throttled a call; it is retried at `resetAt`. For a RATE_LIMITED stream status. */
  onRateLimited?: (resetAt: Date, operation: string) => void;
  /** A failed attempt is about to be retried after `delayMs` (never called with anything secret). */
  onRetry?: (event: RetryEvent) => void;
  /** Member names of each decoded answer the contract lacks or the answer lacked (diagnostics). */
  onAnswerMembers?: (operation: string, report: MemberReport) => void;
  /** The jitter's random source; default Math.random. */
  random?: () => number;
}

export interface RetryEvent {
  operation: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface CallOptions {
  /** Aborts this call only. */
  signal?: AbortSignal;
  /** A failed attempt of this call is about to be retried (after the client's own onRetry). */
  onRetry?: (event: RetryEvent) => void;
}

type Op<K extends OperationKey> = (typeof OPERATIONS)[K];
export type RequestFor<K extends OperationKey> = RequestOf<Op<K>['request']>;
export type ResultFor<K extends OperationKey> = ModelOf<Op<K>['result']>;

type Attempt<T> = { done: T } | { retry: string; waitMs?: number; rateLimitedFor?: number };

const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;

function describeNetworkError(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'no answer in time (headers timeout)';
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'the answer stalled (body timeout)';
  if (code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED: nothing listens there)';
  return code ?? (typeof e?.message === 'string' ? e.message : String(error));
}

function checkQuery(query: KrollListQuery): void {
  if (!(query.from instanceof Date) || Number.isNaN(query.from.getTime())) throw new RangeError('query.from must be a valid Date');
  if (!(query.to instanceof Date) || Number.isNaN(query.to.getTime())) throw new RangeError('query.to must be a valid Date');
  if (!Number.isSafeInteger(query.page) || query.page < 1) throw new RangeError(`query.page must be an integer from 1, got ${query.page}`);
  if (!Number.isSafeInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > LIMITS.maxPageSize) {
    throw new RangeError(`query.pageSize must be an integer from 1 to ${LIMITS.maxPageSize}, got ${query.pageSize}`);
  }
}

function page<T>(items: T[], result: { pageNumber: number; pageSize: number; totalCount: number; hasMore: boolean }): KrollPage<T> {
  return { items, pageNumber: result.pageNumber, pageSize: result.pageSize, totalCount: result.totalCount, hasMore: result.hasMore };
}

export class KrollApiClient {
  private readonly http: SoapHttp;
  private readonly credentials: Credentials;
  private readonly policy: RetryPolicy;
  private readonly redactor: Redactor;

  constructor(private readonly options: KrollApiOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new ConfigError(`api_base_url "${options.baseUrl}" is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`api_base_url must be an http or https URL, got ${url.protocol}`);
    // undici's pool is keyed by the URL's origin, so a user name and password in the URL would be
    // dropped without a word: refused instead, and never repeated.
    if (url.username || url.password) {
      throw new ConfigError(
        `api_base_url ${withoutUserInfo(options.baseUrl)} has a user name or password written into it (user:password@), which the connector does not send: ` +
          "Kroll's dealer API takes api_username and api_password in each request. Remove them from api_base_url.",
      );
    }
    this.http = new SoapHttp({
      baseUrl: options.baseUrl,
      connections: options.concurrency ?? 4,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 60_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 60_000,
    });
    this.credentials = { dealerAccountNumber: options.accountNumber, userId: options.userId, password: options.password };
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    if (!Number.isSafeInteger(this.policy.attempts) || this.policy.attempts < 1) throw new RangeError('retry.attempts must be an integer of at least 1');
    this.redactor = new Redactor([options.password]);
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  // -------------------------------------------------------------------------------------------
  // The operations.

  /** Live availability of up to 1,000 SKUs, in the order asked (unknown SKUs with skuFound false). */
  async checkProductAvailability(skus: readonly string[], options?: CallOptions): Promise<KrollProductAvailability[]> {
    if (skus.length > LIMITS.maxSkusPerCall) throw new RangeError(`at most ${LIMITS.maxSkusPerCall} SKUs a call, got ${skus.length}`);
    return (await this.call('checkProductAvailability', { skuList: skus }, options)).list;
  }

  /**
   * Places an order. Resolves for OrderAccepted, OrderPartiallyAccepted, OrderRejected without an
   * error code, and DuplicatePurchaseOrder (error 300: the order is already with Kroll, under the
   * confirmation number returned). Validation codes (201 ShipVia, 202 SKU, 203 address, 204
   * quantity, 310 not all available...) reject with a KrollApiError whose `result` holds the answer.
   */
  async submitPurchaseOrder(order: KrollPurchaseOrderRequest, options?: CallOptions): Promise<KrollSubmitResult> {
    return this.call('submitPurchaseOrder', order, options);
  }

  /** An order's status and lines; an unknown number rejects with KrollApiError code 400. */
  async checkOrderStatus(orderConfirmationNumber: string, options?: CallOptions): Promise<KrollOrderStatusResult> {
    return this.call('checkOrderStatus', { orderConfirmationNumber }, options);
  }

  async validateAddress(address: KrollAddressRequest, options?: CallOptions): Promise<KrollAddressResult> {
    return this.call('validateAddress', address, options);
  }

  /** Orders with from <= OrderDate < to, by OrderDate then confirmation number. */
  async getPurchaseOrders(query: KrollListQuery, options?: CallOptions): Promise<KrollPage<KrollPurchaseOrder>> {
    checkQuery(query);
    const r = await this.call(
      'getPurchaseOrders',
      { orderedFrom: query.from, orderedTo: query.to, pageNumber: query.page, pageSize: query.pageSize, purchaseOrderNumber: query.purchaseOrderNumber ?? null },
      options,
    );
    return page(r.orders, r);
  }

  /** Shipments with from <= ShipDate < to, by ShipDate then ShipmentId. */
  async getShipments(query: KrollListQuery, options?: CallOptions): Promise<KrollPage<KrollShipment>> {
    checkQuery(query);
    const r = await this.call(
      'getShipments',
      { shippedFrom: query.from, shippedTo: query.to, pageNumber: query.page, pageSize: query.pageSize, purchaseOrderNumber: query.purchaseOrderNumber ?? null },
      options,
    );
    return page(r.shipments, r);
  }

  /** Invoices with from <= InvoiceDate < to, by InvoiceDate then InvoiceNumber. */
  async getInvoices(query: KrollListQuery, options?: CallOptions): Promise<KrollPage<KrollInvoice>> {
    checkQuery(query);
    const r = await this.call(
      'getInvoices',
      { invoicedFrom: query.from, invoicedTo: query.to, pageNumber: query.page, pageSize: query.pageSize, purchaseOrderNumber: query.purchaseOrderNumber ?? null },
      options,
    );
    return page(r.invoices, r);
  }

  /**
   * The service description next to the base URL (`?singleWsdl`), or null when the service does
   * not offer one. One try, no retries: it is for diagnostics.
   */
  async serviceDescription(options?: CallOptions): Promise<string | null> {
    const signal = this.signalFor(options);
    try {
      const answer = await this.http.get('?singleWsdl', signal);
      return answer.status === 200 && answer.body.trim() !== '' ? answer.body : null;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new TransientError(`Could not fetch the service description of ${this.baseUrl}: ${this.mask(describeNetworkError(error))}.`);
    }
  }

  /**
   * Whether the base URL answers at all: a GET of it, one try, no retries (for diagnostics). Any
   * HTTP answer resolves with its status; no answer is a TransientError saying why.
   */
  async probe(options?: CallOptions): Promise<{ status: number; ms: number }> {
    const signal = this.signalFor(options);
    const started = performance.now();
    try {
      const answer = await this.http.get('', signal);
      return { status: answer.status, ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw this.configErrorOf(error) ?? new TransientError(`${this.mask(this.baseUrl)} did not answer: ${this.mask(describeNetworkError(error))}.`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  // -------------------------------------------------------------------------------------------
  // One call, tried until it succeeds or the policy runs out.

  async call<K extends OperationKey>(key: K, request: RequestFor<K>, options?: CallOptions): Promise<ResultFor<K>> {
    const op: Operation = OPERATIONS[key];
    const envelope = requestEnvelope(op, request, this.credentials);
    const signal = this.signalFor(options);
    const tried: string[] = [];
    const started = Date.now();
    let failures = 0;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.attempt(key, op, envelope, signal);
      if ('done' in outcome) return outcome.done as ResultFor<K>;
      tried.push(`${attempt}: ${outcome.retry}`);

      let waitMs: number;
      if (outcome.rateLimitedFor !== undefined) {
        if (outcome.rateLimitedFor > this.policy.maxRateLimitWaitMs) {
          throw new TransientError(
            `Kroll's dealer API is throttling ${op.name} and asked to wait ${Math.ceil(outcome.rateLimitedFor / 1000)} s, ` +
              `longer than the ${Math.round(this.policy.maxRateLimitWaitMs / 1000)} s the connector waits; try again later.`,
          );
        }
        waitMs = outcome.rateLimitedFor;
      } else {
        failures++;
        waitMs = backoffDelayMs(this.policy, failures, this.options.random);
      }
      if (attempt >= this.policy.attempts) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new TransientError(
          `Kroll's dealer API did not answer ${op.name} at ${this.mask(this.baseUrl)} after ${attempt} attempts in ${seconds} s ` +
            `(${tried.join('; ')}).`,
        );
      }
      if (outcome.rateLimitedFor !== undefined) this.options.onRateLimited?.(new Date(Date.now() + waitMs), op.name);
      const event: RetryEvent = { operation: op.name, attempt, reason: outcome.retry, delayMs: waitMs };
      this.options.onRetry?.(event);
      options?.onRetry?.(event);
      await sleep(waitMs, signal);
    }
  }

  private signalFor(options: CallOptions | undefined): AbortSignal | undefined {
    const signals = [this.options.signal, options?.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
  }

  private mask(text: string): string {
    return this.redactor.redact(text);
  }

  /** Network failures no retry can fix: an unknown host, an untrusted certificate. */
  private configErrorOf(error: unknown): ConfigError | undefined {
    const code = (error as { code?: unknown })?.code;
    if (code === 'ENOTFOUND') return new ConfigError(`The API host of ${this.mask(this.baseUrl)} was not found. Check api_base_url.`, { cause: error });
    if (typeof code === 'string' && TLS_TRUST.test(code)) {
      return new ConfigError(`The TLS certificate of ${this.mask(this.baseUrl)} is not trusted (${code}). Check api_base_url.`, { cause: error });
    }
    return undefined;
  }

  private async attempt(key: OperationKey, op: Operation, envelope: string, signal: AbortSignal | undefined): Promise<Attempt<unknown>> {
    let answer: HttpAnswer;
    try {
      answer = await this.http.post(soapAction(op.name), envelope, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const permanent = this.configErrorOf(error);
      if (permanent) throw permanent;
      return { retry: this.mask(describeNetworkError(error)) };
    }

    const { status } = answer;
    if (status === THROTTLING.status) {
      const wait = retryAfterMs(answer.headers[THROTTLING.retryAfterHeader], Date.now());
      if (wait !== undefined) return { retry: `HTTP 503, throttled for ${(wait / 1000).toFixed(1)} s`, rateLimitedFor: wait };
    }
    if (answer.body.trim() === '') {
      if (status === 200) return { retry: 'an empty 200 answer' };
      if (status >= 500) return { retry: `HTTP ${status}` };
      return this.httpStatusError(op, status);
    }

    let read;
    try {
      read = readResponse(op, answer.body);
    } catch (error) {
      if (status >= 500 || (status === 200 && error instanceof XmlSyntaxError)) {
        return { retry: `HTTP ${status} with ${error instanceof XmlSyntaxError ? 'an answer that is not XML (cut short?)' : 'an answer that is not the result'}` };
      }
      if (status !== 200) return this.httpStatusError(op, status);
      throw error instanceof ConnectorError ? new KrollDataError(this.mask(error.message)) : error;
    }
    if (read.kind === 'fault') return this.fault(op, status, read.fault);
    if (status !== 200) return this.httpStatusError(op, status);
    return { done: this.interpret(key, op, read.result) };
  }

  private fault(op: Operation, status: number, fault: SoapFault): Attempt<unknown> {
    // Without its closing period: the messages below end the sentence.
    const what = `HTTP ${status} SOAP fault ${fault.code}: ${this.mask(fault.reason).slice(0, 300).replace(/[.\s]+$/, '')}`;
    if (/^(ActionNotSupported|ContractFilter)/i.test(fault.code)) {
      throw new OperationNotOfferedError(
        op.name,
        `Kroll's dealer API at ${this.mask(this.baseUrl)} does not offer ${op.name}${op.provenance === 'assumed' ? ' (an operation the connector assumes)' : ''}: ${what}.`,
      );
    }
    if (isPermanentFault(fault)) throw new KrollDataError(`Kroll's dealer API refused the ${op.name} request: ${what}.`);
    return { retry: what };
  }

  private httpStatusError(op: Operation, status: number): never {
    if (status === 404) throw new ConfigError(`${this.mask(this.baseUrl)} answered HTTP 404 to ${op.name}: no dealer API there. Check api_base_url.`);
    if (status === 401 || status === 403) {
      throw new ConfigError(`${this.mask(this.baseUrl)} answered HTTP ${status} to ${op.name}: access refused. Check api_base_url and the API credentials.`);
    }
    throw new KrollDataError(`Kroll's dealer API answered ${op.name} with HTTP ${status}.`);
  }

  /** A result element: authentication, error code, then the typed model. */
  private interpret(key: OperationKey, op: Operation, result: XmlElement): unknown {
    const member = (name: string): XmlElement | undefined => {
      const el = child(result, NS.dataContract, name);
      return el === undefined || isNil(el) ? undefined : el;
    };
    if (member('AuthenticationFailed')?.text.trim() === 'true') throw authenticationFailed(op.name);
    const codeText = member('ErrorCode')?.text.trim();
    const code = codeText === undefined ? 0 : Number(codeText);
    if (!Number.isInteger(code)) throw new KrollDataError(`Kroll's dealer API answered ${op.name} with ErrorCode "${this.mask(codeText ?? '')}".`);

    const report: MemberReport | undefined = this.options.onAnswerMembers ? { unknown: new Set(), missing: new Set() } : undefined;
    let decoded: unknown;
    let decodeError: unknown;
    try {
      decoded = decodeContract(op.result, result, op.result.name, report);
    } catch (error) {
      decodeError = error instanceof ConnectorError ? new KrollDataError(this.mask(error.message)) : error;
    }
    if (report) this.options.onAnswerMembers?.(op.name, report);

    if (code === ERROR_CODES.ok) {
      if (decodeError !== undefined) throw decodeError;
      return decoded;
    }
    if (code === ERROR_CODES.authentication) throw authenticationFailed(op.name);
    if (key === 'submitPurchaseOrder' && code === ERROR_CODES.duplicatePurchaseOrder && decoded !== undefined) return decoded;
    const message = member('ErrorMessage')?.text.trim();
    throw new KrollApiError(op.name, code, message ? this.mask(message) : null, decoded);
  }
}
