/**
 * A record made into Kroll's purchase order: every field where the template says, the config's
 * values where a record leaves them out, and every problem of an invalid record, each naming its
 * field. Expected orders are written out here by hand from the README's rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../../src/generated/configs.js';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import { preparePurchaseOrder, type PreparedOrder } from '../../src/destination/purchase-order.js';
import { orderRules } from '../../src/destination/settings.js';
import { destinationSpec } from '../../src/destination/spec.js';
import { createConfigValidator } from '../../src/protocol/config.js';

const validate = createConfigValidator(destinationSpec);
const configOf = (overrides: Record<string, unknown> = {}): DestinationConfig =>
  validate<DestinationConfig>({ account_number: '104233', api_username: 'buyer@example.com', api_password: 'k', ...overrides }, 'test').config;
const prepare = (record: unknown, overrides: Record<string, unknown> = {}): PreparedOrder =>
  preparePurchaseOrder(record as Record<string, unknown>, orderRules(configOf(overrides)));

const full: FulfillmentRequestsRecord = {
  order_id: ' A-1001 ',
  po_number: 'PO-88213',
  ship_via: 'FedExGround',
  payment_method: 'AccountTerms',
  ship_to: {
    name: 'Dana Whitfield',
    address1: '12 Harbor Street',
    address2: 'Suite 4',
    address3: 'c/o Front Desk',
    city: 'Portland',
    state: 'ME',
    postal_code: '04101',
    country_code: 'USA',
    phone: '207-555-0142',
  },
  confirm_to: { name: 'Ops', email: 'ops@example.com' },
  signature_required: true,
  lines: [
    { sku: 'STRE-69280', quantity: 2, line_number: 10 },
    { sku: 'SAFA-1042', quantity: 1, line_number: 20 },
  ],
};

describe('a valid record', () => {
  it('becomes the purchase order the default template describes', () => {
    expect(prepare(full)).toEqual({
      ok: true,
      orderId: 'A-1001',
      order: {
        purchaseOrderNumber: 'A-1001',
        externalPo: 'PO-88213',
        paymentMethod: 'AccountTerms',
        krollVaultCreditCardDescription: null,
        shipVia: 'FedExGround',
        fulfillmentMethod: 'ShipProductThatIsAvailableNowAndOtherProductWhenAvailable',
        isDropShip: true,
        signatureRequired: true,
        bypassAddressValidation: false,
        shipToName: 'Dana Whitfield',
        shipToAddress1: '12 Harbor Street',
        shipToAddress2: 'Suite 4',
        shipToAddress3: 'c/o Front Desk',
        shipToCity: 'Portland',
        shipToStateProvince: 'ME',
        shipToPostalCode: '04101',
        shipToCountryCode: 'US',
        shipToTelephoneNumber: '207-555-0142',
        confirmToName: 'Ops',
        confirmToEmailAddress: 'ops@example.com',
        detailLines: [
          { lineNumber: 10, quantityOrdered: 2, sku: 'STRE-69280' },
          { lineNumber: 20, quantityOrdered: 1, sku: 'SAFA-1042' },
        ],
      },
    });
  });

  it("takes the config's values for what a record leaves out, and numbers lines by their place", () => {
    const minimal = {
      order_id: 'A-2',
      ship_to: { name: 'N', address1: 'A', city: 'C', state: 'ON', postal_code: 'K1A 0B1', country_code: 'ca' },
      lines: [{ sku: 'X-1', quantity: 3 }, { sku: 'X-2', quantity: 1 }],
    };
    const config = {
      payment_terms: 'CreditCard',
      credit_card_description: 'Visa ending 4242',
      default_ship_via: 'UPSSecondDayAir',
      fulfillment_method: 'RejectOrderIfAllProductsAreNotAvailable',
      drop_ship: false,
      signature_required: true,
      bypass_address_validation: true,
      country_code_style: 'USA',
    };
    const prepared = prepare(minimal, config);
    expect(prepared.ok && prepared.order).toEqual({
      purchaseOrderNumber: 'A-2',
      externalPo: null,
      paymentMethod: 'CreditCard',
      krollVaultCreditCardDescription: 'Visa ending 4242',
      shipVia: 'UPSSecondDayAir',
      fulfillmentMethod: 'RejectOrderIfAllProductsAreNotAvailable',
      isDropShip: false,
      signatureRequired: true,
      bypassAddressValidation: true,
      shipToName: 'N',
      shipToAddress1: 'A',
      shipToAddress2: null,
      shipToAddress3: null,
      shipToCity: 'C',
      shipToStateProvince: 'ON',
      shipToPostalCode: 'K1A 0B1',
      shipToCountryCode: 'CAN',
      shipToTelephoneNumber: null,
      confirmToName: null,
      confirmToEmailAddress: null,
      detailLines: [
        { lineNumber: 1, quantityOrdered: 3, sku: 'X-1' },
        { lineNumber: 2, quantityOrdered: 1, sku: 'X-2' },
      ],
    });
  });

  it('numbers a line without a number with the smallest number no line of the order has, in order', () => {
    const numbers = (lines: { line_number?: number }[]) => {
      const p = prepare({ ...full, lines: lines.map((l, i) => ({ sku: `X-${i}`, quantity: 1, ...l })) });
      return p.ok ? p.order.detailLines.map((l) => [l.sku, l.lineNumber]) : p.problems;
    };
    expect(numbers([{ line_number: 2 }, {}])).toEqual([['X-0', 2], ['X-1', 1]]);
    expect(numbers([{}, { line_number: 1 }, {}, { line_number: 3 }, {}])).toEqual([['X-0', 2], ['X-1', 1], ['X-2', 4], ['X-3', 3], ['X-4', 5]]);
    expect(numbers([{ line_number: 10 }, {}, {}])).toEqual([['X-0', 10], ['X-1', 1], ['X-2', 2]]);
  });

  it('maps channel shipping methods, ignoring case and spaces, and keeps a Kroll value as it is', () => {
    const mapping = { ship_via_mapping: [{ channel_method: 'Ground', ship_via: 'UPSGround' }, { channel_method: '2-day', ship_via: 'FedExTwoDay' }] };
    const shipVia = (value: unknown) => {
      const p = prepare({ ...full, ship_via: value }, mapping);
      return p.ok ? p.order.shipVia : p.problems;
    };
    expect(shipVia(' ground ')).toBe('UPSGround');
    expect(shipVia('2-DAY')).toBe('FedExTwoDay');
    expect(shipVia('FlatRate')).toBe('FlatRate');
    expect(shipVia(null)).toBe('BestRate');
    expect(shipVia('')).toBe('BestRate');
    expect(shipVia('upsground')).toEqual([`ship_via "upsground" is not one of Kroll's 20 ShipVia values, nor a method of the config's ShipVia mapping (did you mean "UPSGround"?)`]);
  });

  it('reads other fields when the template says so, the order id still naming the order', () => {
    const record = {
      order_id: 'SHOP-77',
      channel: { order_ref: 'R-77' },
      po_number: 'ignored',
      customer: { full_name: 'Lee Park' },
      ship_to: { ...full.ship_to, name: 'not this one' },
      items: [{ item_code: 'STRE-1', qty: 4 }],
    };
    const prepared = prepare(record, {
      field_mapping: { purchase_order_number: 'channel.order_ref', external_po: 'order_id', ship_to_name: 'customer.full_name', lines: 'items', line_sku: 'item_code', line_quantity: 'qty' },
    });
    expect(prepared.ok).toBe(true);
    expect(prepared.orderId).toBe('SHOP-77');
    expect(prepared.ok && prepared.order).toMatchObject({
      purchaseOrderNumber: 'R-77',
      externalPo: 'SHOP-77',
      shipToName: 'Lee Park',
      detailLines: [{ lineNumber: 1, quantityOrdered: 4, sku: 'STRE-1' }],
    });
  });
});

describe('an invalid record', () => {
  const problemsOf = (record: unknown, overrides: Record<string, unknown> = {}): string[] => {
    const prepared = prepare(record, overrides);
    expect(prepared.ok).toBe(false);
    return prepared.ok ? [] : prepared.problems;
  };
  const withShipTo = (changes: Record<string, unknown>) => ({ ...full, ship_to: { ...full.ship_to, ...changes } });
  const withLines = (lines: unknown) => ({ ...full, lines });

  it.each([
    ['no order id', { ...full, order_id: undefined }, ['order_id is missing']],
    ['a blank order id', { ...full, order_id: '  ' }, ['order_id is empty']],
    ['an order id that is a number', { ...full, order_id: 1001 }, ['order_id must be text, not the number 1001']],
    ['no ship-to address', { ...full, ship_to: undefined }, ['ship_to is missing']],
    ['a ship-to that is not an object', { ...full, ship_to: 'Portland' }, ['ship_to must be an object, not the text "Portland"']],
    ['no city', withShipTo({ city: undefined }), ['ship_to.city is missing']],
    ['a blank postal code', withShipTo({ postal_code: ' ' }), ['ship_to.postal_code is empty']],
    ['a postal code that is a number', withShipTo({ postal_code: 4101 }), ['ship_to.postal_code must be text, not the number 4101']],
    ['an unknown country', withShipTo({ country_code: 'XX' }), ['ship_to.country_code "XX" is not an ISO 3166 country code of two or three letters (US, USA)']],
    ['a control character', withShipTo({ name: 'Dana\u0007' }), ["ship_to.name holds the control character U+0007, which Kroll's API cannot carry"]],
    ['a noncharacter', withShipTo({ city: 'Port\uFFFEland' }), ["ship_to.city holds the control character U+FFFE, which Kroll's API cannot carry"]],
    ['a lone high surrogate', withShipTo({ name: JSON.parse('"Dana\\uD800x"') as string }), ["ship_to.name holds a lone surrogate U+D800, which Kroll's API cannot carry"]],
    ['a lone low surrogate in a SKU', withLines([{ sku: 'STRE-\uDC00', quantity: 1 }]), ["lines[0].sku holds a lone surrogate U+DC00, which Kroll's API cannot carry"]],
    ['an unknown ShipVia', { ...full, ship_via: 'PonyExpress' }, [`ship_via "PonyExpress" is not one of Kroll's 20 ShipVia values, nor a method of the config's ShipVia mapping`]],
    ['an unknown payment method', { ...full, payment_method: 'Cash' }, ['payment_method "Cash" must be AccountTerms or CreditCard']],
    ['a card payment without a saved card', { ...full, payment_method: 'CreditCard' }, ['payment_method is CreditCard, but the config names no saved card (credit_card_description)']],
    ['a signature flag that is text', { ...full, signature_required: 'yes' }, ['signature_required must be true or false, not the text "yes"']],
    ['no lines', { ...full, lines: undefined }, ['lines is missing']],
    ['lines that are not a list', withLines({ sku: 'X' }), ['lines must be a list of lines, not an object']],
    ['no line at all', withLines([]), ['lines is empty: an order needs at least one line']],
    ['a line that is not an object', withLines(['STRE-1']), ['lines[0] must be an object, not the text "STRE-1"']],
    ['a line without a SKU', withLines([{ quantity: 1 }]), ['lines[0].sku is missing']],
    ['a blank SKU', withLines([{ sku: ' ', quantity: 1 }]), ['lines[0].sku is empty']],
    ['a line without a quantity', withLines([{ sku: 'X' }]), ['lines[0].quantity is missing']],
    ['a quantity of 0', withLines([{ sku: 'X', quantity: 0 }]), ['lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number 0']],
    ['a negative quantity', withLines([{ sku: 'X', quantity: -2 }]), ['lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number -2']],
    ['a fractional quantity', withLines([{ sku: 'X', quantity: 1.5 }]), ['lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number 1.5']],
    ['a quantity as text', withLines([{ sku: 'X', quantity: '2' }]), ['lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the text "2"']],
    ['a quantity beyond Int32', withLines([{ sku: 'X', quantity: 2 ** 31 }]), ['lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number 2147483648']],
    ['a line number beyond Int32', withLines([{ sku: 'X', quantity: 1, line_number: 2 ** 31 }]), ['lines[0].line_number must be a whole number from 1 to 2,147,483,647, not the number 2147483648']],
    ['line numbers used twice', withLines([{ sku: 'X', quantity: 1, line_number: 3 }, { sku: 'Y', quantity: 1 }, { sku: 'Z', quantity: 1, line_number: 3 }]), ['lines[2] has line number 3, as lines[0] has: line numbers must differ']],
  ])('%s', (_what, record, problems) => {
    expect(problemsOf(record)).toEqual(problems);
  });

  it('takes a character outside the BMP, which JSON writes as a surrogate pair', () => {
    const prepared = prepare(withShipTo({ name: JSON.parse('"Dana \\uD83D\\uDE00"') as string }));
    expect(prepared.ok && prepared.order.shipToName).toBe('Dana \u{1F600}');
  });

  it('lists every problem at once', () => {
    const record = { po_number: 7, ship_via: 'Pony', ship_to: { name: 'N', address1: '', city: 'C', state: 'ME', country_code: 'US' }, lines: [{ sku: 'X', quantity: 0 }, { quantity: 1 }] };
    expect(problemsOf(record)).toEqual([
      'order_id is missing',
      'po_number must be text, not the number 7',
      'ship_to.address1 is empty',
      'ship_to.postal_code is missing',
      `ship_via "Pony" is not one of Kroll's 20 ShipVia values, nor a method of the config's ShipVia mapping`,
      'lines[0].quantity must be a whole number from 1 to 2,147,483,647, not the number 0',
      'lines[1].sku is missing',
    ]);
  });

  it('reads only fields the record has, never what every JavaScript object inherits', () => {
    const inherited = { external_po: 'constructor', ship_to_address2: 'ship_to.toString', ship_to_city: 'ship_to.hasOwnProperty', lines: '__proto__' };
    expect(problemsOf(full, { field_mapping: inherited })).toEqual(['ship_to.hasOwnProperty is missing', '__proto__ is missing']);
    const prepared = prepare(full, { field_mapping: { external_po: 'constructor', ship_to_address2: 'ship_to.toString' } });
    expect(prepared.ok && [prepared.order.externalPo, prepared.order.shipToAddress2]).toEqual([null, null]);
  });

  it('names the fields of a remapped template', () => {
    const record = { order_id: 'A-9', ship_to: full.ship_to, items: [{ code: 'X' }] };
    expect(problemsOf(record, { field_mapping: { lines: 'items', line_sku: 'code', line_quantity: 'qty' } })).toEqual(['items[0].qty is missing']);
  });
});

describe('the stream schema', () => {
  const schema = JSON.parse(readFileSync(new URL('../../catalogs/fulfillment_requests.json', import.meta.url), 'utf8')) as {
    required: string[];
    properties: { ship_to: { required: string[] }; lines: { items: { required: string[] } } };
  };

  it('requires exactly what a record cannot do without', () => {
    // Each field the schema requires, left out of an otherwise valid record, is a problem of its own.
    const leaveOut = (path: string[]): unknown => {
      const copy = structuredClone(full) as unknown as Record<string, unknown>;
      let at: Record<string, unknown> = copy;
      for (const part of path.slice(0, -1)) at = (Array.isArray(at[part]) ? (at[part] as unknown[])[0] : at[part]) as Record<string, unknown>;
      delete at[path.at(-1)!];
      return copy;
    };
    const required = [
      ...schema.required.map((f) => [f]),
      ...schema.properties.ship_to.required.map((f) => ['ship_to', f]),
      ...schema.properties.lines.items.required.map((f) => ['lines', f]),
    ];
    for (const path of required) {
      const field = path[0] === 'lines' && path.length > 1 ? `lines[0].${path[1]}` : path.join('.');
      expect(problemsOfRecord(leaveOut(path)), field).toContain(`${field} is missing`);
    }
    // And nothing else is required: the optional fields left out, the record is still valid.
    const minimal = { order_id: 'A-1', ship_to: Object.fromEntries(schema.properties.ship_to.required.map((f) => [f, (full.ship_to as Record<string, unknown>)[f]])), lines: [{ sku: 'X', quantity: 1 }] };
    expect(prepare(minimal).ok).toBe(true);
  });

  it("bounds quantities and line numbers by Kroll's Int32, as the destination does", () => {
    const int32Max = 2 ** 31 - 1;
    const line = schema.properties.lines.items as unknown as { properties: Record<'quantity' | 'line_number', { minimum: number; maximum: number }> };
    for (const field of ['quantity', 'line_number'] as const) expect([line.properties[field].minimum, line.properties[field].maximum], field).toEqual([1, int32Max]);
    expect(prepare({ ...full, lines: [{ sku: 'X', quantity: int32Max, line_number: int32Max }] }).ok).toBe(true);
    expect(prepare({ ...full, lines: [{ sku: 'X', quantity: int32Max + 1 }] }).ok).toBe(false);
  });

  it("has a field for every default of the mapping template", () => {
    const template = (destinationSpec.connectionSpecification as { properties: { field_mapping: { properties: Record<string, { default: string }> } } }).properties.field_mapping.properties;
    const lineEntries = ['line_sku', 'line_quantity', 'line_number'];
    for (const [entry, { default: path }] of Object.entries(template)) {
      let node: unknown = lineEntries.includes(entry) ? (schema.properties.lines.items as unknown) : schema;
      for (const part of path.split('.')) node = (node as { properties: Record<string, unknown> }).properties[part];
      expect(node, `${entry}: ${path}`).toBeDefined();
    }
  });
});

function problemsOfRecord(record: unknown): string[] {
  const prepared = prepare(record);
  return prepared.ok ? [] : prepared.problems;
}
