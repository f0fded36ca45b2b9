/** The README documents what the connector really has, and starts with the two set-up commands. */
import { accessSync, constants, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/runner/cli.js';
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

  it('documents every option of kroll sync, and its internal tables', () => {
    const options = [...new Set(USAGE.split('\n')[0]!.match(/--[a-z-]+/g))];
    expect(options.length).toBeGreaterThan(5);
    for (const option of options) expect(readme, option).toContain(`\`${option}`);
    for (const name of ['_kroll_state', '_kroll_syncs', '_kroll_staging_', '_airbyte_extracted_at', '_airbyte_meta']) expect(readme).toContain(`\`${name}`);
  });

  it('documents every config property', () => {
    const properties = Object.keys((sourceSpec.connectionSpecification as { properties: object }).properties);
    for (const property of properties) expect(readme, property).toContain(`\`${property}\``);
  });

  it('documents every stream and every field', () => {
    for (const file of readdirSync(new URL('../catalogs/', import.meta.url))) {
      const schema = JSON.parse(readFileSync(new URL(`../catalogs/${file}`, import.meta.url), 'utf8')) as { properties: object };
      expect(readme).toContain(`### \`${file.replace('.json', '')}\``);
      for (const field of Object.keys(schema.properties)) expect(readme, `${file}: ${field}`).toContain(`\`${field}\``);
    }
  });
});

describe('package', () => {
  it('exposes executable bins that exist', () => {
    for (const path of Object.values(pkg.bin)) accessSync(new URL(`../${path}`, import.meta.url), constants.X_OK);
    expect(Object.keys(pkg.bin)).toEqual(expect.arrayContaining(['kroll', 'source-kroll', 'kroll-sandbox']));
  });
});
