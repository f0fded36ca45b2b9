/** A service description against the contract: the sandbox's, and descriptions that differ from it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithContract, readServiceDescription, unknownOperations, type OperationComparison } from '../../../src/kroll/soap/wsdl.js';
import { apiClient } from '../../helpers/api.js';
import { sandbox, type Sandbox } from '../../helpers/sandbox.js';

let box: Sandbox;
let wsdl: string;
beforeAll(async () => {
  box = await sandbox({ products: 10, orders: 5 });
  const client = apiClient(box);
  try {
    wsdl = (await client.serviceDescription())!;
  } finally {
    await client.close();
  }
});
afterAll(async () => {
  await box?.close();
});

const clean = (op: OperationComparison) => ({
  ...op,
  envelope: [],
  requestMissing: [],
  requestExtra: [],
  resultMissing: [],
  resultExtra: [],
  notCompared: [],
});

describe("the sandbox's service description", () => {
  it('offers every operation of the contract under its SOAPAction, with the members the client sends and reads', () => {
    const description = readServiceDescription(wsdl);
    const comparison = compareWithContract(description);
    expect(comparison.map((c) => [c.operation, c.provenance, c.offered])).toEqual([
      ['CheckProductAvailability', 'observed', true],
      ['SubmitPurchaseOrder', 'observed', true],
      ['CheckOrderStatus', 'observed', true],
      ['ValidateAddress', 'observed', true],
      ['GetPurchaseOrders', 'assumed', true],
      ['GetShipments', 'assumed', true],
      ['GetInvoices', 'assumed', true],
    ]);
    for (const op of comparison) expect(op).toEqual(clean(op));
    expect(unknownOperations(description)).toEqual([]);
  });

  it("declares the members kroll-contract.md lists, in WCF's order", () => {
    const { types, wrappers } = readServiceDescription(wsdl);
    expect(types.get('ProductAvailability')!.map((m) => m.name)).toEqual([
      'DealerCost', 'Height', 'Length', 'MAPPrice', 'QuantityAvailable', 'Sku', 'SkuFound', 'SuggestedRetailPrice', 'Weight', 'Width',
    ]);
    expect(types.get('CheckProductAvailabilityRequest')!).toEqual([
      { name: 'DealerAccountNumber', type: 'string' },
      { name: 'Password', type: 'string' },
      { name: 'SkuList', type: 'ArrayOfstring' },
      { name: 'UserId', type: 'string' },
    ]);
    expect(wrappers.get('GetInvoicesResponse')).toEqual([{ name: 'GetInvoicesResult', type: 'GetInvoicesResult' }]);
  });
});

describe('a description that differs from the contract', () => {
  const without = (text: string, operation: string) => text.replace(new RegExp(`<wsdl:operation name="${operation}">.*?</wsdl:operation>`, 'g'), '');
  const inType = (text: string, type: string, from: string, to: string) =>
    text.replace(new RegExp(`(<xs:complexType name="${type}">.*?</xs:complexType>)`), (whole) => whole.replace(from, to));

  it('names each missing operation, member, SOAPAction and parameter, with its provenance', () => {
    let text = without(wsdl, 'GetShipments');
    text = inType(text, 'ProductAvailability', 'name="MAPPrice"', 'name="MapPrice"');
    text = inType(text, 'CheckProductAvailabilityRequest', 'name="UserId"', 'name="UserName"');
    text = text.replace('soapAction="http://tempuri.org/IEBusinessService/ValidateAddress"', 'soapAction="http://tempuri.org/IDealerService/ValidateAddress"');
    text = text.replace('name="CheckOrderStatusResult"', 'name="Result"');
    text = text.replace('<wsdl:operation name="CheckProductAvailability">', '<wsdl:operation name="CheckStock"></wsdl:operation><wsdl:operation name="CheckProductAvailability">');
    const description = readServiceDescription(text);
    const byName = new Map(compareWithContract(description).map((c) => [c.operation, c]));

    expect(byName.get('GetShipments')).toMatchObject({ offered: false, provenance: 'assumed' });
    expect(byName.get('CheckProductAvailability')).toMatchObject({
      offered: true,
      requestMissing: [{ member: 'CheckProductAvailabilityRequest.UserId', provenance: 'observed' }],
      requestExtra: ['CheckProductAvailabilityRequest.UserName'],
      resultMissing: [{ member: 'ProductAvailability.MAPPrice', provenance: 'assumed' }],
      resultExtra: ['ProductAvailability.MapPrice'],
    });
    expect(byName.get('ValidateAddress')!.soapAction).toEqual({
      expected: 'http://tempuri.org/IEBusinessService/ValidateAddress',
      found: 'http://tempuri.org/IDealerService/ValidateAddress',
    });
    expect(byName.get('CheckOrderStatus')!.envelope).toEqual(['CheckOrderStatusResponse holds Result, not CheckOrderStatusResult']);
    expect(byName.get('GetInvoices')).toEqual(clean(byName.get('GetInvoices')!));
    expect(unknownOperations(description)).toEqual(['CheckStock']);
  });

  it('reads members a data contract inherits from its base type', () => {
    const text = `<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://tempuri.org/">
  <types>
    <xs:schema targetNamespace="http://tempuri.org/" xmlns:q1="urn:dc">
      <xs:element name="CheckProductAvailability"><xs:complexType><xs:sequence><xs:element name="request" type="q1:AvailabilityRequest"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="CheckProductAvailabilityResponse"><xs:complexType><xs:sequence><xs:element name="CheckProductAvailabilityResult" type="q1:AvailabilityResult"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
    <xs:schema targetNamespace="urn:dc" xmlns:t="urn:dc">
      <xs:complexType name="RequestBase"><xs:sequence><xs:element name="DealerAccountNumber"/><xs:element name="Password"/><xs:element name="UserId"/></xs:sequence></xs:complexType>
      <xs:complexType name="AvailabilityRequest"><xs:complexContent><xs:extension base="t:RequestBase"><xs:sequence><xs:element name="SkuList" type="t:ArrayOfstring"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="ResultBase"><xs:sequence><xs:element name="AuthenticationFailed"/><xs:element name="ErrorCode"/><xs:element name="ErrorMessage"/></xs:sequence></xs:complexType>
      <xs:complexType name="AvailabilityResult"><xs:complexContent><xs:extension base="t:ResultBase"><xs:sequence><xs:element name="List" type="t:ArrayOfItem"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="ArrayOfItem"><xs:sequence><xs:element name="ProductAvailability" type="t:Item" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
      <xs:complexType name="Item"><xs:sequence><xs:element name="Sku"/><xs:element name="SkuFound"/><xs:element name="QuantityAvailable"/><xs:element name="DealerCost"/><xs:element name="SuggestedRetailPrice"/></xs:sequence></xs:complexType>
    </xs:schema>
  </types>
  <portType name="IEBusinessService"><operation name="CheckProductAvailability"/></portType>
  <binding name="b" type="tns:IEBusinessService"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="CheckProductAvailability"><soap:operation soapAction="http://tempuri.org/IEBusinessService/CheckProductAvailability"/></operation>
  </binding>
</definitions>`;
    const [availability, ...others] = compareWithContract(readServiceDescription(text));
    expect(availability).toMatchObject({
      offered: true,
      requestMissing: [],
      requestExtra: [],
      resultExtra: [],
      notCompared: [],
      resultMissing: ['Height', 'Length', 'MAPPrice', 'Weight', 'Width'].map((m) => ({ member: `ProductAvailability.${m}`, provenance: 'assumed' })),
    });
    expect(others.every((op) => !op.offered)).toBe(true);
  });

  it('refuses a document that is not a WSDL', () => {
    expect(() => readServiceDescription('<html><body>Metadata publishing is disabled.</body></html>')).toThrow('The service description is <html>, not a WSDL document.');
    expect(() => readServiceDescription('not xml at all')).toThrow(/^The service description is not XML/);
  });
});
