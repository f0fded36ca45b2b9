/**
 * The acceptance harness catches what it is meant to catch: each check, given a small case that
 * breaks its rule, reports it (and passes the same case made right). A check that could not fail
 * would make the acceptance suite always pass.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AirbyteMessage, AirbyteStateMessage, AirbyteStream } from '../../src/generated/protocol.js';
import { Connector } from './harness/connector.js';
import { sampleCheckpoints } from './harness/catalogs.js';
import { writeInChunks } from './harness/destination.js';
import { cursorProblems, dataTypeProblems, primaryKeyProblems, streamKeywordProblems, syncModeProblems } from './harness/catalog-checks.js';
import { headingOrderProblems, prerequisitesProblems } from './harness/docs.js';
import { integerLiteralProblems, primaryKeyValueProblems, stateProblems, statusProblems } from './harness/read-checks.js';
import {
  additionalPropertiesProblems,
  arrayProblems,
  emptyObjectProblems,
  enumProblems,
  forbiddenKeywordProblems,
  groupProblems,
  oneOfProblems,
  orderProblems,
  secretProblems,
  typeArrayProblems,
} from './harness/spec-checks.js';
import { parse as parseLossless } from 'lossless-json';
import { testFolder } from '../helpers/temp.js';

const spec = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });

describe('spec checks', () => {
  const cases: [string, (s: Record<string, unknown>) => string[], Record<string, unknown>, Record<string, unknown>][] = [
    ['secrets', secretProblems, spec({ api_password: { type: 'string' } }), spec({ api_password: { type: 'string', airbyte_secret: true } })],
    ['secrets on a boolean', secretProblems, spec({ tls: { type: 'boolean', airbyte_secret: true } }), spec({ tls: { type: 'boolean' } })],
    ['enum', enumProblems, spec({ mode: { enum: ['a', 'b', 'a'] } }), spec({ mode: { enum: ['a', 'b'] } })],
    [
      'oneOf',
      oneOfProblems,
      spec({ auth: { type: 'object', oneOf: [{ properties: { kind: { const: 'a' } } }, { properties: { kind: { type: 'string' } } }] } }),
      spec({ auth: { type: 'object', oneOf: [{ properties: { kind: { const: 'a' } } }, { properties: { kind: { const: 'b', default: 'b' } } }] } }),
    ],
    ['oneOf parent', oneOfProblems, spec({ auth: { oneOf: [{ properties: { k: { const: 'a' } } }] } }), spec({ auth: { type: 'object', oneOf: [{ properties: { k: { const: 'a' } } }] } })],
    ['keywords', (s) => forbiddenKeywordProblems(s), spec({ a: { allOf: [{ type: 'string' }] } }), spec({ not: { type: 'string' }, allOf: { type: 'string' } })],
    ['$ref', (s) => forbiddenKeywordProblems(s), spec({ a: { $ref: '#/definitions/a' } }), spec({ a: { type: 'string' } })],
    ['type arrays', typeArrayProblems, spec({ a: { type: ['null', 'string'] } }), spec({ a: { type: ['string', 'null'] } })],
    ['empty objects', emptyObjectProblems, spec({ a: { type: 'object' } }), spec({ a: { type: 'object', properties: { b: { type: 'string' } } } })],
    ['arrays', arrayProblems, spec({ a: { type: 'array', items: [{ type: 'string' }] } }), spec({ a: { type: 'array', items: { type: 'string' } } })],
    ['order', orderProblems, spec({ a: { order: 1 }, b: { order: 1 } }), spec({ a: { order: 1 }, b: { order: 1, group: 'g' } }, { groups: [{ id: 'g' }] })],
    ['groups', groupProblems, spec({ a: { type: 'object', properties: { b: { group: 'g' } } } }, { groups: [{ id: 'g' }] }), spec({ a: { group: 'g' } }, { groups: [{ id: 'g' }] })],
    ['additionalProperties', additionalPropertiesProblems, spec({}, { additionalProperties: false }), spec({}, { additionalProperties: true })],
  ];
  it.each(cases)('%s: reported when broken, not when right', (_name, check, broken, right) => {
    expect(check(broken).length).toBeGreaterThan(0);
    expect(check(right)).toEqual([]);
  });
});

describe('catalog checks', () => {
  const stream = (overrides: Partial<AirbyteStream>, properties: Record<string, unknown> = { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } }): AirbyteStream => ({
    name: 's',
    json_schema: { type: 'object', properties },
    supported_sync_modes: ['full_refresh', 'incremental'],
    source_defined_primary_key: [['id']],
    source_defined_cursor: true,
    default_cursor_field: ['at'],
    is_resumable: true,
    ...overrides,
  });

  it('pass a stream that keeps every rule', () => {
    const ok = stream({});
    expect([...syncModeProblems(ok), ...primaryKeyProblems(ok), ...cursorProblems(ok), ...dataTypeProblems(ok), ...streamKeywordProblems(ok)]).toEqual([]);
  });

  it('report each broken rule', () => {
    expect(syncModeProblems(stream({ supported_sync_modes: ['incremental', 'full_refresh'] }))).toHaveLength(1);
    expect(primaryKeyProblems(stream({ source_defined_primary_key: [['nope']] }))).toHaveLength(1);
    expect(primaryKeyProblems(stream({}, { id: { type: ['object', 'null'] } }))).toHaveLength(1);
    expect(cursorProblems(stream({ default_cursor_field: ['nope'] }))).toHaveLength(1);
    expect(cursorProblems(stream({ is_resumable: false }))).toHaveLength(1);
    expect(cursorProblems(stream({ supported_sync_modes: ['full_refresh'], default_cursor_field: undefined, source_defined_cursor: undefined }))).toHaveLength(1);
    expect(dataTypeProblems(stream({}, { id: { type: 'string', format: 'email' } }))).toHaveLength(1);
    expect(dataTypeProblems(stream({}, { at: { type: 'string', airbyte_type: 'timestamp_with_timezone' } }))).toHaveLength(1);
    expect(streamKeywordProblems(stream({}, { id: { not: { type: 'null' } } }))).toHaveLength(1);
  });
});

describe('read checks', () => {
  const record = (stream: string, data: unknown): AirbyteMessage => ({ type: 'RECORD', record: { stream, data: data as never, emitted_at: 1 } });
  const state = (stream: string, recordCount: number, value: unknown = recordCount): AirbyteMessage => ({
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: { v: value } }, sourceStats: { recordCount } },
  });
  const status = (stream: string, s: 'STARTED' | 'RUNNING' | 'COMPLETE'): AirbyteMessage => ({
    type: 'TRACE',
    trace: { type: 'STREAM_STATUS', emitted_at: 1, stream_status: { stream_descriptor: { name: stream }, status: s } },
  });

  it('integers must be written as integers', () => {
    const schema = { type: 'object', properties: { n: { type: ['integer', 'null'] }, x: { type: 'number' } } };
    expect(integerLiteralProblems(schema, (parseLossless('{"n":1.0,"x":2}') as object))).toEqual(['/n: integer written as 1.0']);
    expect(integerLiteralProblems(schema, parseLossless('{"n":1,"x":2.0}'))).toEqual([]);
  });

  it('primary keys: scalar, not all null', () => {
    const s = { name: 's', json_schema: {}, supported_sync_modes: ['full_refresh'], source_defined_primary_key: [['id']] } as AirbyteStream;
    expect(primaryKeyValueProblems(s, { id: null })).toHaveLength(1);
    expect(primaryKeyValueProblems(s, { id: { a: 1 } })).toHaveLength(1);
    expect(primaryKeyValueProblems(s, { id: 'x' })).toEqual([]);
  });

  it('statuses: STARTED, RUNNING, COMPLETE for every stream', () => {
    expect(statusProblems([status('s', 'STARTED'), status('s', 'RUNNING'), status('s', 'COMPLETE')], ['s'])).toEqual([]);
    expect(statusProblems([status('s', 'STARTED'), status('s', 'COMPLETE')], ['s'])).toHaveLength(1);
    expect(statusProblems([], ['s'])).toHaveLength(1);
  });

  it('states: counts since the previous state, STREAM type, no repeats, one per stream at least', () => {
    expect(stateProblems([record('s', {}), record('s', {}), state('s', 2), record('s', {}), state('s', 1, 9)], ['s'])).toEqual([]);
    expect(stateProblems([record('s', {}), state('s', 2)], ['s'])).toHaveLength(1);
    expect(stateProblems([record('s', {}), state('s', 1, 'a'), record('s', {}), state('s', 1, 'a')], ['s'])).toHaveLength(1);
    expect(stateProblems([{ type: 'STATE', state: { type: 'LEGACY', data: {} } }], ['s']).length).toBeGreaterThan(0);
    expect(stateProblems([record('s', {}), state('s', 1)], ['s', 't']).length).toBeGreaterThan(0);
  });
});

describe("CAT's choice of checkpoints", () => {
  const states = (counts: [number, unknown][]): AirbyteStateMessage[] =>
    counts.map(([recordCount, value]) => ({ type: 'STREAM', stream: { stream_descriptor: { name: 's' }, stream_state: { v: value } }, sourceStats: { recordCount } }));

  it('collapses repeats, drops empty ones, and with fewer than 3 tries the last', () => {
    const chosen = sampleCheckpoints(states([[5, 'a'], [3, 'a'], [0, 'b'], [2, 'c']]), 10);
    expect(chosen.map((c) => [c.index, c.remaining])).toEqual([[1, 0]]);
  });

  it('with more, leaves out the first and the last and samples about 5', () => {
    const seven = sampleCheckpoints(states([1, 2, 3, 4, 5, 6, 7].map((i) => [10, i])), 70);
    expect(seven.map((c) => [c.index, c.remaining])).toEqual([[1, 50], [2, 40], [3, 30], [4, 20], [5, 10]]);
    const twenty = sampleCheckpoints(states(Array.from({ length: 20 }, (_, i) => [1, i])), 20);
    expect(twenty.map((c) => c.index)).toEqual([4, 8, 12, 16]);
  });
});

describe('documentation checks', () => {
  const page = (headings: string[]) => headings.join('\n\ntext\n\n');
  const good = ['# K', '## Prerequisites', '## Setup guide', '## Set up K', '### Step 1: Ask', '## Supported sync modes', '## Supported Streams', '### `s`', '## Changelog'];

  it("follow the template's order, with optional and own headings", () => {
    expect(headingOrderProblems(page(good), 'K')).toEqual([]);
    expect(headingOrderProblems(page(good.filter((h) => h !== '## Changelog')), 'K')).toHaveLength(1);
    expect(headingOrderProblems(page(['# K', '## Setup guide', '## Prerequisites', ...good.slice(3)]), 'K')).toHaveLength(1);
  });

  it('need the title of every required field in Prerequisites', () => {
    const specification = { required: ['host'], properties: { host: { title: 'FTP host' } } };
    expect(prerequisitesProblems('## Prerequisites\n\nthe ftp host\n', specification)).toEqual([]);
    expect(prerequisitesProblems('## Prerequisites\n\nnothing\n', specification)).toHaveLength(1);
  });
});

describe('every run of a connector', () => {
  // A stand-in connector: its spec has one secret; MODE says how it misbehaves.
  const script = join(testFolder('kroll-fake-'), 'fake.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
const [command, , path] = process.argv.slice(2);
const say = (m) => console.log(JSON.stringify(m));
if (command === 'spec') { say({ type: 'SPEC', spec: { connectionSpecification: { type: 'object', properties: { password: { type: 'string', airbyte_secret: true } } } } }); process.exit(0); }
const config = JSON.parse(readFileSync(path, 'utf8'));
const mode = process.env.MODE;
if (mode === 'leak-stdout') say({ type: 'LOG', log: { level: 'INFO', message: 'password is ' + config.password } });
if (mode === 'leak-stderr') console.error('password is ' + config.password);
if (mode === 'not-json') console.log('hello');
if (mode === 'old-emitted-at') say({ type: 'TRACE', trace: { type: 'ERROR', emitted_at: 1000, error: { message: 'x' } } });
if (mode === 'exit-without-trace') process.exit(1);
say({ type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED' } });
`,
  );
  const fake = (mode: string) => new Connector('fake', [process.execPath, script], { env: { ...process.env, MODE: mode } });
  const config = { password: 'S3cret-Value-Nobody-Prints' };

  it('passes a connector that behaves', async () => {
    expect((await fake('none').run('check', { config })).code).toBe(0);
  });

  it.each([
    ['leak-stdout', /secret of the config appears on stdout/],
    ['leak-stderr', /secret of the config appears on stderr/],
    ['not-json', /not JSON/],
    ['old-emitted-at', /emitted_at 1000 outside the run/],
    ['exit-without-trace', /exit 1 without an error TRACE/],
  ])('fails one that does %s', async (mode, error) => {
    await expect(fake(mode).run('check', { config })).rejects.toThrow(error);
  });
});

describe('destination write checks', () => {
  // A stand-in destination that commits records to a file: MODE says how it misbehaves.
  const dir = testFolder('kroll-fake-destination-');
  const script = join(dir, 'destination.mjs');
  writeFileSync(
    script,
    `import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const [command, , path] = process.argv.slice(2);
const say = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
if (command === 'spec') { say({ type: 'SPEC', spec: { connectionSpecification: { type: 'object', properties: { store: { type: 'string' } } } } }); process.exit(0); }
const { store } = JSON.parse(readFileSync(path, 'utf8'));
const mode = process.env.MODE;
const lines = createInterface({ input: process.stdin });
let pending = [];
let states = 0;
const commit = (records) => appendFileSync(store, records.map((r) => JSON.stringify(r.data) + '\\n').join(''));
for await (const line of lines) {
  const m = JSON.parse(line);
  if (m.type === 'RECORD') pending.push(m.record);
  if (m.type !== 'STATE') continue;
  const records = pending;
  pending = [];
  states++;
  const echo = { type: 'STATE', state: { ...m.state, destinationStats: { recordCount: records.length + (mode === 'miscount' ? 1 : 0) } } };
  if (mode === 'change') echo.state.stream.stream_state = { changed: true };
  if (mode === 'early') { say(echo); await new Promise((r) => setTimeout(r, 300)); commit(records); continue; }
  commit(records);
  if (mode === 'drop' && states === 2) continue;
  say(echo);
}
`,
  );
  const record = (i: number): AirbyteMessage => ({ type: 'RECORD', record: { stream: 'orders', data: { id: i }, emitted_at: 1 } });
  const state = (i: number): AirbyteMessage => ({
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: 'orders' }, stream_state: { upTo: i } }, sourceStats: { recordCount: 2 } },
  });
  const chunks = [
    [record(1), record(2), state(2)],
    [record(3), record(4), state(4)],
    [record(5), record(6), state(6)],
  ];

  async function write(mode: string) {
    const store = join(dir, `${mode}.jsonl`);
    writeFileSync(store, '');
    const destination = new Connector('fake destination', [process.execPath, script], { env: { ...process.env, MODE: mode } });
    const uncommitted = async (records: { data: unknown }[]) => {
      const have = new Set(readFileSync(store, 'utf8').split('\n').filter(Boolean));
      return records.filter((r) => !have.has(JSON.stringify(r.data))) as never[];
    };
    return writeInChunks(destination, { config: { store }, catalog: { streams: [] } }, chunks, uncommitted, 1500);
  }

  it('pass a destination that echoes each state after committing its records', async () => {
    const { problems, run } = await write('correct');
    expect(problems).toEqual([]);
    expect(run.code).toBe(0);
  });

  it.each([
    ['early', /echoed before record/],
    ['drop', /chunk 2: its state was not echoed within 1500 ms/],
    ['miscount', /counts 3 records, 2 were sent before it/],
    ['change', /is not state 1 as sent/],
  ])('catch a destination that does it wrong: %s', async (mode, problem) => {
    const { problems } = await write(mode);
    expect(problems.join('\n')).toMatch(problem);
  });
});
