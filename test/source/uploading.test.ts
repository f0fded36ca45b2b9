/** A product file caught while Kroll is still uploading it (the sandbox's uploading-reads fault). */
import { afterEach, describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { bySku, expectedProduct, truth } from '../helpers/expected.js';
import { errorsOf, logsOf, recordsOf, statusesOf } from '../helpers/protocol.js';
import { runInProcess } from '../helpers/run.js';
import { feedModifiedAt, readFiles, sandbox, type Sandbox } from '../helpers/sandbox.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('a file whose size changes while it is read', () => {
  it('is read again until it is complete, and only then parsed', async () => {
    box = await sandbox({ products: 200, seed: 3, uploadingReads: 2 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }], { config: { file_change_retries: 3 } }));
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    const feed = feedModifiedAt(box.dataDir);
    const expected = truth(3, 200).map((p) => expectedProduct(p, feed)).filter((r) => r !== undefined);
    expect(bySku(recordsOf(messages, 'products'))).toEqual(bySku(expected));
    const retries = logsOf(messages, 'WARN').filter((m) => m.includes('Reading it again'));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries[0]).toMatch(/^\/ProductData\/\S+: its size changed while it was read/);
  });

  it('fails the stream as a transient error when it never settles, having emitted nothing', async () => {
    box = await sandbox({ products: 200, seed: 3, uploadingReads: 10 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }], { config: { file_change_retries: 2 } }));
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'INCOMPLETE']);
    const [error] = errorsOf(messages);
    expect(error).toMatchObject({ failure_type: 'transient_error', stream_descriptor: { name: 'products' } });
    expect(error!.message).toMatch(/is not complete: its (size|modification time) changed while it was read.*on each of 3 reads/);
  });
});
