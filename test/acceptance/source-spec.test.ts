/** CAT's spec checks (TestSpec) against `source-kroll spec`, run as a child process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import type { Schema } from './harness/schema.js';
import {
  additionalPropertiesProblems,
  arrayProblems,
  configProblems,
  displayTypeProblems,
  emptyObjectProblems,
  enumProblems,
  forbiddenKeywordProblems,
  groupProblems,
  oneOfProblems,
  orderProblems,
  secretProblems,
  typeArrayProblems,
} from './harness/spec-checks.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
let run: ConnectorRun;
let spec: Schema;

beforeAll(async () => {
  under = await sourceUnderTest(61);
  run = await under.source.run('spec');
  spec = run.messages.find((m) => m.type === 'SPEC')!.spec!.connectionSpecification as Schema;
});
afterAll(async () => {
  await under?.close();
});

describe('source-kroll spec', () => {
  it('prints exactly one SPEC and exits 0', () => {
    expect(run.code).toBe(0);
    expect(run.messages.filter((m) => m.type === 'SPEC')).toHaveLength(1);
  });

  it('is a valid draft-07 schema that the sandbox config validates against', () => {
    expect(spec.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(configProblems(spec, under.config)).toEqual([]);
  });

  const checks: [string, (s: Schema) => string[]][] = [
    ['marks secrets airbyte_secret, and only fields that can hold one', secretProblems],
    ['repeats no enum value', enumProblems],
    ['follows the oneOf rules', oneOfProblems],
    ['uses no forbidden keyword and no $ref', (s) => forbiddenKeywordProblems(s)],
    ['types properties [T] or [T, "null"]', typeArrayProblems],
    ['gives nested objects properties', emptyObjectProblems],
    ['gives arrays one items schema', arrayProblems],
    ['repeats no order within an object and group', orderProblems],
    ['groups only top-level fields, in declared groups', groupProblems],
    ['uses display_type only with oneOf', displayTypeProblems],
    ['sets additionalProperties true where present', additionalPropertiesProblems],
  ];
  it.each(checks)('%s', (_name, check) => {
    expect(check(spec)).toEqual([]);
  });
});
