/**
 * CAT's basic read (TestBasicRead) against the sandbox: every discovered stream in its first sync
 * mode, no state; and a read of CAT's invalid catalog, which must end in an error TRACE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import { INVALID_CATALOG, configuredCatalog } from './harness/catalogs.js';
import { recordProblems, recordsByStream, stateProblems, statusProblems } from './harness/read-checks.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
let run: ConnectorRun;
let names: string[];

beforeAll(async () => {
  under = await sourceUnderTest(64);
  names = under.streams.map((s) => s.name);
  run = await under.source.run('read', { config: under.config, catalog: configuredCatalog(under.streams) });
});
afterAll(async () => {
  await under?.close();
});

describe('source-kroll read, every stream in its first sync mode', () => {
  it('succeeds with records in every stream', () => {
    expect(run.code).toBe(0);
    const records = recordsByStream(run.messages);
    for (const name of names) expect(records.get(name)?.length ?? 0, name).toBeGreaterThan(0);
  });

  it('sends records valid against their schema: real integers, no undeclared field, scalar non-null keys', () => {
    expect(recordProblems(run, under.streams)).toEqual([]);
  });

  it('reports STARTED, RUNNING and COMPLETE for every stream', () => {
    expect(statusProblems(run.messages, names)).toEqual([]);
  });

  it('sends STREAM states with sourceStats counting the records since the previous state', () => {
    expect(stateProblems(run.messages, names)).toEqual([]);
  });
});

describe('source-kroll read of an invalid catalog', () => {
  it('emits an error TRACE', async () => {
    const invalid = await under.source.run('read', { config: under.config, catalog: INVALID_CATALOG });
    expect(invalid.messages.filter((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR').length).toBeGreaterThanOrEqual(1);
    expect(invalid.messages.filter((m) => m.type === 'RECORD')).toEqual([]);
  });
});
