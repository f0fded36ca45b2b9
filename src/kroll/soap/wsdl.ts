/**
 * A WCF service description (`?singleWsdl`: one document, every schema inline) read far enough to
 * compare it with the contract the client follows: which operations the service offers, under
 * which SOAPAction, and the member names of each operation's request and result, list items
 * included. Kroll publishes no WSDL; if its service offers one, this says at once where our
 * [assumed] design differs from it (see describeOperations in contract.ts).
 *
 * Types are named by QName (`q:CheckProductAvailabilityRequest`); a WCF service declares each data
 * contract once, so types are looked up by local name, whatever the prefix.
 */
import { KrollDataError } from '../../protocol/errors.js';
import { describeOperations, type ContractNames, type OperationNames } from './contract.js';
import type { Provenance } from './schema.js';
import { XmlSyntaxError, attribute, parseXml, type XmlElement } from './xml.js';

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';
const WSDL_SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const XS = 'http://www.w3.org/2001/XMLSchema';

export interface SchemaElement {
  name: string;
  /** Local name of its type, or null for an inline type. */
  type: string | null;
}

export interface WsdlOperation {
  name: string;
  /** The SOAPAction of its SOAP 1.1 binding (else of any binding), or null. */
  soapAction: string | null;
}

export interface ServiceDescription {
  operations: Map<string, WsdlOperation>;
  /** Top-level elements of the schemas (the operations' wrapper elements), with their parameters. */
  wrappers: Map<string, SchemaElement[]>;
  /** Named complex types, with their member elements in order (a base type's first). */
  types: Map<string, SchemaElement[]>;
}

const localName = (qname: string | undefined): string | null => (qname === undefined ? null : qname.slice(qname.indexOf(':') + 1));
const children = (el: XmlElement, ns: string, name: string): XmlElement[] => el.children.filter((c) => c.ns === ns && c.name === name);
const descendants = (el: XmlElement, ns: string, name: string): XmlElement[] =>
  el.children.flatMap((c) => [...(c.ns === ns && c.name === name ? [c] : []), ...descendants(c, ns, name)]);

/** The member elements of a complex type: its sequence (or all), after those of its base type. */
function members(type: XmlElement, types: Map<string, XmlElement>, seen = new Set<string>()): SchemaElement[] {
  const own = (holder: XmlElement): SchemaElement[] =>
    [...children(holder, XS, 'sequence'), ...children(holder, XS, 'all')].flatMap((group) =>
      children(group, XS, 'element').map((e) => ({ name: attribute(e, null, 'name') ?? localName(attribute(e, null, 'ref')) ?? '', type: localName(attribute(e, null, 'type')) })),
    );
  const extension = children(type, XS, 'complexContent').flatMap((c) => children(c, XS, 'extension'))[0];
  if (extension === undefined) return own(type);
  const base = localName(attribute(extension, null, 'base'));
  const baseType = base === null || seen.has(base) ? undefined : types.get(base);
  return [...(baseType ? members(baseType, types, new Set([...seen, base!])) : []), ...own(extension)];
}

/** Reads a service description; a KrollDataError when the text is not a WSDL document. */
export function readServiceDescription(text: string): ServiceDescription {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new KrollDataError(`The service description is not XML (${error.message}).`);
    throw error;
  }
  if (root.ns !== WSDL || root.name !== 'definitions') throw new KrollDataError(`The service description is <${root.name}>, not a WSDL document.`);

  const operations = new Map<string, WsdlOperation>();
  for (const portType of children(root, WSDL, 'portType')) {
    for (const op of children(portType, WSDL, 'operation')) {
      const name = attribute(op, null, 'name');
      if (name) operations.set(name, { name, soapAction: null });
    }
  }
  // SOAP 1.1 bindings last, so that their SOAPAction wins.
  const bindings = children(root, WSDL, 'binding').sort((a, b) => Number(descendants(a, WSDL_SOAP, 'binding').length > 0) - Number(descendants(b, WSDL_SOAP, 'binding').length > 0));
  for (const binding of bindings) {
    for (const op of children(binding, WSDL, 'operation')) {
      const name = attribute(op, null, 'name');
      const action = [...children(op, WSDL_SOAP, 'operation'), ...children(op, WSDL_SOAP12, 'operation')].map((o) => attribute(o, null, 'soapAction'))[0];
      const known = name === undefined ? undefined : operations.get(name);
      if (known && action !== undefined) known.soapAction = action;
    }
  }

  const schemas = children(root, WSDL, 'types').flatMap((t) => children(t, XS, 'schema'));
  const typeElements = new Map<string, XmlElement>();
  for (const schema of schemas) {
    for (const type of children(schema, XS, 'complexType')) {
      const name = attribute(type, null, 'name');
      if (name && !typeElements.has(name)) typeElements.set(name, type);
    }
  }
  const types = new Map([...typeElements].map(([name, type]) => [name, members(type, typeElements)]));
  const wrappers = new Map<string, SchemaElement[]>();
  for (const schema of schemas) {
    for (const element of children(schema, XS, 'element')) {
      const name = attribute(element, null, 'name');
      const inline = children(element, XS, 'complexType')[0];
      if (name && inline && !wrappers.has(name)) wrappers.set(name, members(inline, typeElements));
    }
  }
  return { operations, wrappers, types };
}

// ---------------------------------------------------------------------------------------------
// The description against the contract.

export interface NamedMember {
  /** "Contract.Member", as MemberReport names them. */
  member: string;
  provenance: Provenance;
}

export interface OperationComparison {
  operation: string;
  provenance: Provenance;
  offered: boolean;
  /** The SOAPAction the description gives, when it is not the one the client sends. */
  soapAction?: { expected: string; found: string };
  /** What the client cannot send as it does: the wrapper's parameter is not `request`, say. */
  envelope: string[];
  /** Members the client sends that the service does not declare: WCF ignores them, silently. */
  requestMissing: NamedMember[];
  /** Members the service declares that the client does not send (they keep their default). */
  requestExtra: string[];
  /** Members the client reads that the service does not declare: they never come. */
  resultMissing: NamedMember[];
  /** Members the service declares that the client does not read. */
  resultExtra: string[];
  /** Contracts that could not be compared: their type is not in the description. */
  notCompared: string[];
}

interface MemberDiff {
  missing: NamedMember[];
  extra: string[];
  notCompared: string[];
}

/** The item type of an `ArrayOfX` type: its one member element's type. */
function itemType(description: ServiceDescription, arrayType: string | null): string | null {
  const items = arrayType === null ? undefined : description.types.get(arrayType);
  return items?.length === 1 ? items[0]!.type : null;
}

function compareContract(description: ServiceDescription, names: ContractNames, type: string | null, into: MemberDiff): void {
  const declared = type === null ? undefined : description.types.get(type);
  if (declared === undefined) {
    into.notCompared.push(`${names.contract}${type !== null && type !== names.contract ? ` (type ${type})` : ''}`);
    return;
  }
  const byName = new Map(declared.map((m) => [m.name, m]));
  for (const member of names.members) {
    const found = byName.get(member.name);
    if (found === undefined) {
      into.missing.push({ member: `${names.contract}.${member.name}`, provenance: member.provenance });
    } else if (member.items) {
      compareContract(description, member.items, itemType(description, found.type), into);
    }
  }
  const known = new Set(names.members.map((m) => m.name));
  for (const m of declared) if (!known.has(m.name)) into.extra.push(`${names.contract}.${m.name}`);
}

function compareOperation(description: ServiceDescription, op: OperationNames): OperationComparison {
  const comparison: OperationComparison = {
    operation: op.operation,
    provenance: op.provenance,
    offered: description.operations.has(op.operation),
    envelope: [],
    requestMissing: [],
    requestExtra: [],
    resultMissing: [],
    resultExtra: [],
    notCompared: [],
  };
  if (!comparison.offered) return comparison;
  const found = description.operations.get(op.operation)!.soapAction;
  if (found !== null && found !== op.soapAction) comparison.soapAction = { expected: op.soapAction, found };

  const parameter = (wrapper: string, name: string): SchemaElement | undefined => {
    const parameters = description.wrappers.get(wrapper);
    if (parameters === undefined) {
      comparison.envelope.push(`the description has no element ${wrapper}`);
      return undefined;
    }
    const match = parameters.find((p) => p.name === name);
    if (match === undefined) comparison.envelope.push(`${wrapper} holds ${parameters.map((p) => p.name).join(', ') || 'nothing'}, not ${name}`);
    return match;
  };
  const request = parameter(op.operation, 'request');
  const result = parameter(`${op.operation}Response`, `${op.operation}Result`);

  const sent: MemberDiff = { missing: comparison.requestMissing, extra: comparison.requestExtra, notCompared: comparison.notCompared };
  if (request) compareContract(description, op.request, request.type, sent);
  const read: MemberDiff = { missing: comparison.resultMissing, extra: comparison.resultExtra, notCompared: comparison.notCompared };
  if (result) compareContract(description, op.result, result.type, read);
  return comparison;
}

/** Every operation of the contract against the description, observed and assumed ones marked. */
export function compareWithContract(description: ServiceDescription, operations: OperationNames[] = describeOperations()): OperationComparison[] {
  return operations.map((op) => compareOperation(description, op));
}

/** Operations the description offers that the contract does not know. */
export function unknownOperations(description: ServiceDescription, operations: OperationNames[] = describeOperations()): string[] {
  const known = new Set(operations.map((op) => op.operation));
  return [...description.operations.keys()].filter((name) => !known.has(name));
}
