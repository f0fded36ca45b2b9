/** Starts the sandbox in this process for a suite, with the config files a read needs. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { configuredCatalog, jsonFiles } from './run.js';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ host: '127.0.0.1', ...options });
}

/** The source config of the sandbox with test-friendly settings merged in. */
export function sourceConfig(box: Sandbox, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...box.info.source_config, file_change_retry_delay_seconds: 0.05, ...overrides };
}

export function readFiles(
  box: Sandbox,
  streams: { name: string; syncMode?: 'full_refresh' | 'incremental' }[],
  options: { config?: Record<string, unknown>; state?: unknown } = {},
): string[] {
  const files = jsonFiles({
    config: sourceConfig(box, options.config),
    catalog: configuredCatalog(streams),
    ...(options.state === undefined ? {} : { state: options.state }),
  });
  return ['read', '--config', files.config!, '--catalog', files.catalog!, ...(files.state ? ['--state', files.state] : [])];
}

/**
 * The newest modification time of the three product files, as an FTP MDTM reports it: the
 * server formats the file's `mtime` Date, which Node rounds from the sub-millisecond `mtimeMs`.
 */
const PRODUCT_FILES = ['Kroll_Complete_Catalog.txt', 'KrollDealerInventoryExportRev2.txt', 'Kroll_Stock_Disco_CLSO.txt'];

export function feedModifiedAt(root: string): string {
  const newest = Math.max(...PRODUCT_FILES.map((n) => statSync(join(root, 'ProductData', n)).mtime.getTime()));
  return new Date(newest).toISOString();
}

/**
 * The state a complete products read ends with, from the files on disk: the feed's time and each
 * file's path, size and time (what tells a re-uploaded file with the same time apart).
 */
export function productsState(root: string): { feed_modified_at: string; files: string } {
  const files = PRODUCT_FILES.map((n) => {
    const stat = statSync(join(root, 'ProductData', n));
    return `/ProductData/${n}|${stat.size}|${stat.mtime.toISOString()}`;
  }).sort();
  return { feed_modified_at: feedModifiedAt(root), files: files.join(';') };
}

/** The sandbox's real secrets (its random FTP password and API key): no output may hold them. */
export function sandboxSecrets(box: Sandbox): string[] {
  return [box.info.ftp.password, String(box.info.source_config.api_password)];
}

/** Fails when any of the sandbox's secrets is in the text (a run's stdout or stderr). */
export function expectNoSecrets(box: Sandbox, ...texts: string[]): void {
  for (const secret of sandboxSecrets(box)) for (const text of texts) if (text.includes(secret)) throw new Error('a secret of the sandbox is in the output');
}
