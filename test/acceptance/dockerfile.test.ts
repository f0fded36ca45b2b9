/**
 * The Dockerfile, read as Docker resolves its targets (no Docker engine runs here): one target per
 * connector, ENTRYPOINT and AIRBYTE_ENTRYPOINT, user, labels equal to the connector's metadata and
 * version, base image, build and runtime stages, build context.
 */
import { existsSync } from 'node:fs';
import type { Copy } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { argumentsOf, readStages, resolveTarget, type Stage } from './harness/dockerfile.js';
import { connectorMetadata, packageJson, readRepoText, repoPath } from './harness/repo.js';

const stages = readStages(repoPath('Dockerfile'));
const connectors = connectorMetadata();
const pkg = packageJson();
const IMAGE_ROOT = '/airbyte/integration_code/';

const runs = (stage: Stage): string[] => stage.instructions.filter((i) => i.getKeyword() === 'RUN').map(argumentsOf);
const stageNamed = (name: string): Stage => stages.find((s) => s.name === name)!;

describe('Dockerfile', () => {
  it('has one target per connector, named by its type', () => {
    expect(connectors.map((c) => c.data.connectorType).sort()).toEqual(['destination', 'source']);
    for (const { data } of connectors) expect(stages.map((s) => s.name)).toContain(data.connectorType);
  });

  it('builds every stage on the official slim Node 20 image', () => {
    const stageNames = new Set(stages.map((s) => s.name));
    const images = stages.filter((s) => !stageNames.has(s.from)).map((s) => s.fromInstruction);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      // Official images have no registry host and no namespace: "node", not "someone/node".
      expect(image.getRegistry()).toBeNull();
      expect(image.getImageName()).toBe('node');
      expect(image.getImageTag()).toMatch(/^20(\.\d+){0,2}-(bookworm|bullseye|trixie)-slim$/);
    }
  });

  it('builds with dev dependencies and ships production dependencies only', () => {
    const build = runs(stageNamed('build')).join('\n');
    expect(build).toMatch(/\bnpm ci\b(?![^\n]*--omit=dev)/);
    expect(build).toContain('npm run build');
    expect(build).toContain('npm pack');
    const runtime = stageNamed('runtime');
    // Everything the runtime stage copies comes from the build stage, not from the build context.
    const copies = runtime.instructions.filter((i) => i.getKeyword() === 'COPY') as Copy[];
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.getFlags().map((f) => `${f.getName()}=${f.getValue()}`)).toEqual(['from=build']);
    expect(runs(runtime).join('\n')).toMatch(/\bnpm ci --omit=dev\b/);
    // The connector targets add nothing but their entrypoint and labels.
    for (const { data } of connectors) {
      const target = resolveTarget(stages, data.connectorType);
      expect(target.chain.map((s) => s.name)).toEqual(['runtime', data.connectorType]);
      expect(target.chain[1]!.instructions.map((i) => i.getKeyword()).sort()).toEqual(['ENTRYPOINT', 'ENV', 'LABEL', 'LABEL']);
    }
  });

  it('runs as the non-root user airbyte, who owns /airbyte', () => {
    const runtime = runs(stageNamed('runtime')).join('\n');
    expect(runtime).toMatch(/(useradd|usermod --login|adduser)\b[^\n]*\bairbyte\b/);
    expect(runtime).toMatch(/chown airbyte(:airbyte)? \/airbyte\b/);
    for (const { data } of connectors) {
      const { user } = resolveTarget(stages, data.connectorType);
      expect(user).toBe('airbyte');
    }
  });

  it('keeps out of the build context everything the build does not read', () => {
    const lines = readRepoText('.dockerignore').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    const buildInputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'vendor', 'src'];
    // What the package ships, less dist/, which the build stage compiles.
    const shipped = pkg.files.map((f) => f.split('/')[0]!).filter((f) => f !== 'dist');
    expect(allowed.sort()).toEqual([...new Set([...buildInputs, ...shipped])].sort());
  });

  for (const { data, folder } of connectors) {
    describe(`target ${data.connectorType}`, () => {
      const target = resolveTarget(stages, data.connectorType);

      it('has an ENTRYPOINT of absolute paths in exec form, and AIRBYTE_ENTRYPOINT equal to it joined by spaces', () => {
        expect(target.entrypoint).not.toBeNull();
        const entrypoint = target.entrypoint!;
        for (const part of entrypoint) expect(part.startsWith(IMAGE_ROOT), part).toBe(true);
        expect(target.env.get('AIRBYTE_ENTRYPOINT')).toBe(entrypoint.join(' '));
        // The heap-sizing wrapper, then the connector's own bin.
        expect(entrypoint).toEqual([`${IMAGE_ROOT}bin/container-node`, `${IMAGE_ROOT}bin/${folder}`]);
        expect(existsSync(repoPath('bin', 'container-node'))).toBe(true);
        // The connector's bin is in the repository and is the package's bin of that name.
        expect(existsSync(repoPath('bin', folder))).toBe(true);
        expect(pkg.bin[folder]).toBe(`bin/${folder}`);
      });

      it('is labelled with the dockerRepository and dockerImageTag of its metadata', () => {
        expect(target.labels.get('io.airbyte.name')).toBe(data.dockerRepository);
        expect(target.labels.get('io.airbyte.version')).toBe(data.dockerImageTag);
        expect(data.dockerImageTag).toBe(pkg.version);
      });
    });
  }
});
