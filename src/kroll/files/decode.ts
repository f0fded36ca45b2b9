/**
 * Bytes of a product file to text. Kroll writes Windows-1252 in practice and sometimes UTF-8 with
 * or without a byte-order mark. `auto` decides at the first non-ASCII byte, which is exact and
 * streaming: every byte before it is ASCII and reads the same in either encoding.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { KrollDataError } from '../../protocol/errors.js';

export type FileEncoding = 'auto' | 'windows-1252' | 'utf-8' | 'iso-8859-1';

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

// Node's TextDecoder('windows-1252') decodes as Latin-1 (0x80-0x9F become control characters, so
// € and ™ are lost). Windows-1252 is Latin-1 but for those 32 bytes, so a chunk is decoded by the
// engine's native Latin-1 path and only the characters of 0x80-0x9F are then replaced, with
// iconv-lite's table for them: the same text as iconv-lite's decoder, in about half the time
// (measured on the sandbox catalog; see bench/README.md).
const CP1252_C1 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');
const C1_CHARACTER = /[\x80-\x9f]/g;
const toCp1252 = (c: string): string => CP1252_C1[c.charCodeAt(0) - 0x80]!;

function decoderFor(encoding: Exclude<FileEncoding, 'auto'>): ChunkDecoder {
  if (encoding === 'windows-1252') {
    return { write: (chunk) => chunk.toString('latin1').replace(C1_CHARACTER, toCp1252), end: () => '' };
  }
  const decoder = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'latin1');
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What a file that is no such text file is told, after what it is. */
const READS = 'the connector reads Windows-1252 and UTF-8 text files. Ask Kroll for the file again, in one of them.';

/** The longest prefix of `chunk` that does not end inside a UTF-8 sequence. */
function completeUtf8Prefix(chunk: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (byte < 0x80) return chunk;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < length ? chunk.subarray(0, chunk.length - back) : chunk;
  }
  return chunk;
}

/** Whether bytes hold a well-formed UTF-8 sequence of two or more bytes. */
function hasUtf8Sequence(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i]!;
    if (b < 0xc2 || b > 0xf4) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    let ok = i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) return true;
  }
  return false;
}

export class FileDecoder {
  private decoder: ChunkDecoder | undefined;
  private first = true;
  private warned = false;
  /** The encoding in use once known; undefined while everything read so far is ASCII. */
  encoding: Exclude<FileEncoding, 'auto'> | undefined;

  constructor(
    private readonly configured: FileEncoding,
    private readonly file: string,
    /** Told once when the text looks mis-decoded (mixed encodings, invalid UTF-8). */
    private readonly onWarning: (message: string) => void = () => {},
  ) {
    if (configured !== 'auto') this.use(configured);
  }

  private use(encoding: Exclude<FileEncoding, 'auto'>): void {
    this.encoding = encoding;
    this.decoder = decoderFor(encoding);
  }

  write(chunk: Buffer): string {
    if (this.first) {
      this.first = false;
      chunk = this.takeByteOrderMark(chunk);
      this.refuseBinary(chunk);
    }
    if (this.decoder) return this.checked(this.decoder.write(chunk));
    if (isAscii(chunk)) return chunk.toString('latin1');
    const firstHigh = chunk.findIndex((byte) => byte >= 0x80);
    const rest = chunk.subarray(firstHigh);
    this.use(isUtf8(completeUtf8Prefix(rest)) ? 'utf-8' : 'windows-1252');
    if (this.encoding === 'windows-1252' && hasUtf8Sequence(rest)) {
      this.warn(
        `${this.file} mixes UTF-8 and Windows-1252 text; it is read as Windows-1252, so its UTF-8 characters come out wrong ` +
          `(™ as â„¢). Ask Kroll for a clean file, or set file_encoding.`,
      );
    }
    return chunk.toString('latin1', 0, firstHigh) + this.checked(this.decoder!.write(rest));
  }

  /** Invalid UTF-8 decodes to U+FFFD: say so once, since a name with � is a silent loss. */
  private checked(text: string): string {
    if (this.encoding === 'utf-8' && !this.warned && text.includes('\uFFFD')) {
      this.warn(`${this.file} has bytes that are not UTF-8; they read as \uFFFD. If the file is Windows-1252, set file_encoding to windows-1252 (or auto).`);
    }
    return text;
  }

  private warn(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.onWarning(message);
  }

  end(): string {
    return this.decoder?.end() ?? '';
  }

  /**
   * No text file of Kroll's holds a NUL byte: one in the first bytes means another kind of file
   * (or UTF-16 without a byte-order mark), which read as text would only be a header without
   * the columns. As git and grep tell binary files, by the first bytes only: a stray NUL later in
   * a large file stays a character of its row.
   */
  private refuseBinary(head: Buffer): void {
    const nul = head.indexOf(0);
    if (nul < 0) return;
    const utf16 = head.length >= 4 && ((head[1] === 0 && head[3] === 0 && head[0] !== 0) || (head[0] === 0 && head[2] === 0 && head[1] !== 0));
    throw new KrollDataError(
      utf16
        ? `${this.file} looks UTF-16 encoded (without a byte-order mark: every other byte is NUL); ${READS}`
        : `${this.file} is not a text file: it has a NUL byte at byte ${nul + 1}, which no product file has; ${READS}`,
    );
  }

  private takeByteOrderMark(chunk: Buffer): Buffer {
    if (chunk.length >= 3 && chunk.subarray(0, 3).equals(UTF8_BOM)) {
      // A byte-order mark is proof of UTF-8, whatever the config says.
      this.use('utf-8');
      return chunk.subarray(3);
    }
    if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new KrollDataError(`${this.file} is UTF-16 encoded; ${READS}`);
    }
    return chunk;
  }
}
