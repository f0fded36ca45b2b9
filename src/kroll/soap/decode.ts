/**
 * Kroll's answers to typed models, driven by the data contracts: which members are lists, numbers,
 * booleans or dates comes from contract.ts, never from the look of a value. A list with one item
 * is still a list, nil is null (an empty list for a list member), numbers and booleans are parsed,
 * and Kroll's local dates become UTC ISO-8601. Members are found by name in the data-contract
 * namespace whatever their order or prefix; members the contract does not know are ignored (and
 * reported to whoever asks, for the diagnose command).
 */
import { KrollDataError } from '../../protocol/errors.js';
import { parseKrollDateTime } from '../time.js';
import { NS } from './contract.js';
import type { DataContract, MemberType, ModelOf } from './schema.js';
import { attribute, type XmlElement } from './xml.js';

/** Member names seen in an answer that the contract lacks, and contract members the answer lacked. */
export interface MemberReport {
  /** "Contract.Member" */
  unknown: Set<string>;
  missing: Set<string>;
}

export const isNil = (el: XmlElement): boolean => {
  const nil = attribute(el, NS.xsi, 'nil');
  return nil === 'true' || nil === '1';
};

function bad(path: string, what: string): KrollDataError {
  return new KrollDataError(`Kroll's dealer API answered ${path} with ${what}.`);
}

function scalar(type: MemberType, el: XmlElement, path: string): unknown {
  const text = el.text;
  if (type === 'string') return text;
  const trimmed = text.trim();
  if (type === 'int') {
    if (!/^[+-]?\d+$/.test(trimmed)) throw bad(path, `"${trimmed}", which is not an integer`);
    return Number(trimmed);
  }
  if (type === 'decimal') {
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(value)) throw bad(path, `"${trimmed}", which is not a number`);
    return value;
  }
  if (type === 'boolean') {
    if (trimmed === 'true' || trimmed === '1') return true;
    if (trimmed === 'false' || trimmed === '0') return false;
    throw bad(path, `"${trimmed}", which is not a boolean`);
  }
  if (type === 'dateTime') {
    const iso = parseKrollDateTime(trimmed);
    if (iso === undefined) throw bad(path, `"${trimmed}", which is not a date`);
    return iso;
  }
  if (typeof type === 'object' && type.kind === 'enum') {
    if (!(type.values as readonly string[]).includes(trimmed)) {
      throw bad(path, `"${trimmed}", which is none of ${type.values.join(', ')} (a value the connector does not know yet)`);
    }
    return trimmed;
  }
  throw bad(path, 'a value of a type the client cannot read');
}

function list(type: MemberType, el: XmlElement, path: string, report: MemberReport | undefined): unknown[] {
  if (typeof type !== 'object') return [];
  if (type.kind === 'strings') {
    return el.children.filter((c) => c.name === 'string' && c.ns === NS.arrays && !isNil(c)).map((c) => c.text);
  }
  if (type.kind !== 'list') return [];
  const items: unknown[] = [];
  for (const c of el.children) {
    if (c.name !== type.item.name || c.ns !== NS.dataContract) {
      report?.unknown.add(`${type.item.name}[] item <${c.name}>`);
      continue;
    }
    items.push(decodeContract(type.item, c, `${path}[${items.length}]`, report));
  }
  return items;
}

/** A result or list item, decoded member by member. */
export function decodeContract<C extends DataContract>(c: C, el: XmlElement, path: string, report?: MemberReport): ModelOf<C> {
  const byName = new Map<string, XmlElement>();
  for (const e of el.children) {
    if (e.ns === NS.dataContract && !byName.has(e.name)) byName.set(e.name, e);
  }
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const [key, m] of Object.entries(c.members)) {
    known.add(m.wire);
    const memberPath = `${path}.${m.wire}`;
    const found = byName.get(m.wire);
    const isList = typeof m.type === 'object' && (m.type.kind === 'list' || m.type.kind === 'strings');
    if (found === undefined) report?.missing.add(`${c.name}.${m.wire}`);
    if (found === undefined || isNil(found)) {
      if (isList) out[key] = [];
      else if (m.nullable) out[key] = null;
      else throw bad(memberPath, found === undefined ? 'no value (the member is missing)' : 'nil, where a value is required');
      continue;
    }
    out[key] = isList ? list(m.type, found, memberPath, report) : scalar(m.type, found, memberPath);
  }
  if (report) for (const e of el.children) if (!known.has(e.name) || e.ns !== NS.dataContract) report.unknown.add(`${c.name}.${e.name}`);
  return out as ModelOf<C>;
}
