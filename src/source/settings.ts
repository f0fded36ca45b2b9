/** What the source config means for each part: FTP connection, file format, retries. */
import type { SourceConfig } from '../generated/configs.js';
import type { FtpSettings } from '../kroll/ftp/client.js';
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
