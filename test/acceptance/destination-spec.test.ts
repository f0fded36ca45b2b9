/** CAT's spec checks (TestSpec) against `destination-kroll spec`, run as a child process. */
import { specSuite } from './suites/spec.js';
import { destinationUnderTest } from './destination-setup.js';

specSuite('destination-kroll', 'destination.json', async () => {
  const under = await destinationUnderTest(71);
  return { connector: under.destination, config: under.config, close: under.close };
});
