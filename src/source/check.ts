/**
 * `check`: proves the config can work. FTP: log in and find the three product files, none empty,
 * each with the required columns in its header (under the config's column names). Dealer API,
 * when the config has its credentials: one cheap read-only call (GetPurchaseOrders, one record of
 * the last day), which Kroll answers with AuthenticationFailed for a wrong key. An FTP-only config
 * passes (its streams work; discover lists the API's streams only with the credentials), unless
 * inventory_source asks for the API. A problem the user can fix is a FAILED status with a message
 * saying which (exit 0).
 */
import type { AirbyteMessage } from '../generated/protocol.js';
import type { SourceConfig } from '../generated/configs.js';
import { ConfigError, ConnectorError, KrollDataError, TransientError } from '../protocol/errors.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import type { RemoteFile } from '../kroll/ftp/client.js';
import { FtpFileNotFoundError } from '../kroll/ftp/errors.js';
import { KrollApiClient } from '../kroll/soap/index.js';
import type { ProductFileKind } from '../kroll/products/layout.js';
import { FILE_TITLES, PATH_SETTINGS, PRODUCT_FILE_KINDS } from './columns.js';
import { confirmColumns } from './file-headers.js';
import { apiConfigured, apiSettings } from './settings.js';
import { readers } from './streams/index.js';
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

/** "a, b and c": the streams that read the dealer API. */
const API_STREAMS = readers
  .filter((reader) => reader.api)
  .flatMap((reader) => reader.streams.map((s) => s.name))
  .join(', ')
  .replace(/, ([^,]+)$/, ' and $1');
/** A check that waits minutes on retries helps nobody: two tries, short back-off. */
const CHECK_RETRY = { attempts: 2, baseDelayMs: 500, maxDelayMs: 1000, maxRateLimitWaitMs: 10_000 };
const DAY_MS = 86_400_000;

async function checkApi(config: SourceConfig, signal: AbortSignal): Promise<string> {
  if (!apiConfigured(config)) {
    if (config.inventory_source === 'api') {
      throw new ConfigError("inventory_source is 'api', which reads the dealer API: set api_username and api_password, or set inventory_source to 'ftp'.");
    }
    return `Dealer API: not configured; the streams ${API_STREAMS} need api_username and api_password.`;
  }
  const client = new KrollApiClient({ ...apiSettings(config), signal, retry: CHECK_RETRY });
  try {
    const now = Date.now();
    await client.getPurchaseOrders({ from: new Date(now - DAY_MS), to: new Date(now), page: 1, pageSize: 1 });
    return `Dealer API ${client.baseUrl}: API username and key accepted.`;
  } catch (error) {
    if (!(error instanceof ConnectorError) || signal.aborted) throw error;
    // A FAILED check: its message says it is the dealer API that failed, not the FTP server.
    throw new ConfigError(error.message.startsWith("Kroll's dealer API") ? error.message : `Kroll's dealer API: ${error.message}`, { cause: error });
  } finally {
    await client.close();
  }
}

export async function check(config: SourceConfig, signal: AbortSignal): Promise<AirbyteMessage> {
  try {
    const ftp = await checkFtp(config, signal);
    const api = await checkApi(config, signal);
    return connectionStatusMessage('SUCCEEDED', `${ftp}. ${api}`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TransientError || error instanceof KrollDataError) return connectionStatusMessage('FAILED', error.message);
    throw error;
  }
}
