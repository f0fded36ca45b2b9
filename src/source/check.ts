/**
 * `check`: proves the config can work. FTP: log in and find the three product files, none empty,
 * each with the required columns in its header (under the config's column names).
 * A problem the user can fix is a FAILED status with a message saying which (exit 0).
 */
import type { AirbyteMessage } from '../generated/protocol.js';
import type { SourceConfig } from '../generated/configs.js';
import { ConfigError, KrollDataError, TransientError } from '../protocol/errors.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import type { RemoteFile } from '../kroll/ftp/client.js';
import { FtpFileNotFoundError } from '../kroll/ftp/errors.js';
import type { ProductFileKind } from '../kroll/products/layout.js';
import { FILE_TITLES, PATH_SETTINGS, PRODUCT_FILE_KINDS } from './columns.js';
import { confirmColumns } from './file-headers.js';
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

export async function check(config: SourceConfig, signal: AbortSignal): Promise<AirbyteMessage> {
  try {
    const ftp = await checkFtp(config, signal);
    return connectionStatusMessage('SUCCEEDED', ftp);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TransientError || error instanceof KrollDataError) return connectionStatusMessage('FAILED', error.message);
    throw error;
  }
}
