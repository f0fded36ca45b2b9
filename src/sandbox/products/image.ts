/**
 * Tiny product images: a valid baseline JPEG of one 8×8 block in a single colour (JFIF, three
 * components, DC-only coefficients). Written for the first few products only, so the FTP tree
 * has real files at the catalog's ImageFile paths without a million of them.
 */

// Huffman table for DC differences: ITU-T T.81 Annex K.3, Table K.3 (luminance DC).
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// AC table holding only end-of-block (symbol 0x00, code '0'): every AC coefficient is zero.
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];

/** Canonical Huffman codes, symbol -> [code, length]. */
function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let n = 0; n < (bits[len - 1] ?? 0); n++) codes.set(values[k++] as number, [code++, len]);
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }
  finish(): number[] {
    while (this.count !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

const segment = (marker: number, payload: number[]): number[] => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];

/** An 8×8 JPEG of one colour. */
export function solidJpeg(red: number, green: number, blue: number): Buffer {
  const y = 0.299 * red + 0.587 * green + 0.114 * blue;
  const cb = 128 - 0.168736 * red - 0.331264 * green + 0.5 * blue;
  const cr = 128 + 0.5 * red - 0.418688 * green - 0.081312 * blue;
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const ac = huffmanCodes(AC_BITS, AC_VALUES);
  const bits = new BitWriter();
  for (const component of [y, cb, cr]) {
    // With every quantiser 8, the quantised DC coefficient of a flat block is (value - 128).
    const v = Math.max(-128, Math.min(127, Math.round(component) - 128));
    const size = v === 0 ? 0 : 32 - Math.clz32(Math.abs(v));
    const [code, len] = dc.get(size) as [number, number];
    bits.write(code, len);
    if (size > 0) bits.write(v > 0 ? v : v + (1 << size) - 1, size);
    const [eob, eobLen] = ac.get(0) as [number, number];
    bits.write(eob, eobLen);
  }
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(8)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    ...segment(0xc4, [0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}
