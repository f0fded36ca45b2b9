/**
 * CAT's spec checks (TestSpec) for any connector: `spec` run as a child process, the config the
 * suite uses validated against it. Called from a test file with how to set up the connector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ConnectorRun } from '../harness/connector.js';
import { readRepoJson } from '../harness/repo.js';
import type { Schema } from '../harness/schema.js';
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
} from '../harness/spec-checks.js';

export interface SpecSuiteSetup {
  connector: Connector;
  /** A config that works against the sandbox. */
  config: Record<string, unknown>;
  close(): Promise<void>;
}

/** `specFile` is the spec in spec/ the connector must print, e.g. "source.json". */
export function specSuite(name: string, specFile: string, setup: () => Promise<SpecSuiteSetup>): void {
  let under: SpecSuiteSetup;
  let run: ConnectorRun;
  let spec: Schema;

  beforeAll(async () => {
    under = await setup();
    run = await under.connector.run('spec');
    spec = run.messages.find((m) => m.type === 'SPEC')!.spec!.connectionSpecification as Schema;
  });
  afterAll(async () => {
    await under?.close();
  });

  describe(`${name} spec`, () => {
    it('prints exactly one SPEC and exits 0', () => {
      expect(run.code).toBe(0);
      expect(run.messages.filter((m) => m.type === 'SPEC')).toHaveLength(1);
    });

    it(`is the spec in spec/${specFile}`, () => {
      expect(run.messages.find((m) => m.type === 'SPEC')!.spec).toEqual(readRepoJson('spec', specFile));
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
}
