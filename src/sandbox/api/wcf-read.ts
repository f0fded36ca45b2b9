/**
 * Reads a request's data contract the way WCF's DataContractSerializer does, quirks included:
 *
 * - members are expected in alphabetical (ordinal) order; the reader only moves forward, so a
 *   member that comes after one that sorts later is silently ignored and keeps its default;
 * - elements it does not know (another name, or another namespace) are skipped, silently;
 * - `<string>` items of a string array outside the Serialization/Arrays namespace are dropped,
 *   and so are list items not named after their data contract;
 * - `i:nil="true"` is null; a value that does not parse as its type is a deserialization fault.
 *
 * Names are compared after resolving namespaces (the request's prefixes mean nothing). What was
 * ignored or dropped is reported, so tests can tell that a client's envelopes are in order.
 */
import { NS } from '../../kroll/soap/contract.js';
import type { DataContract, Member, MemberType } from '../../kroll/soap/schema.js';
import { attribute, type XmlElement } from '../../kroll/soap/xml.js';

export interface ReadReport {
  /** Members that came after a later-sorting one: "Request.Member". */
  outOfOrder: string[];
  /** Elements that name no member (or are in another namespace). */
  unknown: string[];
  /** Array and list items dropped for their name or namespace. */
  dropped: string[];
}

/** WCF could not read the request: answered with a DeserializationFailed fault. */
export class DeserializationError extends Error {}

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

const isNil = (el: XmlElement): boolean => {
  const nil = attribute(el, NS.xsi, 'nil');
  return nil === 'true' || nil === '1';
};

function defaultOf(type: MemberType): Value {
  if (type === 'int' || type === 'decimal') return 0;
  if (type === 'boolean') return false;
  return null; // strings, enums (read as text), lists; dates: null stands for DateTime.MinValue
}

function scalar(type: MemberType, el: XmlElement, path: string): Value {
  const text = el.text;
  const fail = (what: string): never => {
    throw new DeserializationError(`There was an error deserializing ${path}: '${text}' is not a valid ${what}.`);
  };
  if (type === 'string' || (typeof type === 'object' && type.kind === 'enum')) return text;
  const t = text.trim();
  if (type === 'int') return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : fail('Int32');
  if (type === 'decimal') return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : fail('Decimal');
  if (type === 'boolean') return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : fail('Boolean');
  if (type === 'dateTime') {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/.test(t) ? t : fail('DateTime');
  }
  return fail('value');
}

function list(type: MemberType, el: XmlElement, path: string, report: ReadReport): Value {
  if (typeof type !== 'object' || type.kind === 'enum') return null;
  const items: Value[] = [];
  for (const item of el.children) {
    const itemPath = `${path}[${items.length}]`;
    if (type.kind === 'strings') {
      if (item.name === 'string' && item.ns === NS.arrays) items.push(isNil(item) ? null : item.text);
      else report.dropped.push(`${path} <${item.name}> in ${item.ns ?? 'no namespace'}`);
    } else if (item.name === type.item.name && item.ns === NS.dataContract) {
      items.push(isNil(item) ? null : readContract(type.item, item, itemPath, report));
    } else {
      report.dropped.push(`${path} <${item.name}> in ${item.ns ?? 'no namespace'}`);
    }
  }
  return items;
}

/**
 * WCF's member order: ordinal (code unit by code unit, so upper case before lower case), written
 * out here rather than taken from the client's envelope builder, so that the two are checked
 * against each other.
 */
function wcfOrder(c: DataContract): [string, Member][] {
  return Object.entries(c.members).sort(([, a], [, b]) => {
    for (let i = 0; i < Math.min(a.wire.length, b.wire.length); i++) {
      const d = a.wire.charCodeAt(i) - b.wire.charCodeAt(i);
      if (d !== 0) return d;
    }
    return a.wire.length - b.wire.length;
  });
}

/** The members of a data contract by their camelCase key, defaults where nothing was read. */
export function readContract(c: DataContract, el: XmlElement, path: string, report: ReadReport): { [key: string]: Value } {
  const members = wcfOrder(c);
  const out: { [key: string]: Value } = {};
  for (const [key, m] of members) out[key] = defaultOf(m.type);
  let position = 0;
  for (const e of el.children) {
    const index = e.ns === NS.dataContract ? members.findIndex(([, m], i) => i >= position && m.wire === e.name) : -1;
    if (index < 0) {
      const earlier = e.ns === NS.dataContract && members.some(([, m]) => m.wire === e.name);
      (earlier ? report.outOfOrder : report.unknown).push(`${path}.${e.name}`);
      continue;
    }
    position = index + 1;
    const [key, m] = members[index] as (typeof members)[number];
    const memberPath = `${path}.${m.wire}`;
    const isList = typeof m.type === 'object' && m.type.kind !== 'enum';
    if (isNil(e)) out[key] = isList || m.nullable || m.type === 'string' ? null : defaultOf(m.type);
    else out[key] = isList ? list(m.type, e, memberPath, report) : scalar(m.type, e, memberPath);
  }
  return out;
}
