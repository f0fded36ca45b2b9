/**
 * The service description the sandbox serves at `?singleWsdl`, generated from the contract: the
 * operations, their messages, the SOAP 1.1 binding with each SOAPAction, and an XML schema of
 * every data contract with its members in WCF's order. It is what a WSDL reader (or the diagnose
 * command) sees of a WCF service in one document.
 */
import { NS, OPERATIONS, SERVICE_CONTRACT, SERVICE_NAME, soapAction } from '../../kroll/soap/contract.js';
import { orderedMembers, type DataContract, type MemberType } from '../../kroll/soap/schema.js';
import { escapeXml } from '../../kroll/soap/xml.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const BINDING = `BasicHttpBinding_${SERVICE_CONTRACT}`;

function xsType(type: MemberType): string {
  if (type === 'string') return 'xs:string';
  if (type === 'int') return 'xs:int';
  if (type === 'decimal') return 'xs:decimal';
  if (type === 'boolean') return 'xs:boolean';
  if (type === 'dateTime') return 'xs:dateTime';
  if (type.kind === 'enum') return 'xs:string';
  if (type.kind === 'strings') return 'ser:ArrayOfstring';
  return `tns:ArrayOf${type.item.name}`;
}

function collect(c: DataContract, into: Map<string, DataContract>): void {
  if (into.has(c.name)) return;
  into.set(c.name, c);
  for (const [, m] of orderedMembers(c)) if (typeof m.type === 'object' && m.type.kind === 'list') collect(m.type.item, into);
}

function complexType(c: DataContract): string {
  const members = orderedMembers(c).map(([, m]) => {
    const nillable = m.nullable || (typeof m.type === 'object' && m.type.kind !== 'enum') || m.type === 'string';
    return `<xs:element minOccurs="0" name="${m.wire}"${nillable ? ' nillable="true"' : ''} type="${xsType(m.type)}"/>`;
  });
  return (
    `<xs:complexType name="${c.name}"><xs:sequence>${members.join('')}</xs:sequence></xs:complexType>` +
    `<xs:element name="${c.name}" nillable="true" type="tns:${c.name}"/>`
  );
}

/** `ArrayOf<Item>`: what WCF declares for a list of data contracts. */
function arrayType(item: string): string {
  return (
    `<xs:complexType name="ArrayOf${item}"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="${item}" nillable="true" type="tns:${item}"/></xs:sequence></xs:complexType>` +
    `<xs:element name="ArrayOf${item}" nillable="true" type="tns:ArrayOf${item}"/>`
  );
}

/** `without`: operations the service does not offer (left out of the description). */
export function serviceDescription(url: string, without: ReadonlySet<string> = new Set()): string {
  const ops = Object.values(OPERATIONS).filter((op) => !without.has(op.name));
  const contracts = new Map<string, DataContract>();
  for (const op of ops) {
    collect(op.request, contracts);
    collect(op.result, contracts);
  }
  const listItems = new Set<string>();
  for (const c of contracts.values()) {
    for (const [, m] of orderedMembers(c)) if (typeof m.type === 'object' && m.type.kind === 'list') listItems.add(m.type.item.name);
  }
  const dcTypes = [...contracts.values()].map(complexType).join('') + [...listItems].map(arrayType).join('');

  const elements = ops
    .map(
      (op) =>
        `<xs:element name="${op.name}"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="request" nillable="true" type="q:${op.request.name}"/></xs:sequence></xs:complexType></xs:element>` +
        `<xs:element name="${op.name}Response"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="${op.name}Result" nillable="true" type="q:${op.result.name}"/></xs:sequence></xs:complexType></xs:element>`,
    )
    .join('');
  const messages = ops
    .map(
      (op) =>
        `<wsdl:message name="${SERVICE_CONTRACT}_${op.name}_InputMessage"><wsdl:part name="parameters" element="tns:${op.name}"/></wsdl:message>` +
        `<wsdl:message name="${SERVICE_CONTRACT}_${op.name}_OutputMessage"><wsdl:part name="parameters" element="tns:${op.name}Response"/></wsdl:message>`,
    )
    .join('');
  const portOps = ops
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><wsdl:input wsaw:Action="${soapAction(op.name)}" message="tns:${SERVICE_CONTRACT}_${op.name}_InputMessage"/>` +
        `<wsdl:output wsaw:Action="${soapAction(op.name)}Response" message="tns:${SERVICE_CONTRACT}_${op.name}_OutputMessage"/></wsdl:operation>`,
    )
    .join('');
  const bindingOps = ops
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><soap:operation soapAction="${soapAction(op.name)}" style="document"/>` +
        `<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    )
    .join('');

  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<wsdl:definitions name="${SERVICE_NAME}" targetNamespace="${NS.service}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" ` +
    `xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" ` +
    `xmlns:tns="${NS.service}" xmlns:xs="${XS}">` +
    `<wsdl:types>` +
    `<xs:schema elementFormDefault="qualified" targetNamespace="${NS.service}" xmlns:q="${NS.dataContract}"><xs:import namespace="${NS.dataContract}"/>${elements}</xs:schema>` +
    `<xs:schema elementFormDefault="qualified" targetNamespace="${NS.dataContract}" xmlns:tns="${NS.dataContract}" xmlns:ser="${NS.arrays}"><xs:import namespace="${NS.arrays}"/>${dcTypes}</xs:schema>` +
    `<xs:schema elementFormDefault="qualified" targetNamespace="${NS.arrays}" xmlns:tns="${NS.arrays}">` +
    `<xs:complexType name="ArrayOfstring"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="xs:string"/></xs:sequence></xs:complexType>` +
    `<xs:element name="ArrayOfstring" nillable="true" type="tns:ArrayOfstring"/></xs:schema>` +
    `</wsdl:types>` +
    messages +
    `<wsdl:portType name="${SERVICE_CONTRACT}">${portOps}</wsdl:portType>` +
    `<wsdl:binding name="${BINDING}" type="tns:${SERVICE_CONTRACT}"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>` +
    `<wsdl:service name="${SERVICE_NAME}"><wsdl:port name="${BINDING}" binding="tns:${BINDING}"><soap:address location="${escapeXml(url)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}
