/** What the source config means for each part: FTP connection, file format, retries. */
import { X509Certificate } from 'node:crypto';
import type { SourceConfig } from '../generated/configs.js';
import type { FtpSettings } from '../kroll/ftp/client.js';
import { ConfigError } from '../protocol/errors.js';
import type { KrollApiOptions } from '../kroll/soap/index.js';
import type { DelimitedFormat } from '../kroll/files/rows.js';
import type { FileIssue, ProductFileOptions } from '../kroll/products/files.js';
import { checkColumnSettings, columnNamings } from './columns.js';

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

/** How the config says the product files are read: format and column names. */
export function productFileOptions(config: SourceConfig, onIssue: (issue: FileIssue) => void): ProductFileOptions {
  return { format: fileFormat(config), onIssue, columns: columnNamings(config) };
}

export function fileRetry(config: SourceConfig): { retries: number; retryDelayMs: number } {
  return { retries: config.file_change_retries, retryDelayMs: config.file_change_retry_delay_seconds * 1000 };
}

export function accountNumber(config: SourceConfig): string {
  return config.account_number?.trim() || config.ftp_username;
}

/** The forms start_date may take, as the spec's pattern allows them. */
export const START_DATE_FORMS = 'YYYY-MM-DD (midnight UTC), YYYY-MM-DDTHH:mm:ss[.sss] in UTC, or with Z or an offset such as +02:00';

/**
 * start_date as UTC ms: a date alone is midnight UTC, a time without Z or an offset is UTC (as the
 * spec says; JavaScript would read it as local time), an RFC 3339 offset is converted. NaN when it
 * names no instant.
 */
export function startDateMs(config: SourceConfig): number {
  const value = config.start_date;
  if (value.length === 10) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}

/**
 * What the spec's patterns cannot say: a real calendar date, certificates that parse, column
 * mappings. `path` is the config file, named in each message as the spec's own errors name it.
 */
export function checkSettings(config: SourceConfig, path: string): void {
  checkColumnSettings(config, path);
  // The calendar date as written, whatever the offset moves the instant to (2026-11-01T00:00:00+02:00 is 31 October in UTC).
  const day = Date.parse(`${config.start_date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(startDateMs(config)) || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== config.start_date.slice(0, 10)) {
    throw new ConfigError(`Invalid config (${path}): 'start_date' ${JSON.stringify(config.start_date)} is not a real date and time; it may be ${START_DATE_FORMS}.`);
  }
  const pems = config.ftp_tls_ca_certificate?.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  pems.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigError(`Invalid config (${path}): certificate ${i + 1} of 'ftp_tls_ca_certificate' is not a valid PEM certificate.`);
    }
  });
}

/** Whether the config has any API credential; both are needed, see apiSettings. */
export function apiConfigured(config: SourceConfig): boolean {
  return Boolean(config.api_username?.trim() || config.api_password);
}

/** The dealer API's connection and credentials; the API streams cannot run without both credentials. */
export function apiSettings(config: SourceConfig): Pick<KrollApiOptions, 'baseUrl' | 'accountNumber' | 'userId' | 'password'> {
  const userId = config.api_username?.trim();
  const password = config.api_password;
  if (!userId && !password) throw new ConfigError('The dealer API streams need api_username and api_password (the API credentials of your Kroll account).');
  if (!userId) throw new ConfigError('api_password is set but api_username is not: the dealer API needs both (the e-mail address and the API key of your Kroll account).');
  if (!password) throw new ConfigError('api_username is set but api_password is not: the dealer API needs both (the e-mail address and the API key of your Kroll account).');
  return { baseUrl: config.api_base_url, accountNumber: accountNumber(config), userId, password };
}
