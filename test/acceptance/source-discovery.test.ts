/** CAT's discovery checks (TestDiscovery) against `source-kroll discover`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamNameProblems, streamProblems } from './harness/catalog-checks.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
beforeAll(async () => {
  under = await sourceUnderTest(63);
});
afterAll(async () => {
  await under?.close();
});

describe('source-kroll discover', () => {
  it('prints one CATALOG with uniquely named streams', () => {
    expect(streamNameProblems(under.streams)).toEqual([]);
  });

  it('passes every discovery check for every stream', () => {
    const problems = Object.fromEntries(under.streams.map((s) => [s.name, streamProblems(s)]));
    const empty = Object.fromEntries(under.streams.map((s) => [s.name, Object.fromEntries(Object.keys(streamProblems(s)).map((k) => [k, []]))]));
    expect(problems).toEqual(empty);
  });
});
