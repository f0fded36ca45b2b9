/**
 * Temporary folders that must not outlive the process (a source's downloads of Kroll's product
 * files, the runner's JSON files for its connector). Each is removed by its owner when the work is
 * done; whatever is still there when the process exits is removed on the way out, synchronously:
 * a second SIGINT or SIGTERM exits at once (see cli.ts main), skipping every `finally`, and the
 * README promises the folder is removed when a read "ends, fails, or is stopped". Only SIGKILL
 * leaves a folder behind.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

process.on('exit', () => {
  for (const path of live) rmSync(path, { recursive: true, force: true });
});

export interface TempFolder {
  path: string;
  /** Removes the folder and everything in it; safe to call twice. */
  remove(): Promise<void>;
}

/** A fresh folder under $TMPDIR whose name starts with `prefix` (e.g. "kroll-feed-"). */
export async function makeTempFolder(prefix: string): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  live.add(path);
  return {
    path,
    async remove() {
      await rm(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}
