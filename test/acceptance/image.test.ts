/**
 * Each image's ENTRYPOINT, run exactly as written (its absolute paths under a temporary prefix
 * that stands for the image's root) against the package as the image installs it: `npm pack`, then
 * production dependencies only. This proves the image's command works without dev dependencies
 * and that the package ships everything it needs at run time, and nothing it does not.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connector, spawnProcess } from './harness/connector.js';
import { readStages, resolveTarget } from './harness/dockerfile.js';
import { packAndInstall, underPrefix, type Installed } from './harness/install.js';
import { connectorMetadata, packageJson, readRepoJson, repoPath } from './harness/repo.js';
import { productAt } from '../../src/sandbox/index.js';
import { sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { testFolder } from '../helpers/temp.js';

const pkg = packageJson();
const stages = readStages(repoPath('Dockerfile'));
const IMAGE_ROOT = '/airbyte/integration_code/';

// Every connector's image target (dockerfile.test.ts and metadata.test.ts check their agreements).
const targets = connectorMetadata().map(({ data }) => ({ type: data.connectorType, target: resolveTarget(stages, data.connectorType) }));

let installed: Installed;
let box: Sandbox;
// The platform runs the image from a working directory of its own, with only the image's PATH.
const cwd = testFolder('kroll-image-cwd-');
const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: cwd };

beforeAll(async () => {
  [installed, box] = await Promise.all([packAndInstall(), sandbox({ products: 60, seed: 5 })]);
}, 120_000);
afterAll(async () => {
  await box?.close();
});

describe('the packed package', () => {
  it('has a bin for the connector of every image', () => {
    expect(targets.map((t) => t.type).sort()).toEqual(['destination', 'source']);
    for (const { target } of targets) expect(Object.values(pkg.bin)).toContain(target.entrypoint!.at(-1)!.slice(IMAGE_ROOT.length));
  });

  it('ships bins, compiled code, specs and stream schemas, and nothing else', () => {
    const { files } = installed;
    for (const bin of [...Object.values(pkg.bin), 'bin/container-node']) expect(files).toContain(bin);
    for (const name of readdirSync(repoPath('catalogs'))) expect(files).toContain(`catalogs/${name}`);
    for (const name of readdirSync(repoPath('spec'))) expect(files).toContain(`spec/${name}`);
    expect(files).toContain('dist/source/main.js');
    expect(files).toContain('dist/destination/main.js');
    const unexpected = files.filter((f) => !/^(bin\/[a-z-]+|dist\/.+\.js|spec\/[a-z]+\.json|catalogs\/[a-z_]+\.json|package\.json|README\.md)$/.test(f));
    expect(unexpected).toEqual([]);
  });

  it('installs production dependencies only', () => {
    const lock = readRepoJson<{ packages: Record<string, { dev?: boolean }> }>('package-lock.json');
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['typescript', 'vitest']));
    for (const name of devOnly) expect(existsSync(join(installed.root, 'node_modules', name)), name).toBe(false);
    for (const name of Object.keys(pkg.dependencies)) expect(existsSync(join(installed.root, 'node_modules', name)), name).toBe(true);
  });
});

describe.each(targets)('ENTRYPOINT of the $type image', ({ type, target }) => {
  const connector = () => new Connector(`${type} image`, target.entrypoint!.map((part) => underPrefix(installed.prefix, part)), { cwd, env });

  it('answers spec with the spec in spec/', async () => {
    const run = await connector().run('spec');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.messages).toEqual([{ type: 'SPEC', spec: readRepoJson('spec', `${type}.json`) }]);
  });

  it('connects to the sandbox with check', async () => {
    const config = type === 'source' ? sourceConfig(box) : box.info.destination_config;
    const run = await connector().run('check', { config });
    expect(run.code).toBe(0);
    expect(run.messages.map((m) => m.connectionStatus?.status)).toEqual(['SUCCEEDED']);
  });

  if (type === 'destination') {
    it('places an order with write and echoes its state', async () => {
      const { sku } = Array.from({ length: 60 }, (_, i) => productAt(5, i)).find((p) => p.status === 'Stock' && (p.inventory?.quantityAvailable ?? 0) > 0)!;
      const data = { order_id: 'IMG-1', ship_to: { name: 'N', address1: '1 Main St', city: 'Portland', state: 'ME', postal_code: '04101', country_code: 'USA' }, lines: [{ sku, quantity: 1 }] };
      const messages = [
        { type: 'RECORD', record: { stream: 'fulfillment_requests', data, emitted_at: Date.now() } },
        { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'fulfillment_requests' }, stream_state: { n: 'BIG' } } } },
      ];
      const catalog = { streams: [{ stream: { name: 'fulfillment_requests', json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', destination_sync_mode: 'append' }] };
      const stdin = messages.map((m) => JSON.stringify(m)).join('\n').replace('"BIG"', '12345678901234567890');
      const run = await connector().run('write', { config: box.info.destination_config, catalog, stdin });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(box.api.placedOrders().map((p) => [p.request.purchaseOrderNumber, p.request.shipToCountryCode])).toEqual([['IMG-1', 'US']]);
      expect(run.lines.filter((l) => l.includes('"STATE"'))).toEqual([
        '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"fulfillment_requests"},"stream_state":{"n":12345678901234567890}},"destinationStats":{"recordCount":1,"rejectedRecordCount":0}}}',
      ]);
    });
  }
});

describe('the heap-sizing wrapper of the ENTRYPOINT', () => {
  const cgroups = testFolder('kroll-cgroup-');
  const limit = (version: 'v1' | 'v2', value: string): string => {
    const root = join(cgroups, `${version}-${value}`);
    const file = version === 'v2' ? join(root, 'memory.max') : join(root, 'memory', 'memory.limit_in_bytes');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${value}\n`);
    return root;
  };

  /** The flags node was started with by the wrapper, which passes its own arguments on to node. */
  async function nodeFlags(cgroupRoot: string, nodeOptions?: string): Promise<string[]> {
    const wrapper = underPrefix(installed.prefix, `${IMAGE_ROOT}bin/container-node`);
    const result = await spawnProcess(wrapper, ['-e', 'console.log(JSON.stringify(process.execArgv))'], {
      cwd,
      env: { ...env, KROLL_CGROUP_ROOT: cgroupRoot, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
    });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as string[];
  }

  it('gives V8 three quarters of a cgroup v2 or v1 memory limit', async () => {
    expect(await nodeFlags(limit('v2', String(2 * 1024 ** 3)))).toEqual(['--max-old-space-size=1536', '-e', expect.any(String)]);
    expect(await nodeFlags(limit('v1', String(1024 ** 3)))).toEqual(['--max-old-space-size=768', '-e', expect.any(String)]);
  });

  it("leaves Node's default without a limit, and a heap size in NODE_OPTIONS wins", async () => {
    expect(await nodeFlags(limit('v2', 'max'))).toEqual(['-e', expect.any(String)]);
    expect(await nodeFlags(limit('v1', '9223372036854771712'))).toEqual(['-e', expect.any(String)]);
    expect(await nodeFlags(join(cgroups, 'none'))).toEqual(['-e', expect.any(String)]);
    expect(await nodeFlags(limit('v2', String(2 * 1024 ** 3)), '--max-old-space-size=100')).toEqual(['-e', expect.any(String)]);
  });
});
