/**
 * How long to wait before trying a call again: exponential back-off with full jitter (a random wait
 * between zero and the exponential bound, which spreads out clients that failed together), or what
 * Kroll's Retry-After header says when it throttles.
 */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  /** The bound of the first back-off; each further one doubles it. */
  baseDelayMs: number;
  /** The back-off never exceeds this. */
  maxDelayMs: number;
  /** The longest Retry-After the client waits for; a longer one fails the call at once. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRateLimitWaitMs: 300_000 };

/** The wait after the `failures`-th failure in a row (1 for the first). */
export function backoffDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * bound);
}

/** Retry-After as milliseconds from `nowMs`: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
