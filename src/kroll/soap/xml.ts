/**
 * XML text to a tree of elements named by (namespace URI, local name). fast-xml-parser does the
 * parsing (well-formedness, entities, CDATA) but keeps prefixes as written; prefixes are free in
 * SOAP (`a:`, `b:`, a default namespace, or none at all), so the namespaces are resolved here from
 * the `xmlns` declarations in scope. The client reads Kroll's answers and the sandbox reads
 * requests through this one function.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlAttribute {
  ns: string | null;
  name: string;
  value: string;
}

export interface XmlElement {
  /** Namespace URI, or null for an element in no namespace. */
  ns: string | null;
  /** Local name (the prefix removed). */
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The text directly inside the element (CDATA included), untrimmed. */
  text: string;
}

export class XmlSyntaxError extends Error {}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  commentPropName: false,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function split(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function build(node: Node, scope: ReadonlyMap<string, string>): XmlElement {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (tag === undefined) throw new XmlSyntaxError('an element without a name');
  const rawAttributes = node[':@'] ?? {};

  let inner: Map<string, string> | null = null;
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns') (inner ??= new Map(scope)).set('', value);
    else if (name.startsWith('xmlns:')) (inner ??= new Map(scope)).set(name.slice(6), value);
  }
  const here = inner ?? scope;

  const [prefix, local] = split(tag);
  const ns = here.get(prefix);
  if (prefix !== '' && ns === undefined) throw new XmlSyntaxError(`the prefix "${prefix}" of <${tag}> is not declared`);

  const attributes: XmlAttribute[] = [];
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [p, n] = split(name);
    if (p === '') attributes.push({ ns: null, name: n, value });
    else if (p === 'xml') attributes.push({ ns: XML_URI, name: n, value });
    else {
      const uri = here.get(p);
      if (uri === undefined) throw new XmlSyntaxError(`the prefix "${p}" of the attribute ${name} is not declared`);
      attributes.push({ ns: uri === XMLNS_URI ? null : uri, name: n, value });
    }
  }

  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[tag] as Node[] | undefined) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else children.push(build(child, here));
  }
  return { ns: ns === undefined || ns === '' ? null : ns, name: local, attributes, children, text };
}

/** The document element of an XML text; an XmlSyntaxError when the text is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlSyntaxError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes = parser.parse(text) as Node[];
  const roots = nodes.filter((n) => !('#text' in n));
  if (roots.length !== 1) throw new XmlSyntaxError(roots.length === 0 ? 'no document element' : 'more than one document element');
  return build(roots[0] as Node, new Map([['xml', XML_URI]]));
}

export function attribute(element: XmlElement, ns: string | null, name: string): string | undefined {
  return element.attributes.find((a) => a.ns === ns && a.name === name)?.value;
}

export function child(element: XmlElement, ns: string | null, name: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === ns && c.name === name);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

export class XmlCharacterError extends Error {}

/**
 * Text as XML character data. A carriage return is written as a reference so that it survives the
 * parser's line-end normalisation; control characters XML 1.0 cannot carry at all are refused, and
 * so is a lone surrogate (\p{Cs} in a `u` pattern), which no encoding can write.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u.test(text)) {
    throw new XmlCharacterError('holds a control character or a lone surrogate, which XML cannot carry');
  }
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c] as string);
}
