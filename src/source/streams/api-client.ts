/**
 * The dealer API client of one reader: credentials and limits from the config, stopped by the
 * read's signal (a wait on Retry-After or a back-off included), its retries logged, and each of
 * the reader's selected streams told when Kroll throttles (a RATE_LIMITED stream status).
 */
import { KrollApiClient } from '../../kroll/soap/index.js';
import type { ReadContext } from '../stream.js';
import { apiSettings } from '../settings.js';

export async function withApiClient<T>(context: ReadContext, streams: readonly string[], work: (client: KrollApiClient) => Promise<T>): Promise<T> {
  const client = new KrollApiClient({
    ...apiSettings(context.config),
    concurrency: context.config.api_concurrency,
    signal: context.signal,
    onRateLimited: (resetAt) => {
      for (const name of streams) context.selected(name)?.rateLimited(resetAt);
    },
    onRetry: ({ operation, attempt, reason, delayMs }) => {
      context.log('WARN', `Kroll's dealer API: ${operation} attempt ${attempt} failed (${reason}); trying again in ${(delayMs / 1000).toFixed(1)} s.`);
    },
  });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
