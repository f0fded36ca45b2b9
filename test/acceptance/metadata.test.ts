/**
 * connectors/<name>/metadata.yaml, one per connector: Airbyte's metadata schema, names that agree
 * with each other, Kroll's hosts, and the documentation and spec it points to.
 */
import { existsSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/source/discover.js';
import { METADATA_SCHEMA } from './harness/metadata-schema.js';
import { connectorMetadata, readRepoJson, repoFileOfUrl, repoPath } from './harness/repo.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const connectors = connectorMetadata();

describe('metadata.yaml', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(METADATA_SCHEMA);

  for (const metadata of connectors) {
    const { folder, ...file } = metadata;
    const { data } = metadata;

    describe(folder, () => {
      it("has Airbyte's fields and no other", () => {
        expect(validate(file), ajv.errorsText(validate.errors)).toBe(true);
        expect(folder).toBe(`${data.connectorType}-kroll`);
        expect(data.githubIssueLabel).toBe(folder);
        expect(data.dockerRepository.split('/').at(-1)).toBe(folder);
        expect(data.license).toBe(readRepoJson<{ license: string }>('package.json').license);
      });

      it("allows Kroll's API hosts, and the source its FTP host from the config", () => {
        const hosts = data.allowedHosts?.hosts ?? [];
        expect(hosts).toEqual(expect.arrayContaining(['api.krollcorp.com', 'apiv2.krollcorp.com']));
        if (data.connectorType === 'source') expect(hosts).toContain('${config.ftp_host}');
        for (const host of hosts) expect(host).toMatch(/^([a-z0-9-]+\.)+[a-z]{2,}$|^\$\{config\.[a-z_]+\}$/);
      });

      it('points documentationUrl at its page in docs/', () => {
        const file = repoFileOfUrl(data.documentationUrl);
        expect(file).toBe(`docs/integrations/${data.connectorType}s/kroll.md`);
        expect(existsSync(repoPath(file!))).toBe(true);
      });
    });
  }

  // Each connector spec in spec/ agrees with its connector's metadata.
  for (const specFile of readdirSync(repoPath('spec')).filter((f) => f.endsWith('.json'))) {
    it(`agrees with spec/${specFile}: documentation, changelog, hosts from the config`, () => {
      const type = specFile.replace('.json', '');
      const metadata = connectors.find((c) => c.data.connectorType === type);
      expect(metadata, `connectors/${type}-kroll/metadata.yaml`).toBeDefined();
      const spec = readRepoJson<{ documentationUrl: string; changelogUrl?: string; connectionSpecification: { properties: object } }>('spec', specFile);
      expect(spec.documentationUrl).toBe(metadata!.data.documentationUrl);
      expect(repoFileOfUrl(spec.changelogUrl ?? '')).toBe('CHANGELOG.md');
      expect(existsSync(repoPath('CHANGELOG.md'))).toBe(true);
      for (const host of metadata!.data.allowedHosts?.hosts ?? []) {
        const property = /^\$\{config\.([a-z_]+)\}$/.exec(host)?.[1];
        if (property !== undefined) expect(spec.connectionSpecification.properties).toHaveProperty(property);
      }
    });
  }

  it('gives each connector its own fixed definitionId', () => {
    const ids = connectors.map((c) => c.data.definitionId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('suggests streams the source has, and sets a heartbeat the source keeps', () => {
    const source = connectors.find((c) => c.data.connectorType === 'source')!.data;
    const streams = discover().streams.map((s) => s.name);
    expect(source.suggestedStreams?.streams.length).toBeGreaterThan(0);
    for (const name of source.suggestedStreams!.streams) expect(streams).toContain(name);
    expect(source.maxSecondsBetweenMessages).toBeGreaterThanOrEqual(600);
  });
});
