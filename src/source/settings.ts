/** What the source config means for each part: FTP connection, file format, retries. */
import type { SourceConfig } from '../generated/configs.js';
import type { FtpSettings } from '../kroll/ftp/client.js';
import { ConfigError } from '../protocol/errors.js';
import type { KrollApiOptions } from '../kroll/soap/index.js';
import type { DelimitedFormat } from '../kroll/files/rows.js';

export function ftpSettings(config: SourceConfig): FtpSettings {
  return {
    host: config.ftp_host,
    port: config.ftp_port,
    username: config.ftp_username,
    password: config.ftp_password,
    tls: config.ftp_tls,
    caCertificate: config.ftp_tls_ca_certificate,
  };
}

const QUOTES = { none: null, double_quote: '"', single_quote: "'" } as const;

export function fileFormat(config: SourceConfig): DelimitedFormat {
  return {
    delimiter: config.file_delimiter === '\\t' ? '\t' : config.file_delimiter,
    quote: QUOTES[config.file_quoting],
    encoding: config.file_encoding,
  };
}

export function fileRetry(config: SourceConfig): { retries: number; retryDelayMs: number } {
  return { retries: config.file_change_retries, retryDelayMs: config.file_change_retry_delay_seconds * 1000 };
}

export function accountNumber(config: SourceConfig): string {
  return config.account_number?.trim() || config.ftp_username;
}

/** The dealer API's connection and credentials; the API streams cannot run without both credentials. */
export function apiSettings(config: SourceConfig): Pick<KrollApiOptions, 'baseUrl' | 'accountNumber' | 'userId' | 'password'> {
  const userId = config.api_username?.trim();
  const password = config.api_password;
  if (!userId || !password) throw new ConfigError('The dealer API streams need api_username and api_password (the API credentials of your Kroll account).');
  return { baseUrl: config.api_base_url, accountNumber: accountNumber(config), userId, password };
}
