/**
 * The sandbox's dealer API: a SOAP 1.1 service over HTTP that answers like Kroll's WCF service.
 *
 * POST at the service URL with a SOAPAction header runs an operation of the contract; GET
 * `?singleWsdl` (or `?wsdl`) serves the service description. Requests are read as WCF reads them
 * (wcf-read.ts); bad credentials are an answer with AuthenticationFailed true in an HTTP 200;
 * requests WCF cannot dispatch or read are `s:Fault`s with HTTP 500 (an unknown SOAPAction is an
 * ActionNotSupported fault, unreadable XML a 400).
 *
 * Fault switches, each deterministic under the seed (request n of the process is hit or not by a
 * hash of the seed and n): latency before every answer; throttling (HTTP 503 with Retry-After,
 * before the operation runs); SOAP faults (before the operation runs); empty HTTP 200 bodies
 * (after the operation ran: an order may have been placed, as when Kroll loses an answer).
 *
 * Every request is recorded (operation, what WCF ignored or dropped, what was injected), never
 * its credentials, so tests can check that a client's envelopes are read as it meant them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NS, OPERATIONS, SERVICE_CONTRACT, THROTTLING, type OperationKey } from '../../kroll/soap/contract.js';
import { XmlSyntaxError, child, parseXml } from '../../kroll/soap/xml.js';
import type { OrderBook } from '../orders/book.js';
import { fmix32, seedHash } from '../products/random.js';
import type { ApiContext } from './context.js';
import { HANDLERS } from './operations.js';
import { DeserializationError, readContract, type ReadReport } from './wcf-read.js';
import { faultEnvelope, resultEnvelope } from './wcf-write.js';
import { serviceDescription } from './wsdl.js';

export interface ApiFaults {
  /** Added before every answer, ms. */
  latencyMs: number;
  /** Share of requests answered with a SOAP fault (HTTP 500). */
  faultRate: number;
  /** Share of requests answered with HTTP 503 and Retry-After. */
  throttleRate: number;
  /** Share of requests answered with an empty HTTP 200 body (after the operation ran). */
  emptyRate: number;
  /** The Retry-After of a throttled answer, seconds. */
  retryAfterSeconds: number;
}

export const NO_FAULTS: ApiFaults = { latencyMs: 0, faultRate: 0, throttleRate: 0, emptyRate: 0, retryAfterSeconds: 1 };

export interface ApiServerOptions {
  host: string;
  port: number;
  path: string;
  seed: number;
  products: number;
  book: OrderBook;
  /** The sandbox's "now" (UTC ms); its clock runs on from there. */
  nowMs: number;
  account: { dealerAccountNumber: string; userId: string; password: string };
  faults: ApiFaults;
  /** Operations of the contract this service does not offer (as Kroll's may not offer the assumed ones). */
  without?: readonly string[];
  /** Hears of each request once its answer is sent (or the client went away). */
  onAnswered?: (record: ApiRequestRecord) => void;
}

/** One request as the service saw it (never its credentials). */
export interface ApiRequestRecord {
  /** 1 for the process's first request. */
  sequence: number;
  /** The operation its SOAPAction names, or null. */
  operation: string | null;
  status: number;
  /** What a fault switch did to it. */
  injected: 'throttled' | 'fault' | 'empty' | null;
  /** null when the request was not read that far. */
  authenticated: boolean | null;
  /** Members WCF ignored because they came out of alphabetical order. */
  outOfOrder: string[];
  /** Elements that named no member, or a member in another namespace. */
  unknown: string[];
  /** Array or list items dropped for their name or namespace. */
  dropped: string[];
  /** SubmitPurchaseOrder's PurchaseOrderNumber, as read. */
  purchaseOrderNumber?: string | null;
  /** When the request arrived and when its answer was sent (ms on the process's monotonic clock). */
  receivedAtMs: number;
  answeredAtMs: number | null;
}

export interface ApiServer {
  port: number;
  /** The most recent requests (up to 10,000), oldest first. */
  requests(): ApiRequestRecord[];
  close(): Promise<void>;
}

const MAX_RECORDS = 10_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const FAULT_SWITCH = { throttle: 1, fault: 2, empty: 3 } as const;

/** A number in [0, 1) for request n and one switch: the same for the same seed. */
function roll(seed: number, sequence: number, which: number): number {
  return fmix32((seedHash(seed) ^ fmix32((Math.imul(sequence, 0x9e3779b1) + which) >>> 0)) >>> 0) / 4294967296;
}

/**
 * What the fault switches do to request n (1 for the first) under a seed: throttling wins over a
 * fault, a fault over an empty answer. Tests use it to pick a seed that hits the request they mean.
 */
export function injectedFault(seed: number, sequence: number, faults: Pick<ApiFaults, 'throttleRate' | 'faultRate' | 'emptyRate'>): ApiRequestRecord['injected'] {
  if (roll(seed, sequence, FAULT_SWITCH.throttle) < faults.throttleRate) return 'throttled';
  if (roll(seed, sequence, FAULT_SWITCH.fault) < faults.faultRate) return 'fault';
  if (roll(seed, sequence, FAULT_SWITCH.empty) < faults.emptyRate) return 'empty';
  return null;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const records: ApiRequestRecord[] = [];
  let sequence = 0;
  const started = performance.now();
  const context: ApiContext = {
    seed: options.seed,
    products: options.products,
    book: options.book,
    clockMs: () => options.nowMs + Math.floor(performance.now() - started),
  };
  let url = '';
  const without = new Set(options.without ?? []);

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', ...headers });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', 'http://sandbox');
    if (target.pathname !== options.path) {
      req.resume();
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    if (req.method === 'GET') {
      req.resume();
      const query = target.search.toLowerCase();
      if (query === '?singlewsdl' || query === '?wsdl') return send(res, 200, serviceDescription(url, without));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<html><body><p>EBusinessService (kroll-sandbox). Service description: <a href="?singleWsdl">?singleWsdl</a></p></body></html>\n`);
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }

    const receivedAtMs = performance.now();
    const body = await readBody(req);
    const record: ApiRequestRecord = {
      sequence: ++sequence,
      operation: null,
      status: 0,
      injected: null,
      authenticated: null,
      outOfOrder: [],
      unknown: [],
      dropped: [],
      receivedAtMs,
      answeredAtMs: null,
    };
    res.once('finish', () => (record.answeredAtMs = performance.now()));
    if (options.onAnswered) res.once('close', () => options.onAnswered!(record));
    records.push(record);
    if (records.length > MAX_RECORDS) records.shift();
    const reply = (status: number, text: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      send(res, status, text, headers);
    };

    const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
    const prefix = `${NS.service}${SERVICE_CONTRACT}/`;
    const entry = action.startsWith(prefix)
      ? (Object.entries(OPERATIONS) as [OperationKey, (typeof OPERATIONS)[OperationKey]][]).find(([, op]) => op.name === action.slice(prefix.length) && !without.has(op.name))
      : undefined;
    record.operation = entry?.[1].name ?? null;

    const { faults } = options;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const injected = injectedFault(options.seed, record.sequence, faults);
    if (injected === 'throttled') {
      record.injected = 'throttled';
      record.status = THROTTLING.status;
      res.writeHead(THROTTLING.status, { 'Retry-After': String(faults.retryAfterSeconds), 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>Service Unavailable</h1></body></html>');
      return;
    }
    if (injected === 'fault') {
      record.injected = 'fault';
      return reply(500, faultEnvelope('InternalServiceFault', 'The server was unable to process the request due to an internal error.'));
    }

    if (body === null) return reply(413, '');
    if (!/^text\/xml\b/i.test(String(req.headers['content-type'] ?? ''))) {
      return reply(415, '');
    }
    if (entry === undefined) {
      return reply(
        500,
        faultEnvelope(
          'ActionNotSupported',
          `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`,
        ),
      );
    }
    const [key, op] = entry;

    let requestElement;
    try {
      const envelope = parseXml(body);
      const soapBody = envelope.ns === NS.soap && envelope.name === 'Envelope' ? child(envelope, NS.soap, 'Body') : undefined;
      if (soapBody === undefined) return reply(400, '');
      const opElement = soapBody.children[0];
      if (opElement === undefined || opElement.ns !== NS.service || opElement.name !== op.name) {
        return reply(
          500,
          faultEnvelope(
            'DeserializationFailed',
            `OperationFormatter encountered an invalid Message body. Expected to find node type 'Element' with name '${op.name}' and namespace '${NS.service}'.`,
          ),
        );
      }
      requestElement = child(opElement, NS.service, 'request');
    } catch (error) {
      if (error instanceof XmlSyntaxError) return reply(400, '');
      throw error;
    }
    if (requestElement === undefined) {
      return reply(500, faultEnvelope('InternalServiceFault', 'The server was unable to process the request due to an internal error.'));
    }

    const report: ReadReport = { outOfOrder: record.outOfOrder, unknown: record.unknown, dropped: record.dropped };
    let request;
    try {
      request = readContract(op.request, requestElement, op.request.name, report);
    } catch (error) {
      if (error instanceof DeserializationError) return reply(500, faultEnvelope('DeserializationFailed', error.message));
      throw error;
    }
    if (key === 'submitPurchaseOrder') record.purchaseOrderNumber = typeof request.purchaseOrderNumber === 'string' ? request.purchaseOrderNumber : null;

    const { account } = options;
    record.authenticated =
      request.dealerAccountNumber === account.dealerAccountNumber && request.userId === account.userId && request.password === account.password;
    const values = record.authenticated
      ? HANDLERS[key](request, context)
      : { authenticationFailed: true, errorCode: 100, errorMessage: 'Authentication failed.' };

    if (injected === 'empty') {
      record.injected = 'empty';
      return reply(200, '');
    }
    reply(200, resultEnvelope(op, values));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, faultEnvelope('InternalServiceFault', 'The server was unable to process the request due to an internal error.'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${options.path}`;

  return {
    port,
    requests: () => records.map((r) => ({ ...r, outOfOrder: [...r.outOfOrder], unknown: [...r.unknown], dropped: [...r.dropped] })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
