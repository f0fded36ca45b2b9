/** CAT's spec checks (TestSpec) against `source-kroll spec`, run as a child process. */
import { specSuite } from './suites/spec.js';
import { sourceUnderTest } from './source-setup.js';

specSuite('source-kroll', 'source.json', async () => {
  const under = await sourceUnderTest(61);
  return { connector: under.source, config: under.config, close: under.close };
});
