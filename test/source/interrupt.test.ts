/** A read stopped by the platform, and a connection that drops: nothing left behind, nothing lost. */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceProgram } from '../../src/source/program.js';
import { bySku, expectedProduct, truth } from '../helpers/expected.js';
import { errorsOf, logsOf, parseMessages, recordsOf, statusesOf } from '../helpers/protocol.js';
import { BIN, configuredCatalog, jsonFiles, runInProcess } from '../helpers/run.js';
import { feedModifiedAt, readFiles, sandbox, sourceConfig, type Sandbox } from '../helpers/sandbox.js';
import { testFolder } from '../helpers/temp.js';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('SIGTERM during read', () => {
  it.each([
    ['SIGTERM', 1],
    ['SIGTERM', 2],
    ['SIGINT', 2],
  ] as const)('%s (join_threads %i): the stream ends INCOMPLETE with a transient error, its files are removed, exit 128+n', async (signal, threads) => {
    box = await sandbox({ products: 20_000, seed: 5 });
    const temp = testFolder('kroll-tmp-');
    const files = jsonFiles({ config: sourceConfig(box, { checkpoint_interval_records: 500, join_threads: threads }), catalog: configuredCatalog([{ name: 'products' }]) });
    const child = spawn(process.execPath, [BIN('source-kroll'), 'read', '--config', files.config!, '--catalog', files.catalog!], {
      env: { ...process.env, TMPDIR: temp },
    });
    let stdout = '';
    let signalled = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      if (!signalled && line.includes('"type":"RECORD"')) {
        signalled = true;
        child.kill(signal);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const messages = parseMessages(stdout);
    expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(statusesOf(messages, 'products')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    expect(errorsOf(messages)).toEqual([expect.objectContaining({ failure_type: 'transient_error', message: `Stopped by ${signal} before it finished.` })]);
    expect(recordsOf(messages, 'products').length).toBeLessThan(20_000);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('a second signal during read', () => {
  it('exits at once, and still removes the temporary download folder', async () => {
    // Each file looks mid-upload on its first download: the read waits ten minutes before the next,
    // far past the test's timeout, so the read ending at all proves the signals stopped the wait.
    box = await sandbox({ products: 300, seed: 5, uploadingReads: 1 });
    const temp = testFolder('kroll-tmp-');
    const config = sourceConfig(box, { file_change_retries: 1, file_change_retry_delay_seconds: 600 });
    const files = jsonFiles({ config, catalog: configuredCatalog([{ name: 'products' }]) });
    const child = spawn(process.execPath, [BIN('source-kroll'), 'read', '--config', files.config!, '--catalog', files.catalog!], {
      env: { ...process.env, TMPDIR: temp },
    });
    let waiting = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (waiting || !line.includes('Reading it again in 600 s')) return;
      waiting = true;
      expect(readdirSync(temp)).toEqual([expect.stringMatching(/^kroll-feed-/)]);
      // What a terminal's Ctrl-C and a runner's SIGTERM after it did, before the runner sent one signal only.
      child.kill('SIGINT');
      child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(waiting).toBe(true);
    // 143: the SIGTERM came while the SIGINT's clean stop was under way and exited at once; 130: the
    // clean stop was done first (the two signals are two system calls, and a loaded machine may run
    // the connector between them). Either way the download folder is gone.
    expect([130, 143]).toContain(code);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('an FTP server that cannot be reached', () => {
  it('fails each stream after one more try, naming ftp_host and ftp_port, not after the back-off of a dropped session', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    box = await sandbox({ products: 10 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }, { name: 'inventory' }], { config: { ftp_port: port } }));
    expect(code).toBe(1);
    const refused = `The FTP server 127.0.0.1:${port} refused the connection: nothing listens there. Check ftp_host and ftp_port, or try again later.`;
    expect(logsOf(messages, 'WARN')).toEqual([`${refused} Trying once more in 0.1 s.`, `${refused} Trying once more in 0.1 s.`]);
    expect(errorsOf(messages).map((e) => [e.stream_descriptor?.name, e.failure_type, e.message])).toEqual([
      ['products', 'transient_error', refused],
      ['inventory', 'transient_error', refused],
    ]);
  });
});

describe('a connection that drops mid-download', () => {
  it('is opened again and the file fetched again: the same records as a clean read', async () => {
    box = await sandbox({ products: 300, seed: 9, ftpDropReads: 1 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }]));
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    const feed = feedModifiedAt(box.dataDir);
    expect(bySku(recordsOf(messages, 'products'))).toEqual(bySku(truth(9, 300).map((p) => expectedProduct(p, feed)).filter((r) => r !== undefined)));
    const reconnects = logsOf(messages, 'WARN').filter((m) => m.includes('Connecting again'));
    expect(reconnects.length).toBe(3); // each of the three files dropped once
  });

  it('retries each file as often as file_change_retries says, whatever the files before it took', async () => {
    // Every file drops twice: six reconnects in all, with two retries allowed.
    box = await sandbox({ products: 300, seed: 9, ftpDropReads: 2 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }], { config: { file_change_retries: 2 } }));
    expect(errorsOf(messages)).toEqual([]);
    expect(code).toBe(0);
    expect(recordsOf(messages, 'products')).toHaveLength(truth(9, 300).filter((p) => p.productId !== '').length);
    const reconnects = logsOf(messages, 'WARN').filter((m) => m.includes('Connecting again'));
    const files = ['/ProductData/Kroll_Stock_Disco_CLSO.txt', '/ProductData/KrollDealerInventoryExportRev2.txt', '/ProductData/Kroll_Complete_Catalog.txt'];
    expect(reconnects.map((m) => /\(retry \d of 2 for \S+\)\.$/.exec(m)?.[0])).toEqual(
      files.flatMap((file) => [`(retry 1 of 2 for ${file}).`, `(retry 2 of 2 for ${file}).`]),
    );
  });

  it('fails the stream as a transient error when it keeps dropping', async () => {
    box = await sandbox({ products: 300, seed: 9, ftpDropReads: 5 });
    const { code, messages } = await runInProcess(sourceProgram, readFiles(box, [{ name: 'products' }], { config: { file_change_retries: 1 } }));
    expect(code).toBe(1);
    expect(recordsOf(messages, 'products')).toEqual([]);
    expect(errorsOf(messages)[0]).toMatchObject({ failure_type: 'transient_error' });
  });
});
