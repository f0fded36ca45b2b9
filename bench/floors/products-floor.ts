/**
 * The floor of the products benchmark: the least work that turns the catalog's bytes into RECORD
 * lines. It downloads the catalog over FTP from the same sandbox and, as the bytes arrive (no
 * copy on disk, no proof of completeness), decodes Windows-1252, splits lines and fields, writes
 * one JSON object per row keyed by the header names (every value a string: no join, no typing,
 * no checks), and writes to stdout in batches with back-pressure, as the connector does.
 *
 * Each step is the fastest correct way we measured (bench/README.md): Latin-1 decoding with the
 * 27 Windows-1252 characters of 0x80-0x9F put back, string splits, a row serialized as the
 * header's keys around JSON.stringify of each value, and each line encoded into the output buffer
 * as it comes (as the connector's MessageWriter does: cheaper than joining lines into one string).
 * The connector is measured against this.
 *
 * Usage: node dist/bench/floors/products-floor.js --config source-config.json
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Client } from 'basic-ftp';

const FLUSH_BYTES = 256 * 1024;
const DEFAULT_CATALOG = '/ProductData/Kroll_Complete_Catalog.txt';

// Windows-1252 0x80-0x9F; the five bytes it leaves undefined stay as their Latin-1 code points.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\x80-\x9f]/g;
const toCp1252 = (c: string): string => CP1252_HIGH[c.charCodeAt(0) - 0x80]!;

interface Config {
  ftp_host: string;
  ftp_port: number;
  ftp_username: string;
  ftp_password: string;
  catalog_file_path?: string;
}

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const config = JSON.parse(readFileSync(values.config!, 'utf8')) as Config;

const prefix = '{"type":"RECORD","record":{"stream":"products","data":';
let keys: string[] | undefined;
let carry = '';
let buffer = Buffer.allocUnsafeSlow(FLUSH_BYTES);
let used = 0;
let rows = 0;

function row(line: string, emittedAt: string): void {
  if (line === '') return;
  const fields = line.split('\t');
  if (keys === undefined) {
    keys = fields.map((name, i) => `${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
    return;
  }
  let json = prefix;
  for (let i = 0; i < keys.length; i++) json += keys[i]! + JSON.stringify(fields[i] ?? '');
  json += emittedAt;
  // A UTF-16 code unit is at most 3 bytes of UTF-8; no row of the catalog is near the buffer's size.
  if (used + json.length * 3 > buffer.length) flushNow();
  used += buffer.write(json, used, 'utf8');
  rows++;
}

function lines(text: string): void {
  const emittedAt = `},"emitted_at":${Date.now()}}}\n`;
  const parts = (carry + text).split('\r\n');
  carry = parts.pop()!;
  for (const line of parts) row(line, emittedAt);
}

/** Writes the buffer; true when stdout can take more at once. */
function flushNow(): boolean {
  const chunk = buffer.subarray(0, used);
  buffer = Buffer.allocUnsafeSlow(FLUSH_BYTES);
  used = 0;
  return process.stdout.write(chunk);
}

/** Writes the buffer; calls `done` once stdout can take more. */
function flush(done: () => void): void {
  if (flushNow()) done();
  else process.stdout.once('drain', done);
}

const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines(chunk.toString('latin1').replace(C1, toCp1252));
    if (used >= FLUSH_BYTES / 2) flush(() => callback());
    else callback();
  },
  final(callback) {
    lines('\r\n');
    flush(() => callback());
  },
});

const client = new Client();
try {
  await client.access({ host: config.ftp_host, port: config.ftp_port, user: config.ftp_username, password: config.ftp_password });
  await client.downloadTo(sink, config.catalog_file_path ?? DEFAULT_CATALOG);
} finally {
  client.close();
}
process.stderr.write(`products-floor: ${rows} rows\n`);
