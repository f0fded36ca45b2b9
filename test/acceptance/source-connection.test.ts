/** CAT's connection checks (TestConnection) against the sandbox: succeed, and failed with exit 0. */
import { connectionSuite } from './suites/connection.js';
import { sourceUnderTest } from './source-setup.js';

connectionSuite(
  'source-kroll',
  async () => {
    const under = await sourceUnderTest(62);
    return { connector: under.source, config: under.config, close: under.close };
  },
  [
    { what: 'wrong credentials', config: (c) => ({ ...c, ftp_password: 'Not-the-Password-42' }), message: /rejected the username or password/ },
    { what: 'a host that cannot be reached', config: (c, port) => ({ ...c, ftp_host: '127.0.0.1', ftp_port: port }), message: /nothing listens there/ },
    { what: 'a wrong API key', config: (c) => ({ ...c, api_password: 'Not-the-Api-Key-0000000000000042' }), message: /^Kroll's dealer API: API username or API key rejected/ },
    {
      what: 'an API that cannot be reached',
      config: (c, port) => ({ ...c, api_base_url: `http://127.0.0.1:${port}/EBusiness/Kroll.Dealer.EBusiness.svc/Basic` }),
      message: /^Kroll's dealer API did not answer GetPurchaseOrders .*nothing listens there/,
    },
  ],
);
