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
  ],
);
