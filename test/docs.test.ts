/** The README documents what the connector really has, and starts with the two set-up commands. */
import { accessSync, constants, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { destinationSpec } from '../src/destination/spec.js';
import { DESTINATION_STREAMS } from '../src/destination/stream.js';
import { USAGE } from '../src/runner/cli.js';
import { discover } from '../src/source/discover.js';
import { sourceSpec } from '../src/source/spec.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };

describe('README', () => {
  it('starts with the command that runs the main job and the one that runs the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.split('\n').filter(Boolean);
    expect(firstBlock[0]).toMatch(/^npm ci && bin\/kroll sync\b/);
    expect(firstBlock[1]).toMatch(/^npm ci && npm test\b/);
    expect(readme.indexOf('```sh')).toBeLessThan(200);
  });

  it('documents every option of kroll sync and kroll push, and their internal tables', () => {
    const [syncLine, pushLine] = USAGE.split('\n');
    expect(pushLine).toMatch(/^\s+kroll push /);
    for (const line of [syncLine!, pushLine!]) {
      const options = [...new Set(line.match(/--[a-z-]+/g))];
      expect(options.length).toBeGreaterThan(5);
      for (const option of options) expect(readme, option).toContain(`\`${option}`);
    }
    for (const name of ['_kroll_state', '_kroll_syncs', '_kroll_staging_', '_kroll_pushes', '_kroll_push_records', '_airbyte_extracted_at', '_airbyte_meta']) {
      expect(readme).toContain(`\`${name}`);
    }
  });

  it('documents every config property of both connectors, and every entry of the mapping template', () => {
    for (const spec of [sourceSpec, destinationSpec]) {
      const properties = Object.keys((spec.connectionSpecification as { properties: object }).properties);
      for (const property of properties) expect(readme, property).toContain(`\`${property}\``);
    }
    const template = (destinationSpec.connectionSpecification as { properties: { field_mapping: { properties: object } } }).properties.field_mapping.properties;
    for (const entry of Object.keys(template)) expect(readme, entry).toContain(`\`${entry}\``);
  });

  it('documents every stream and every field', () => {
    for (const file of readdirSync(new URL('../catalogs/', import.meta.url))) {
      const schema = JSON.parse(readFileSync(new URL(`../catalogs/${file}`, import.meta.url), 'utf8')) as { properties: object };
      expect(readme).toContain(`### \`${file.replace('.json', '')}\``);
      for (const field of Object.keys(schema.properties)) expect(readme, `${file}: ${field}`).toContain(`\`${field}\``);
    }
  });
});

describe('catalogs/', () => {
  it("holds the schemas of the source's streams and of the destination's, and no other", () => {
    const files = readdirSync(new URL('../catalogs/', import.meta.url)).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual([...discover().streams.map((s) => s.name), ...DESTINATION_STREAMS].sort());
  });
});

describe('package', () => {
  it('exposes executable bins that exist', () => {
    for (const path of Object.values(pkg.bin)) accessSync(new URL(`../${path}`, import.meta.url), constants.X_OK);
    expect(Object.keys(pkg.bin)).toEqual(expect.arrayContaining(['kroll', 'source-kroll', 'destination-kroll', 'kroll-sandbox']));
  });
});
