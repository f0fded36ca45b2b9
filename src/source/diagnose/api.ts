/**
 * The dealer API side of the diagnosis: the base URL answers; the service description, when the
 * service offers one, against the operations and members the client uses (observed and assumed
 * ones told apart; a missing one fails only the streams that call it); then one read-only call,
 * CheckProductAvailability for a SKU of the catalog, proves the credentials, and its answer's
 * member names are compared with the ones the client reads. Nothing is ordered.
 */
import type { SourceConfig } from '../../generated/configs.js';
import { KrollApiClient, KrollAuthenticationError, type KrollProductAvailability, type MemberReport } from '../../kroll/soap/index.js';
import { compareWithContract, readServiceDescription, unknownOperations, type OperationComparison } from '../../kroll/soap/wsdl.js';
import { ConnectorError, TransientError } from '../../protocol/errors.js';
import { withoutUserInfo } from '../../protocol/redact.js';
import { accountNumber } from '../settings.js';
import { operationsNeeded } from './requirements.js';
import { SectionBuilder, errorMessage, type Section } from './report.js';

export interface ApiOptions {
  signal: AbortSignal;
  /** A SKU of the catalog for the read-only call; a made-up one when the catalog could not be read. */
  sku: string | undefined;
  /** The streams of this source, for which operations they need. */
  streams: string[];
}

/** A made-up SKU: any SKU proves the credentials (an unknown one is answered SkuFound false). */
const PLACEHOLDER_SKU = 'DIAGNOSE-0000';
const CONTRACT_FIX = "Kroll's service differs from the connector's contract (src/kroll/soap/contract.ts): report this output to the connector's maintainers.";

const list = (items: string[]): string => items.join(', ');

function problemsOf(c: OperationComparison): { serious: string[]; minor: string[] } {
  const serious: string[] = [];
  const minor: string[] = [];
  if (c.soapAction) serious.push(`its SOAPAction is ${c.soapAction.found}, not ${c.soapAction.expected}`);
  serious.push(...c.envelope);
  if (c.requestMissing.length) {
    serious.push(`the service does not declare ${list(c.requestMissing.map((m) => `${m.member} [${m.provenance}]`))}, which the client sends (WCF ignores such a member silently)`);
  }
  if (c.resultMissing.length) {
    minor.push(`the service does not declare ${list(c.resultMissing.map((m) => `${m.member} [${m.provenance}]`))}, which the client reads (left empty, or the answer cannot be read)`);
  }
  if (c.requestExtra.length) minor.push(`the client does not send ${list(c.requestExtra)} (left at the service's default)`);
  if (c.resultExtra.length) minor.push(`the client does not read ${list(c.resultExtra)}`);
  if (c.notCompared.length) minor.push(`not compared, their type is not in the description: ${list(c.notCompared)}`);
  return { serious, minor };
}

function describeOperations(section: SectionBuilder, text: string, needed: Map<string, string[]>): void {
  let comparisons: OperationComparison[];
  let extra: string[];
  try {
    const description = readServiceDescription(text);
    comparisons = compareWithContract(description);
    extra = unknownOperations(description);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    section.warn('service', 'description', `${errorMessage(error)} The operations cannot be compared.`);
    return;
  }
  for (const provenance of ['observed', 'assumed'] as const) {
    const clean = comparisons.filter((c) => c.provenance === provenance && c.offered && Object.values(problemsOf(c)).every((p) => p.length === 0));
    const names = comparisons.filter((c) => c.provenance === provenance).map((c) => c.operation);
    if (clean.length > 0) {
      section.ok('service', `${provenance} operations`, `${clean.length} of ${names.length} offered with the members the client sends and reads: ${list(clean.map((c) => c.operation))}`, {
        data: clean.map((c) => c.operation),
      });
    }
  }
  for (const c of comparisons) {
    const streams = needed.get(c.operation) ?? [];
    const subject = `operation:${c.operation}` as const;
    const who = streams.length > 0 ? `the stream${streams.length === 1 ? '' : 's'} ${list(streams)}` : 'no stream of this source (the destination or later streams may)';
    if (!c.offered) {
      const message = `${c.operation} [${c.provenance}] is not offered by the service: ${who} ${streams.length > 0 ? 'cannot run' : 'calls it'}`;
      if (streams.length > 0) section.fail(subject, c.operation, message, { fix: CONTRACT_FIX });
      else section.warn(subject, c.operation, message);
      continue;
    }
    const { serious, minor } = problemsOf(c);
    if (serious.length === 0 && minor.length === 0) continue;
    const message = `${c.operation} [${c.provenance}], used by ${who}: ${[...serious, ...minor].join('; ')}`;
    const data = { ...c };
    if (serious.length > 0 && streams.length > 0) section.fail(subject, c.operation, message, { fix: CONTRACT_FIX, data });
    else section.warn(subject, c.operation, message, { fix: CONTRACT_FIX, data });
  }
  if (extra.length > 0) section.ok('service', 'other operations', `the service also offers ${list(extra)}, which the connector does not call`);
}

function answerMembers(section: SectionBuilder, report: MemberReport | undefined): void {
  const subject = 'operation:CheckProductAvailability' as const;
  if (report === undefined) return;
  const unknown = [...report.unknown];
  const missing = [...report.missing];
  if (unknown.length === 0 && missing.length === 0) {
    section.ok(subject, 'answer members', 'the answer holds every member the client reads, and none it does not know');
    return;
  }
  const parts = [
    missing.length > 0 ? `the answer lacks ${list(missing)}, which the client reads` : '',
    unknown.length > 0 ? `the answer holds ${list(unknown)}, which the client does not read` : '',
  ].filter(Boolean);
  section.warn(subject, 'answer members', parts.join('; '), { fix: CONTRACT_FIX, data: { missing, unknown } });
}

async function readOnlyCall(section: SectionBuilder, client: KrollApiClient, options: ApiOptions, reports: MemberReport[]): Promise<void> {
  const sku = options.sku ?? PLACEHOLDER_SKU;
  const which = options.sku ? `${sku} (the catalog's first record)` : `${sku} (made up: the catalog could not be read)`;
  let item: KrollProductAvailability | undefined;
  try {
    [item] = await client.checkProductAvailability([sku]);
  } catch (error) {
    if (options.signal.aborted || !(error instanceof ConnectorError)) throw error;
    const credentials = error instanceof KrollAuthenticationError;
    // Refused credentials or a service that does not answer stop every API stream; anything else, this operation's.
    section.fail(credentials || error instanceof TransientError ? 'api' : 'operation:CheckProductAvailability', 'credentials', `CheckProductAvailability for ${which}: ${errorMessage(error)}`, {
      fix: credentials
        ? 'Check api_username, api_password (the API key) and account_number against the API credentials section of your Kroll account.'
        : error instanceof TransientError
          ? "Try again later; if it lasts, ask Kroll whether its dealer API is up."
          : CONTRACT_FIX,
    });
    answerMembers(section, reports[0]);
    return;
  }
  const answer = item === undefined ? 'an empty list' : `SkuFound ${item.skuFound}, QuantityAvailable ${item.quantityAvailable}, DealerCost ${item.dealerCost ?? 'nil'}`;
  section.ok('api', 'credentials', `accepted: CheckProductAvailability for ${which} answered ${answer}`, { ...(item ? { data: item } : {}) });
  answerMembers(section, reports[0]);
}

export async function diagnoseApi(config: SourceConfig, options: ApiOptions): Promise<Section> {
  const section = new SectionBuilder('api', `Dealer API ${withoutUserInfo(config.api_base_url)}`);
  const userId = config.api_username?.trim();
  if (!userId || !config.api_password) {
    section.warn('api', 'credentials', 'api_username and api_password are not set: the streams of the dealer API cannot run (the product files need neither)', {
      blocks: true,
      fix: 'To sync the dealer API streams, set api_username and api_password from the API credentials section of your Kroll account.',
    });
    return section.build();
  }
  const reports: MemberReport[] = [];
  let client: KrollApiClient;
  try {
    client = new KrollApiClient({
      baseUrl: config.api_base_url,
      accountNumber: accountNumber(config),
      userId,
      password: config.api_password,
      headersTimeoutMs: 30_000,
      bodyTimeoutMs: 30_000,
      retry: { attempts: 2, baseDelayMs: 500, maxDelayMs: 2000 },
      signal: options.signal,
      onAnswerMembers: (_operation, report) => reports.push(report),
    });
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    section.fail('api', 'base URL', errorMessage(error), { fix: 'Correct api_base_url.' });
    return section.build();
  }
  try {
    try {
      const { status, ms } = await client.probe();
      if (status === 404) {
        section.fail('api', 'base URL', `answered HTTP 404: no service at this path`, { fix: 'Correct api_base_url (Kroll\'s is https://api.krollcorp.com/EBusiness/Kroll.Dealer.EBusiness.svc/Basic).' });
        return section.build();
      }
      section.ok('api', 'base URL', `answers (HTTP ${status} to a GET, in ${ms} ms)`);
    } catch (error) {
      if (options.signal.aborted || !(error instanceof ConnectorError)) throw error;
      section.fail('api', 'base URL', errorMessage(error), { fix: 'Check api_base_url, and that this machine can reach it.' });
      return section.build();
    }

    const needed = operationsNeeded(options.streams, config);
    let description: string | null | undefined;
    try {
      description = await client.serviceDescription();
    } catch (error) {
      if (options.signal.aborted || !(error instanceof ConnectorError)) throw error;
      section.warn('service', 'description', `${errorMessage(error)} The operations cannot be compared.`);
    }
    if (description === null) {
      section.warn('service', 'description', 'the service offers no description at ?singleWsdl (WCF services often do not publish one): its operations cannot be compared; the call below still proves CheckProductAvailability');
    } else if (description !== undefined) {
      section.ok('service', 'description', `fetched at ?singleWsdl (${description.length.toLocaleString('en-US')} characters)`);
      describeOperations(section, description, needed);
    }
    await readOnlyCall(section, client, options, reports);
  } finally {
    await client.close();
  }
  return section.build();
}
