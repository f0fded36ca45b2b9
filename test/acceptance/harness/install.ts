/**
 * The package as the image installs it: `npm pack`, the tarball unpacked under a prefix that
 * stands for the image's root, and its production dependencies installed from the lock file with
 * `npm ci --omit=dev`, as the Dockerfile's runtime stage does. No dev dependency is reachable.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, repoPath } from './repo.js';
import { testFolder } from '../../helpers/temp.js';

const run = promisify(execFile);

export interface Installed {
  /** Stands for "/" of the image. */
  prefix: string;
  /** Where the package is installed: <prefix>/airbyte/integration_code. */
  root: string;
  /** The files `npm pack` shipped, relative to the package. */
  files: string[];
}

/** The image's path, for example /airbyte/integration_code/bin/source-kroll, under the prefix. */
export function underPrefix(prefix: string, absolutePath: string): string {
  if (!absolutePath.startsWith('/')) throw new Error(`${absolutePath} is not absolute`);
  return join(prefix, absolutePath);
}

export async function packAndInstall(): Promise<Installed> {
  const work = testFolder('kroll-image-');
  // dist/ is what `npm run build` left (npm test builds first); scripts would build again.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  const prefix = join(work, 'image');
  const root = join(prefix, 'airbyte', 'integration_code');
  await mkdir(root, { recursive: true });
  await run('tar', ['-xzf', join(work, packed.filename), '-C', root, '--strip-components=1']);
  await copyFile(repoPath('package-lock.json'), join(root, 'package-lock.json'));
  await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: root });
  return { prefix, root, files: packed.files.map((f) => f.path).sort() };
}
