/**
 * Paging that misbehaves, which the sandbox (a well-behaved service) cannot produce: a real HTTP
 * server on 127.0.0.1 answers GetShipments with pages written as WCF writes them (the sandbox's
 * writer), and ignores PageNumber, reports a TotalCount its pages exceed, or promises more with an
 * empty page. Each stops the stream with a system_error that says so, after a few requests, rather
 * than loop.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, soapAction } from '../../src/kroll/soap/contract.js';
import { OrderBook, type SandboxShipment } from '../../src/sandbox/index.js';
import { resultEnvelope } from '../../src/sandbox/api/wcf-write.js';
import { sourceProgram } from '../../src/source/program.js';
import { errorsOf, recordsOf, statusesOf } from '../helpers/protocol.js';
import { runInProcess } from '../helpers/run.js';
import { readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

const PAGE = 10;
const shipments: SandboxShipment[] = [...new OrderBook({ seed: 5, products: 50, orders: 40, nowMs: Date.now() - 3_600_000, days: 30 }).shipments()];

type Misbehaviour = (page: number) => { items: SandboxShipment[]; hasMore: boolean; totalCount: number };

let server: Server;
let url: string;
let behave: Misbehaviour;
let shipmentRequests = 0;
let box: Sandbox;

beforeAll(async () => {
  box = await sandbox({ products: 20 });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const page = Number(/PageNumber>(\d+)</.exec(body)?.[1] ?? 1);
      const ok = { authenticationFailed: false, errorCode: 0, errorMessage: null, pageNumber: page, pageSize: PAGE };
      let answer: string;
      if (req.headers.soapaction === `"${soapAction('GetShipments')}"`) {
        shipmentRequests++;
        const { items, hasMore, totalCount } = behave(page);
        answer = resultEnvelope(OPERATIONS.getShipments, { ...ok, shipments: items, hasMore, totalCount });
      } else {
        answer = resultEnvelope(OPERATIONS.getPurchaseOrders, { ...ok, orders: [], hasMore: false, totalCount: 0 });
      }
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EBusiness/Kroll.Dealer.EBusiness.svc/Basic`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await box?.close();
});

async function readShipments() {
  shipmentRequests = 0;
  const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  return runInProcess(sourceProgram, readFiles(box, [{ name: 'shipments' }], { config: { api_base_url: url, page_size: PAGE, start_date: start } }));
}

const pageOf = (page: number) => shipments.slice((page - 1) * PAGE, page * PAGE);

describe('paging that misbehaves', () => {
  it('well-behaved, the test server is read to its last page', async () => {
    behave = (page) => ({ items: pageOf(page), hasMore: page * PAGE < shipments.length, totalCount: shipments.length });
    const run = await readShipments();
    expect(errorsOf(run.messages)).toEqual([]);
    expect(recordsOf(run.messages, 'shipments').map((s) => s.shipment_id)).toEqual(shipments.map((s) => s.shipmentId));
    expect(shipmentRequests).toBe(Math.ceil(shipments.length / PAGE));
  });

  it.each([
    {
      what: 'a page that repeats the one before (PageNumber ignored)',
      behave: (() => ({ items: pageOf(1), hasMore: true, totalCount: shipments.length })) as Misbehaviour,
      message: `Kroll's dealer API answered GetShipments page 2 with the same ${PAGE} records as page 1 (HasMore true, TotalCount ${shipments.length}); the read stops rather than loop.`,
      requests: 2,
    },
    {
      what: 'more records than its TotalCount',
      behave: ((page) => ({ items: pageOf(page), hasMore: true, totalCount: 15 })) as Misbehaviour,
      message: `Kroll's dealer API sent 20 records in pages 1 to 2 of GetShipments, more than the TotalCount of 15 it reports; the read stops rather than loop.`,
      requests: 2,
    },
    {
      what: 'an empty page that promises more',
      behave: ((page) => ({ items: page === 1 ? pageOf(1) : [], hasMore: true, totalCount: 1000 })) as Misbehaviour,
      message: `Kroll's dealer API answered GetShipments page 2 with no records but HasMore true (TotalCount 1000); the read stops rather than loop.`,
      requests: 2,
    },
  ])('$what stops the stream with a system_error', async ({ behave: misbehave, message, requests }) => {
    behave = misbehave;
    const run = await readShipments();
    expect(run.code).toBe(1);
    expect(statusesOf(run.messages, 'shipments')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    expect(errorsOf(run.messages)).toEqual([expect.objectContaining({ failure_type: 'system_error', message })]);
    expect(shipmentRequests).toBe(requests);
  });
});
