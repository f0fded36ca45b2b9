/**
 * The dealer API's failures, each typed once: what the user must fix (ConfigError), what waiting
 * may fix (TransientError, after the client's own retries), and Kroll's error codes (KrollApiError).
 */
import { ConfigError, KrollError, type ConnectorErrorOptions } from '../../protocol/errors.js';
import { failureTypeOfCode } from './contract.js';

/** Kroll answered with an ErrorCode; carries the code, Kroll's message and the decoded result. */
export class KrollApiError extends KrollError {
  constructor(
    readonly operation: string,
    code: number,
    /** ErrorMessage as Kroll wrote it (secrets masked), or null. */
    readonly krollMessage: string | null,
    /** The decoded result, when it could be decoded (SubmitPurchaseOrder's RejectedLines, say). */
    readonly result: unknown,
    options: ConnectorErrorOptions = {},
  ) {
    super(
      `Kroll's dealer API answered ${operation} with error ${code}${krollMessage ? `: ${krollMessage}` : ''}.`,
      code,
      failureTypeOfCode(code),
      options,
    );
  }
}

/** The service does not offer an operation (a ContractFilter mismatch): one the connector assumes, say. */
export class OperationNotOfferedError extends ConfigError {
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(message);
  }
}

/** Kroll refused the API username or key (AuthenticationFailed). */
export class KrollAuthenticationError extends ConfigError {}

export function authenticationFailed(operation: string): KrollAuthenticationError {
  return new KrollAuthenticationError(
    `Kroll's dealer API: API username or API key rejected (AuthenticationFailed in the answer to ${operation}). ` +
      'Check api_username, api_password and account_number.',
  );
}

/** A SOAP fault, as read from a response. */
export interface SoapFault {
  /** Local part of faultcode, e.g. "Server", "Client", "DeserializationFailed", "ActionNotSupported". */
  code: string;
  reason: string;
}

/**
 * Faults that say the request itself cannot be served, so a retry would only repeat them: the
 * service does not offer the operation (ContractFilter mismatch), or could not read the request.
 */
export function isPermanentFault(fault: SoapFault): boolean {
  return /^(Client|Sender|ActionNotSupported|DeserializationFailed|ContractFilter)/i.test(fault.code);
}
