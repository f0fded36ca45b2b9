/** Files of the repository the packaging and documentation checks read. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const repoPath = (...segments: string[]): string => `${ROOT}${segments.join('/')}`;

export const readRepoText = (...segments: string[]): string => readFileSync(repoPath(...segments), 'utf8');

export const readRepoJson = <T>(...segments: string[]): T => JSON.parse(readRepoText(...segments)) as T;

export interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export const packageJson = (): PackageJson => readRepoJson<PackageJson>('package.json');

export interface ConnectorMetadata {
  /** The folder under connectors/, e.g. source-kroll. */
  folder: string;
  metadataSpecVersion: string;
  data: {
    name: string;
    definitionId: string;
    connectorType: 'source' | 'destination';
    connectorSubtype: string;
    dockerRepository: string;
    dockerImageTag: string;
    documentationUrl: string;
    githubIssueLabel: string;
    license: string;
    releaseStage: string;
    supportLevel?: string;
    allowedHosts?: { hosts: string[] };
    suggestedStreams?: { streams: string[] };
    maxSecondsBetweenMessages?: number;
    tags?: string[];
  };
}

/** Every connectors/<name>/metadata.yaml. */
export function connectorMetadata(): ConnectorMetadata[] {
  return readdirSync(repoPath('connectors'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ folder: entry.name, ...(parseYaml(readRepoText('connectors', entry.name, 'metadata.yaml')) as Omit<ConnectorMetadata, 'folder'>) }));
}

/** Where this repository's files are published: a documentationUrl must point below it. */
export const REPOSITORY_BLOB_URL = 'https://github.com/kroll-connector/kroll-connector/blob/main/';

/** The repository file a published URL points to, or undefined for a URL elsewhere. */
export function repoFileOfUrl(url: string): string | undefined {
  return url.startsWith(REPOSITORY_BLOB_URL) ? url.slice(REPOSITORY_BLOB_URL.length) : undefined;
}
