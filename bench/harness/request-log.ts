/**
 * The sandbox's API request log (`kroll-sandbox --api-request-log FILE`): one JSON line per request
 * once it is answered. A benchmark reads the lines of each run after it, and from them counts what
 * reached Kroll and how many requests Kroll held at once.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The members of the sandbox's ApiRequestRecord the benchmarks read. */
export interface LoggedRequest {
  sequence: number;
  operation: string | null;
  status: number;
  injected: string | null;
  purchaseOrderNumber?: string | null;
  /** Milliseconds on the sandbox's monotonic clock. */
  receivedAtMs: number;
  answeredAtMs: number | null;
}

/** How long a request's log line may trail its answer (the sandbox writes it after sending). */
const SETTLE_MS = 200;

export class RequestLog {
  private offset = 0;
  private carry = '';

  constructor(readonly path: string) {}

  /**
   * The requests logged since the last call. The sandbox writes a line once it has sent the answer,
   * so the last lines of a run may come a moment after the client exits: this waits until at least
   * `expected` have come (up to `timeoutMs`), then until no more come for a moment.
   */
  async next(expected: number, timeoutMs = 10_000): Promise<LoggedRequest[]> {
    const requests: LoggedRequest[] = [];
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    for (;;) {
      const more = this.read();
      requests.push(...more);
      if (more.length > 0) quietSince = Date.now();
      const settled = Date.now() - quietSince >= SETTLE_MS;
      if ((requests.length >= expected && settled) || Date.now() > deadline) return requests;
      await sleep(20);
    }
  }

  private read(): LoggedRequest[] {
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return [];
      const bytes = Buffer.allocUnsafe(size - this.offset);
      const read = readSync(fd, bytes, 0, bytes.length, this.offset);
      this.offset += read;
      const lines = (this.carry + bytes.toString('utf8', 0, read)).split('\n');
      this.carry = lines.pop()!;
      return lines.map((line) => JSON.parse(line) as LoggedRequest);
    } finally {
      closeSync(fd);
    }
  }
}

/** The most requests the sandbox held at once: a request counts from its arrival until its answer was sent. */
export function maxInFlight(requests: LoggedRequest[]): number {
  const events: [number, number][] = [];
  for (const r of requests) events.push([r.receivedAtMs, 1], [r.answeredAtMs ?? Number.POSITIVE_INFINITY, -1]);
  // An answer and an arrival at the same instant do not overlap: answers first.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, change] of events) most = Math.max(most, (now += change));
  return most;
}
