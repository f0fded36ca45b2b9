/**
 * Request envelopes, built from a plain typed object and the operation's data contract. WCF reads
 * request members in alphabetical (ordinal) order and silently ignores one that comes too late,
 * and drops string-array items outside the Serialization/Arrays namespace; both are handled here,
 * once, by construction: members are written in the contract's order and every namespace is the
 * contract's. No call site writes XML.
 */
import { toKrollLocal } from '../time.js';
import { NS, type Operation } from './contract.js';
import { INT_RANGE, orderedMembers, type DataContract, type Member, type MemberType } from './schema.js';
import { XmlCharacterError, escapeXml } from './xml.js';

export interface Credentials {
  dealerAccountNumber: string;
  userId: string;
  password: string;
}

/** A request that cannot be written (a caller's mistake): names the member, never its value. */
export class RequestShapeError extends TypeError {}

const NIL = ' i:nil="true"/>';

function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(10).replace(/\.?0+$/, '');
}

function scalarText(type: MemberType, value: unknown, path: string): string {
  const wrong = (what: string): never => {
    throw new RequestShapeError(`${path} must be ${what}`);
  };
  if (type === 'string' || (typeof type === 'object' && type.kind === 'enum')) {
    if (typeof value !== 'string') wrong('a string');
    try {
      return escapeXml(value as string);
    } catch (error) {
      if (error instanceof XmlCharacterError) throw new RequestShapeError(`${path} ${error.message}`);
      throw error;
    }
  }
  if (type === 'int') {
    const fits = Number.isInteger(value) && (value as number) >= INT_RANGE.min && (value as number) <= INT_RANGE.max;
    return fits ? String(value) : wrong(`an integer from ${INT_RANGE.min} to ${INT_RANGE.max} (xs:int)`);
  }
  if (type === 'decimal') return typeof value === 'number' && Number.isFinite(value) ? decimalText(value) : wrong('a finite number');
  if (type === 'boolean') return typeof value === 'boolean' ? String(value) : wrong('true or false');
  if (type === 'dateTime') {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) wrong('a valid Date');
    return toKrollLocal(value as Date);
  }
  throw new RequestShapeError(`${path} has a type the envelope cannot write`);
}

function writeMember(out: string[], m: Member, value: unknown, path: string): void {
  const tag = `a:${m.wire}`;
  if (value === undefined && m.defaultValue !== undefined) value = m.defaultValue;
  if (value === undefined || value === null) {
    if (!m.nullable) throw new RequestShapeError(`${path} is required`);
    out.push(`<${tag}${NIL}`);
    return;
  }
  const type = m.type;
  if (typeof type === 'object' && type.kind === 'strings') {
    if (!Array.isArray(value)) throw new RequestShapeError(`${path} must be a list of strings`);
    out.push(`<${tag} xmlns:b="${NS.arrays}">`);
    value.forEach((item, i) => out.push(`<b:string>${scalarText('string', item, `${path}[${i}]`)}</b:string>`));
    out.push(`</${tag}>`);
    return;
  }
  if (typeof type === 'object' && type.kind === 'list') {
    if (!Array.isArray(value)) throw new RequestShapeError(`${path} must be a list`);
    out.push(`<${tag}>`);
    value.forEach((item, i) => {
      out.push(`<a:${type.item.name}>`);
      writeMembers(out, type.item, item, `${path}[${i}]`, null);
      out.push(`</a:${type.item.name}>`);
    });
    out.push(`</${tag}>`);
    return;
  }
  out.push(`<${tag}>${scalarText(type, value, path)}</${tag}>`);
}

function writeMembers(out: string[], c: DataContract, value: unknown, path: string, credentials: Credentials | null): void {
  if (value === null || typeof value !== 'object') throw new RequestShapeError(`${path} must be an object`);
  const known = new Set(Object.keys(c.members));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new RequestShapeError(`${path} has no member "${key}" in Kroll's ${c.name}`);
  }
  for (const [key, m] of orderedMembers(c)) {
    const given = m.credential ? credentials?.[key as keyof Credentials] : (value as Record<string, unknown>)[key];
    if (m.credential && credentials === null) throw new RequestShapeError(`${path} cannot carry credentials`);
    writeMember(out, m, given, `${path}.${m.wire}`);
  }
}

/** The SOAP 1.1 envelope of one call, credentials included. */
export function requestEnvelope(op: Operation, request: object, credentials: Credentials): string {
  const out: string[] = [
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><${op.name} xmlns="${NS.service}">`,
    `<request xmlns:a="${NS.dataContract}" xmlns:i="${NS.xsi}">`,
  ];
  writeMembers(out, op.request, request, op.request.name, credentials);
  out.push(`</request></${op.name}></s:Body></s:Envelope>`);
  return out.join('');
}
