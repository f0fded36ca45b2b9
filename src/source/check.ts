/**
 * `check`: proves the config can work. FTP: log in and find the three product files, none empty,
 * each with the required columns in its header (under the config's column names). Dealer API,
 * when the config has its credentials: one cheap read-only call of each operation the streams
 * call (the list operations over the last second, one record a page), which proves the API key
 * (Kroll answers AuthenticationFailed for a wrong one) and that the service offers them all, in
 * 15 seconds at most. An FTP-only config passes (its streams work; discover lists the API's
 * streams only with the credentials), unless inventory_source asks for the API. A problem the
 * user can fix is a FAILED status with a message saying which (exit 0).
 */
import type { AirbyteMessage } from '../generated/protocol.js';
import type { SourceConfig } from '../generated/configs.js';
import { ConfigError, ConnectorError, KrollDataError, TransientError } from '../protocol/errors.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import type { RemoteFile } from '../kroll/ftp/client.js';
import { FtpFileNotFoundError } from '../kroll/ftp/errors.js';
import { KrollApiClient, OperationNotOfferedError } from '../kroll/soap/index.js';
import type { ProductFileKind } from '../kroll/products/layout.js';
import { FILE_TITLES, PATH_SETTINGS, PRODUCT_FILE_KINDS } from './columns.js';
import { confirmColumns } from './file-headers.js';
import { apiConfigured, apiSettings, startDateMs } from './settings.js';
import { operationsNeeded } from './diagnose/requirements.js';
import { readers, streams } from './streams/index.js';
import { withFtp } from './streams/product-files.js';

const FILE_SETTINGS = PRODUCT_FILE_KINDS.map((kind) => [PATH_SETTINGS[kind], FILE_TITLES[kind], kind] as const);

async function checkFtp(config: SourceConfig, signal: AbortSignal): Promise<string> {
  return withFtp(config, signal, async (ftp) => {
    const found: string[] = [];
    const files = {} as Record<ProductFileKind, RemoteFile>;
    for (const [setting, what, kind] of FILE_SETTINGS) {
      const path = config[setting];
      try {
        const file = await ftp.stat(path);
        if (file.size === 0) throw new ConfigError(`The ${what} ${path} on Kroll's FTP server is empty (0 bytes); Kroll may be regenerating it. Try again later.`);
        found.push(`${path} (${file.size} bytes, modified ${file.modifiedAt.toISOString()})`);
        files[kind] = file;
      } catch (error) {
        if (error instanceof FtpFileNotFoundError) {
          throw new ConfigError(`The ${what} ${path} does not exist on Kroll's FTP server. Check ${setting}, or ask Kroll to enable the product files for your account.`);
        }
        throw error;
      }
    }
    const columns = await confirmColumns(ftp, config, files);
    return `FTP ${config.ftp_host} (${ftp.tlsMode === 'none' ? 'plain FTP' : `${ftp.tlsMode} FTPS`}): ${found.join(', ')}; ${columns}`;
  });
}

/** "a, b and c". */
const and = (items: string[]): string => items.join(', ').replace(/, ([^,]+)$/, ' and $1');

/** The streams that read the dealer API. */
const API_STREAMS = and(readers.filter((reader) => reader.api).flatMap((reader) => reader.streams.map((s) => s.name)));
/** A check that waits minutes on retries helps nobody: two tries, short back-off. */
const CHECK_RETRY = { attempts: 2, baseDelayMs: 500, maxDelayMs: 1000, maxRateLimitWaitMs: 10_000 };
/** All of check's calls to the dealer API together get this long. */
export const CHECK_API_TIMEOUT_MS = 15_000;

/**
 * A cheap read-only call of each operation a stream calls: the list operations over the last
 * second, one record a page; availability of a SKU no catalog has (answered SkuFound false).
 */
const PROBES: Record<string, (client: KrollApiClient, now: number) => Promise<unknown>> = {
  GetPurchaseOrders: (client, now) => client.getPurchaseOrders({ from: new Date(now - 1000), to: new Date(now), page: 1, pageSize: 1 }),
  GetShipments: (client, now) => client.getShipments({ from: new Date(now - 1000), to: new Date(now), page: 1, pageSize: 1 }),
  GetInvoices: (client, now) => client.getInvoices({ from: new Date(now - 1000), to: new Date(now), page: 1, pageSize: 1 }),
  CheckProductAvailability: (client) => client.checkProductAvailability(['CHECK-0000']),
};

/**
 * The API username and key (GetPurchaseOrders answers AuthenticationFailed for a wrong one), and
 * every operation the streams call: Kroll's service may lack one the connector assumes.
 */
async function checkApi(config: SourceConfig, signal: AbortSignal, timeoutMs: number): Promise<string> {
  if (!apiConfigured(config)) {
    if (config.inventory_source === 'api') {
      throw new ConfigError("inventory_source is 'api', which reads the dealer API: set api_username and api_password, or set inventory_source to 'ftp'.");
    }
    return `Dealer API: not configured; the streams ${API_STREAMS} need api_username and api_password.`;
  }
  // The order-side streams would read nothing until then: most likely a typo (2027 for 2026).
  if (startDateMs(config) > Date.now()) {
    throw new ConfigError(
      `start_date ${config.start_date} is in the future: the streams ${API_STREAMS} would read nothing before that date. Set start_date to the earliest date to sync.`,
    );
  }
  const needed = operationsNeeded(streams.map((s) => s.name), config);
  const deadline = AbortSignal.timeout(timeoutMs);
  const client = new KrollApiClient({
    ...apiSettings(config),
    signal: AbortSignal.any([signal, deadline]),
    retry: CHECK_RETRY,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
  });
  let operation = '';
  try {
    const now = Date.now();
    for (const name of needed.keys()) {
      operation = name;
      await PROBES[name]?.(client, now);
    }
    return `Dealer API ${client.baseUrl}: API username and key accepted; it offers ${and([...needed.keys()])}.`;
  } catch (error) {
    if (signal.aborted) throw error;
    if (deadline.aborted) {
      throw new TransientError(
        `Kroll's dealer API at ${client.baseUrl} timed out: no answer to ${operation} within ${timeoutMs / 1000} s. ` +
          'Check api_base_url, or try again later.',
        { cause: error },
      );
    }
    if (error instanceof OperationNotOfferedError) {
      throw new ConfigError(`${error.message} Without it the streams ${and(needed.get(error.operation) ?? [])} cannot run: leave them out of the sync, or ask Kroll for it.`, {
        cause: error,
      });
    }
    if (!(error instanceof ConnectorError)) throw error;
    // A FAILED check: its message says it is the dealer API that failed, not the FTP server.
    throw new ConfigError(error.message.startsWith("Kroll's dealer API") ? error.message : `Kroll's dealer API: ${error.message}`, { cause: error });
  } finally {
    await client.close();
  }
}

/** `apiTimeoutMs` bounds the calls to the dealer API (CHECK_API_TIMEOUT_MS unless a test needs less). */
export async function check(config: SourceConfig, signal: AbortSignal, apiTimeoutMs = CHECK_API_TIMEOUT_MS): Promise<AirbyteMessage> {
  try {
    const ftp = await checkFtp(config, signal);
    const api = await checkApi(config, signal, apiTimeoutMs);
    return connectionStatusMessage('SUCCEEDED', `${ftp}. ${api}`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TransientError || error instanceof KrollDataError) return connectionStatusMessage('FAILED', error.message);
    throw error;
  }
}
