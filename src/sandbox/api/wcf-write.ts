/**
 * Results written as Kroll's WCF service writes them: members in alphabetical order in the
 * data-contract namespace (prefix `a`), nil as `i:nil="true"`, string arrays as `<b:string>` items
 * in the Serialization/Arrays namespace, list items named after their data contract, decimals with
 * their cents (`12.40`), and dates as New York local time without an offset. A member the handler
 * left out gets the value WCF would write for it (0, false, the first enum value, DateTime.MinValue
 * or nil), as in an answer that carries only an error.
 */
import { NS, type Operation } from '../../kroll/soap/contract.js';
import { orderedMembers, type DataContract, type Member } from '../../kroll/soap/schema.js';
import { escapeXml } from '../../kroll/soap/xml.js';
import { formatNewYorkLocal } from '../products/time.js';

export type Values = { readonly [key: string]: unknown };

const MIN_DATE = '0001-01-01T00:00:00';

function decimal(value: number): string {
  const cents = Math.round(value * 100);
  return Math.abs(value * 100 - cents) < 1e-6 ? (cents / 100).toFixed(2) : String(value);
}

function localDate(value: unknown): string {
  const ms = typeof value === 'number' ? value : Date.parse(String(value));
  return formatNewYorkLocal(ms).replace(' ', 'T');
}

function writeMember(out: string[], m: Member, value: unknown): void {
  const tag = `a:${m.wire}`;
  const type = m.type;
  if (value === undefined) {
    if (type === 'int' || type === 'decimal') value = 0;
    else if (type === 'boolean') value = false;
    else if (type === 'dateTime') return void out.push(`<${tag}>${MIN_DATE}</${tag}>`);
    else if (typeof type === 'object' && type.kind === 'enum') value = type.values[0];
    else value = null;
  }
  if (value === null) return void out.push(`<${tag} i:nil="true"/>`);
  if (typeof type === 'object' && type.kind === 'strings') {
    out.push(`<${tag} xmlns:b="${NS.arrays}">`);
    for (const item of value as string[]) out.push(`<b:string>${escapeXml(item)}</b:string>`);
    return void out.push(`</${tag}>`);
  }
  if (typeof type === 'object' && type.kind === 'list') {
    out.push(`<${tag}>`);
    for (const item of value as Values[]) {
      out.push(`<a:${type.item.name}>`);
      writeMembers(out, type.item, item);
      out.push(`</a:${type.item.name}>`);
    }
    return void out.push(`</${tag}>`);
  }
  let text: string;
  if (type === 'decimal') text = decimal(value as number);
  else if (type === 'dateTime') text = localDate(value);
  else text = escapeXml(String(value));
  out.push(`<${tag}>${text}</${tag}>`);
}

function writeMembers(out: string[], c: DataContract, values: Values): void {
  for (const [key, m] of orderedMembers(c)) writeMember(out, m, values[key]);
}

export function resultEnvelope(op: Operation, values: Values): string {
  const out = [
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><${op.name}Response xmlns="${NS.service}">`,
    `<${op.name}Result xmlns:a="${NS.dataContract}" xmlns:i="${NS.xsi}">`,
  ];
  writeMembers(out, op.result, values);
  out.push(`</${op.name}Result></${op.name}Response></s:Body></s:Envelope>`);
  return out.join('');
}

const DISPATCHER_NS = 'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher';

/** A SOAP 1.1 fault; `code` is a WCF dispatcher code (InternalServiceFault, DeserializationFailed...) or "s:Client". */
export function faultEnvelope(code: string, reason: string): string {
  const faultcode = code.includes(':') ? code : `a:${code}`;
  return (
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${DISPATCHER_NS}">${escapeXml(faultcode)}</faultcode>` +
    `<faultstring xml:lang="en-US">${escapeXml(reason)}</faultstring>` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}
