/**
 * Ctrl-C on `kroll sync`: the terminal signals kroll's whole process group, as
 * `kill -INT -<pgid>` does here. The source is stopped once and cleanly: its temporary download
 * folder is removed, and the summary says which streams were interrupted and which never started.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';
import { query, tempDb } from './helpers.js';
import { configFile, startKroll, summaryRow } from './kroll.js';

let box: Sandbox;
let temp: string;
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'kroll-interrupt-'));
});
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});
beforeEach(async () => {
  // Each product file looks mid-upload on its first download, so the source waits (a minute, by
  // the config below) before it reads the first one again: it is caught with its folder made.
  box = await sandbox({ products: 300, seed: 8, uploadingReads: 1 });
});
afterEach(async () => {
  await box?.close();
});

describe('Ctrl-C on kroll sync', () => {
  it('stops the source once: exit 130, its download folder removed', async () => {
    const db = tempDb();
    const config = configFile(box, db, { file_change_retries: 1, file_change_retry_delay_seconds: 60 });
    const run = startKroll(['sync', '--config', config, '--db', db, '--streams', 'products,inventory,shipments'], {
      env: { ...process.env, TMPDIR: temp },
      detached: true,
    });
    await run.waitFor(/Reading it again in 60 s/);
    expect(readdirSync(temp).filter((name) => name.startsWith('kroll-feed-'))).toHaveLength(1);
    process.kill(-run.child.pid!, 'SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    // One signal, so a clean stop: the source ended its stream with its own trace.
    expect(result.stderr).toContain('products: Stopped by SIGTERM before it finished.');
    // The source's download folder and kroll's own files for it: nothing is left.
    expect(readdirSync(temp)).toEqual([]);
    expect(await query(db, 'SELECT status FROM _kroll_syncs')).toEqual([{ status: 'interrupted' }]);
  });

  it('shows the stream it stopped as interrupted, and those it never started as not started', async () => {
    const db = tempDb();
    const config = configFile(box, db, { file_change_retries: 1, file_change_retry_delay_seconds: 60 });
    const run = startKroll(['sync', '--config', config, '--db', db, '--streams', 'products,inventory,shipments'], { detached: true });
    await run.waitFor(/Reading it again in 60 s/);
    process.kill(-run.child.pid!, 'SIGINT');
    const { code, stderr } = await run.done;
    expect(code).toBe(130);
    expect(summaryRow(stderr, 'products')).toMatchObject({ status: 'interrupted', loaded: 0 });
    expect(summaryRow(stderr, 'inventory')).toMatchObject({ status: 'not started', loaded: 0 });
    expect(summaryRow(stderr, 'shipments')).toMatchObject({ status: 'not started', loaded: 0 });
    expect(stderr).toContain('kroll: products: interrupted after 0 records committed');
    // Nothing said of the streams that never started but the summary's line, and no error at all.
    expect(stderr).not.toMatch(/^kroll: (inventory|shipments):/m);
    expect(stderr).not.toContain('error:');
    expect(stderr).toContain('Interrupted: what was committed is in');

    const [sync] = await query(db, 'SELECT status, streams FROM _kroll_syncs');
    expect(sync!.status).toBe('interrupted');
    expect((JSON.parse(String(sync!.streams)) as { stream: string; status: string }[]).map((s) => [s.stream, s.status])).toEqual([
      ['products', 'interrupted'],
      ['inventory', 'not started'],
      ['shipments', 'not started'],
    ]);
  });
});
