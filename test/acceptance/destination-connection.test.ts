/** CAT's connection checks (TestConnection) against the sandbox: succeed, and failed with exit 0. */
import { connectionSuite } from './suites/connection.js';
import { destinationUnderTest } from './destination-setup.js';

connectionSuite(
  'destination-kroll',
  async () => {
    const under = await destinationUnderTest(72);
    return { connector: under.destination, config: under.config, close: under.close };
  },
  [
    { what: 'wrong credentials', config: (c) => ({ ...c, api_password: 'Not-the-API-key-0123456789abcdef' }), message: /API username or API key rejected/ },
    { what: 'a wrong account number', config: (c) => ({ ...c, account_number: '999999' }), message: /API username or API key rejected/ },
    {
      what: 'a host that cannot be reached',
      config: (c, port) => ({ ...c, api_base_url: `http://127.0.0.1:${port}/EBusiness/Kroll.Dealer.EBusiness.svc/Basic`, api_retry_delay_seconds: 0.05 }),
      message: /did not answer CheckProductAvailability .* connection refused \(ECONNREFUSED: nothing listens there\)/,
    },
    { what: 'a card payment without its saved card', config: (c) => ({ ...c, payment_terms: 'CreditCard' }), message: /'credit_card_description' must name the card saved with Kroll/ },
    { what: 'a misspelt template entry', config: (c) => ({ ...c, field_mapping: { ship_to_citty: 'address.city' } }), message: /'field_mapping\.ship_to_citty' .*did you mean 'ship_to_city'/ },
  ],
);
