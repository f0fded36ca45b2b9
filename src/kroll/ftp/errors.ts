/**
 * What a failure of an FTP step means for the user. basic-ftp reports server replies as FTPError
 * with the reply code, and network or TLS problems as Node errors with a `code`.
 */
import { FTPError } from 'basic-ftp';
import { ConfigError, ConnectorError, TransientError } from '../../protocol/errors.js';

export type FtpStep = 'connect' | 'tls' | 'login' | 'file' | 'list' | 'transfer';

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface FtpErrorContext {
  host: string;
  port: number;
  path?: string;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export class FtpFileNotFoundError extends ConfigError {
  constructor(readonly path: string, options: { cause?: unknown } = {}) {
    super(`The file ${path} does not exist on Kroll's FTP server.`, options);
  }
}

export function classifyFtpError(error: unknown, step: FtpStep, where: FtpErrorContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const server = `${where.host}:${where.port}`;
  const cause = { cause: error, internal: error instanceof Error ? error.message : String(error) };
  const code = codeOf(error);

  if (error instanceof FTPError) {
    const reply = `${error.code} ${error.message.replace(/^\d{3}[ -]?/, '')}`.trim();
    if ((step === 'login' || error.code === 530) && /\b(TLS|SSL|secure)\b/i.test(error.message)) {
      return new ConfigError(`Kroll's FTP server requires encryption before login (${reply}). Set ftp_tls to "explicit" (or "implicit").`, cause);
    }
    if (step === 'login' || error.code === 530) {
      return new ConfigError(`Kroll's FTP server rejected the username or password (${reply}). Check ftp_username and ftp_password.`, cause);
    }
    if (step === 'tls') {
      return new ConfigError(`The FTP server ${server} refused TLS (AUTH TLS answered ${reply}). Set ftp_tls to "none", or ask Kroll whether FTPS is offered.`, cause);
    }
    if (error.code === 550 && where.path !== undefined) return new FtpFileNotFoundError(where.path, cause);
    if (error.code >= 400 && error.code < 500) return new TransientError(`Kroll's FTP server answered ${reply}${where.path ? ` for ${where.path}` : ''}; it may be busy.`, cause);
    return new ConfigError(`Kroll's FTP server answered ${reply}${where.path ? ` for ${where.path}` : ''}.`, cause);
  }
  if (code !== undefined && TLS_TRUST_CODES.has(code)) {
    return new ConfigError(`The FTP server's TLS certificate is not trusted (${code}). If Kroll gave you its certificate, paste it into ftp_tls_ca_certificate.`, cause);
  }
  if (code === 'ENOTFOUND') {
    return new ConfigError(`The FTP host '${where.host}' was not found (no such host name). Check ftp_host.`, cause);
  }
  if (code === 'EAI_AGAIN') return new TransientError(`The FTP host '${where.host}' could not be looked up right now (DNS).`, cause);
  if (code === 'ECONNREFUSED') {
    return new TransientError(`The FTP server ${server} refused the connection: nothing listens there. Check ftp_host and ftp_port, or try again later.`, cause);
  }
  if (step === 'tls' || /\btls\b|ssl|EPROTO/i.test(String(code ?? '')) || /TLS|SSL|socket disconnected before secure/i.test(String((error as Error)?.message))) {
    return new ConfigError(`The TLS handshake with the FTP server ${server} failed (${code ?? (error as Error).message}). Check ftp_tls (explicit or implicit) and ftp_port.`, cause);
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error)?.message))) {
    return new TransientError(
      `The FTP server ${server} did not answer in time. If this happens at every try, check ftp_host and ftp_port (is it an FTP port?) and ftp_tls.`,
      cause,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /closed|reset|ended/i.test(String((error as Error)?.message))) {
    return new TransientError(`The connection to the FTP server ${server} was lost${where.path ? ` while reading ${where.path}` : ''}.`, cause);
  }
  return new TransientError(`FTP ${step} with ${server} failed: ${(error as Error)?.message ?? String(error)}.`, cause);
}
