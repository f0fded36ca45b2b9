/**
 * CAT's full refresh (TestFullRefresh): two reads one after the other; the second's records all
 * emitted after the first's, and the first's records a subset of the second's by primary key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRun } from './harness/connector.js';
import { configuredCatalog } from './harness/catalogs.js';
import { recordKey, recordsByStream } from './harness/read-checks.js';
import { sourceUnderTest, type SourceUnderTest } from './source-setup.js';

let under: SourceUnderTest;
let first: ConnectorRun;
let second: ConnectorRun;

const emittedAt = (run: ConnectorRun) => run.messages.filter((m) => m.type === 'RECORD').map((m) => m.record!.emitted_at);

beforeAll(async () => {
  under = await sourceUnderTest(65);
  const catalog = configuredCatalog(under.streams.filter((s) => s.supported_sync_modes.includes('full_refresh')), 'full_refresh');
  first = await under.source.run('read', { config: under.config, catalog });
  second = await under.source.run('read', { config: under.config, catalog });
});
afterAll(async () => {
  await under?.close();
});

describe('source-kroll full refresh, twice', () => {
  it('reads records both times', () => {
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(emittedAt(first).length).toBeGreaterThan(0);
  });

  it('emits every record of the second read after every record of the first', () => {
    expect(Math.min(...emittedAt(second))).toBeGreaterThan(Math.max(...emittedAt(first)));
  });

  it("sends again, by primary key, every record of the first read", () => {
    const again = recordsByStream(second.messages);
    for (const [name, records] of recordsByStream(first.messages)) {
      const stream = under.streams.find((s) => s.name === name);
      const keys = new Set((again.get(name) ?? []).map((r) => recordKey(stream, r)));
      const missing = records.filter((r) => !keys.has(recordKey(stream, r)));
      expect(missing, name).toEqual([]);
    }
  });
});
