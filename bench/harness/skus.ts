/**
 * SKUs the sandbox will fill an order for, read as a user would: the status file and the
 * inventory export downloaded over its FTP server (not through the connector under test), and
 * every SKU in status Stock with enough on hand kept.
 */
import { Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import type { Sandbox } from './sandbox.js';

const STATUS_FILE = '/ProductData/Kroll_Stock_Disco_CLSO.txt';
const INVENTORY_FILE = '/ProductData/KrollDealerInventoryExportRev2.txt';

async function download(client: Client, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  await client.downloadTo(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
    path,
  );
  return Buffer.concat(chunks).toString('latin1');
}

/** Rows of a tab-delimited file by its header's names. */
function rows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line !== '');
  const names = header!.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [names[i], value])));
}

/** SKUs in status Stock with at least `minimum` available. */
export async function inStockSkus(sandbox: Sandbox, minimum: number): Promise<string[]> {
  const { host, port, username, password } = sandbox.info.ftp;
  const client = new Client();
  try {
    await client.access({ host, port, user: username, password });
    const status = new Map(rows(await download(client, STATUS_FILE)).map((r) => [r.Sku, r.Status]));
    return rows(await download(client, INVENTORY_FILE))
      .filter((r) => status.get(r.Sku!) === 'Stock' && Number(r.QuantityAvailable) >= minimum)
      .map((r) => r.Sku!);
  } finally {
    client.close();
  }
}
