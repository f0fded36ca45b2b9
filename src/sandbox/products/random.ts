/**
 * Hash-based randomness for the product generator.
 *
 * Every product is generated from its own small PRNG whose 32-bit state is a hash of
 * (seed, product index, aspect), so product i can be computed without generating products
 * 0..i-1, and each aspect of a product (identity, prices, inventory, status, text) can be
 * computed on its own: the inventory file is written without generating any descriptions.
 */

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

let cachedSeed = NaN;
let cachedSeedHash = 0;

/** A 32-bit hash of any safe-integer seed (both halves of it count). */
export function seedHash(seed: number): number {
  if (seed === cachedSeed) return cachedSeedHash;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  const big = BigInt(seed);
  const lo = Number(BigInt.asUintN(32, big));
  const hi = Number(BigInt.asUintN(32, big >> 32n));
  cachedSeedHash = fmix32(fmix32(lo ^ 0x5bd1e995) ^ Math.imul(hi ^ 0x1b873593, 0x27d4eb2d));
  cachedSeed = seed;
  return cachedSeedHash;
}

/** The aspects of a product, each drawn from its own stream. */
export const Aspect = {
  identity: 1,
  pricing: 2,
  inventory: 3,
  status: 4,
  text: 5,
  details: 6,
  // The dealer API's orders, shipments and invoices (src/sandbox/orders/).
  order: 7,
  shipment: 8,
  invoice: 9,
} as const;
export type Aspect = (typeof Aspect)[keyof typeof Aspect];

/** The 32-bit key of one aspect of one product. */
export function streamKey(seed: number, index: number, aspect: Aspect): number {
  let h = seedHash(seed);
  h = fmix32((h ^ Math.imul(aspect, 0x9e3779b9)) >>> 0);
  h = fmix32((h + Math.imul(index, 0x632be5ab)) >>> 0);
  return h;
}

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;

  constructor(key: number) {
    this.state = key | 0;
  }

  static of(seed: number, index: number, aspect: Aspect): Rng {
    return new Rng(streamKey(seed, index, aspect));
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A float in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** k distinct items (k clipped to the list length), in list order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const out: T[] = [];
    let need = Math.min(k, n);
    for (let i = 0; i < n && need > 0; i++) {
      if (this.next() * (n - i) < need) {
        out.push(items[i] as T);
        need--;
      }
    }
    return out;
  }
}

/** Round to cents (or any number of decimals) without float noise in String(). */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
