/**
 * A SOAP 1.1 response body: either the operation's result element or a fault. Element names are
 * matched by namespace and local name, so any prefixes Kroll's WCF stack picks are fine.
 */
import { KrollDataError } from '../../protocol/errors.js';
import { NS, type Operation } from './contract.js';
import type { SoapFault } from './errors.js';
import { child, parseXml, type XmlElement } from './xml.js';

export type SoapResponse = { kind: 'result'; result: XmlElement } | { kind: 'fault'; fault: SoapFault };

/** Throws XmlSyntaxError for text that is not XML, KrollDataError for XML that is not the answer. */
export function readResponse(op: Operation, body: string): SoapResponse {
  const envelope = parseXml(body);
  if (envelope.ns !== NS.soap || envelope.name !== 'Envelope') {
    throw new KrollDataError(`Kroll's dealer API answered ${op.name} with <${envelope.name}>, not a SOAP envelope.`);
  }
  const soapBody = child(envelope, NS.soap, 'Body');
  const first = soapBody?.children[0];
  if (first === undefined) throw new KrollDataError(`Kroll's dealer API answered ${op.name} with an empty SOAP body.`);
  if (first.ns === NS.soap && first.name === 'Fault') {
    const code = first.children.find((c) => c.name === 'faultcode')?.text.trim() ?? '';
    const reason = first.children.find((c) => c.name === 'faultstring')?.text.trim() ?? '';
    return { kind: 'fault', fault: { code: code.slice(code.indexOf(':') + 1), reason } };
  }
  if (first.ns !== NS.service || first.name !== `${op.name}Response`) {
    throw new KrollDataError(`Kroll's dealer API answered ${op.name} with <${first.name}> instead of <${op.name}Response>.`);
  }
  const result = child(first, NS.service, `${op.name}Result`);
  if (result === undefined) throw new KrollDataError(`Kroll's dealer API answered ${op.name} without <${op.name}Result>.`);
  return { kind: 'result', result };
}
