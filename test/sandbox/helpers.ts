/** Helpers for the sandbox suites, independent of the code under test. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Client } from 'basic-ftp';

// Windows-1252 bytes 0x80..0x9F (undefined ones as -1); every other byte is its own code point.
// Written out here rather than using TextDecoder: Node 20's TextDecoder('windows-1252') decodes
// these bytes as ISO-8859-1 control characters.
const HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0x9f) {
      const cp = HIGH[b - 0x80] as number;
      if (cp < 0) throw new Error(`byte 0x${b.toString(16)} is undefined in Windows-1252`);
      chunk.push(cp);
    } else chunk.push(b);
    if (chunk.length >= 8192) out += String.fromCharCode(...chunk.splice(0));
  }
  return out + String.fromCharCode(...chunk);
}

/** Data rows split into cells; asserts CRLF line ends by splitting on them only. */
export function parseTsv(text: string): { header: string[]; rows: string[][] } {
  if (!text.endsWith('\r\n')) throw new Error('file does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  const [head, ...rest] = lines;
  return { header: (head ?? '').split('\t'), rows: rest.map((l) => l.split('\t')) };
}

/** New York local time of an instant, `YYYY-MM-DD HH:MM:SS`, straight from Intl. */
export function newYorkLocal(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Blank cell = null, else the number. */
export const num = (cell: string | undefined): number | null => (cell === undefined || cell === '' ? null : Number(cell));
export const str = (cell: string | undefined): string | null => (cell === undefined || cell === '' ? null : cell);

export async function download(client: Client, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await client.downloadTo(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
    path,
  );
  return Buffer.concat(chunks);
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kroll-sandbox-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
