/**
 * `check`: proves the API credentials work with a call that places no order
 * (CheckProductAvailability of one SKU). A problem the user can fix is a FAILED status with a
 * message saying which (exit 0). A few quick tries only: check answers while someone waits.
 */
import type { DestinationConfig } from '../generated/configs.js';
import type { AirbyteMessage } from '../generated/protocol.js';
import { KrollApiClient } from '../kroll/soap/index.js';
import { ConfigError, KrollError, TransientError } from '../protocol/errors.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import { apiOptions } from './settings.js';

/** Any SKU will do: an unknown one is answered with SkuFound false, and nothing is reserved. */
const PROBE_SKU = 'KROLL-CONNECTOR-CHECK';
const CHECK_ATTEMPTS = 3;
const CHECK_RETRY_DELAY_MS = 500;

export async function check(config: DestinationConfig, signal: AbortSignal): Promise<AirbyteMessage> {
  const options = apiOptions(config);
  let client: KrollApiClient | undefined;
  try {
    // Made in the try: a base URL the client refuses is a FAILED check too.
    client = new KrollApiClient({
      ...options,
      signal,
      retry: {
        attempts: Math.min(options.retry?.attempts ?? CHECK_ATTEMPTS, CHECK_ATTEMPTS),
        baseDelayMs: Math.min(options.retry?.baseDelayMs ?? CHECK_RETRY_DELAY_MS, CHECK_RETRY_DELAY_MS),
      },
    });
    await client.checkProductAvailability([PROBE_SKU]);
    return connectionStatusMessage(
      'SUCCEEDED',
      `Kroll's dealer API at ${client.baseUrl} accepted the API credentials of account ${options.accountNumber} (CheckProductAvailability, which places no order).`,
    );
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TransientError || error instanceof KrollError) return connectionStatusMessage('FAILED', error.message);
    throw error;
  } finally {
    await client?.close();
  }
}
