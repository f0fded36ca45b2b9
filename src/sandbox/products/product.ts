/**
 * The generator's truth for one catalog row, computed from (seed, index) alone.
 *
 * A product is assembled from aspects that each draw from their own random stream (see
 * random.ts): identity (maker, category, SKU), pricing and physical values, inventory, status,
 * text and the remaining details. The inventory and status files are written from the cheap
 * aspects only, in their own order, without generating any text.
 */
import { CATEGORY_LEAVES, LEAVES_BY_DEPARTMENT, type CategoryLeaf } from './categories.js';
import { MAKERS, makerIndexFor, type Maker } from './makers.js';
import { Aspect, Rng, round, seedHash, fmix32 } from './random.js';
import { productText } from './text.js';
import { isAmbiguousNewYork } from './time.js';

export interface SandboxInventory {
  quantityAvailable: number;
  dealerCost: number;
  msrp: number;
  mapPrice: number | null;
  weight: number;
  length: number;
  width: number;
  height: number;
  /** The true instant, UTC ISO-8601 (`2026-11-30T09:12:15.000Z`); the file carries New York local time. */
  lastUpdated: string;
}

export type SandboxStatus = 'Stock' | 'Disco' | 'CLSO';

/** The generator's truth for one catalog row. */
export interface SandboxProduct {
  /** Maker code + '-' + part number, e.g. "STRE-69280"; unique. */
  sku: string;
  /** '' for the few rows with a blank ProductId (about 0.3%). */
  productId: string;
  name: string;
  shortDescription: string;
  /** HTML: <p>, <ul><li>, <br>. */
  longDescription: string;
  manufacturer: string;
  manufacturerCode: string;
  mpn: string;
  /** 12 digits as text, some with leading zeros; null when blank. */
  upc: string | null;
  category1: string | null;
  category2: string | null;
  category3: string | null;
  /** "/ProductImages/<ManufacturerCode>/<Sku>.jpg" */
  imageFile: string;
  hazardous: boolean | null;
  countryOfOrigin: string | null;
  weight: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  msrp: number | null;
  /** null = no MAP (blank cell). */
  mapPrice: number | null;
  /** null for the few SKUs missing from the inventory export (about 0.5%). */
  inventory: SandboxInventory | null;
  /** null for the few SKUs missing from the status file (about 0.5%). */
  status: SandboxStatus | null;
}

/** Largest number of products a seed can address (SKUs and ProductIds stay unique up to here). */
export const MAX_PRODUCTS = 9_000_000;

/** Rates the realism tests and docs rely on. */
export const RATES = {
  blankProductId: 0.003,
  missingInventory: 0.005,
  missingStatus: 0.005,
  disco: 0.05,
  clso: 0.03,
  blankUpc: 0.01,
  zeroQuantity: 0.12,
} as const;

/** The newest LastUpdated instant; most are spread over the 30 days before it. */
export const LAST_UPDATED_END = Date.UTC(2026, 11, 1, 0, 0, 0);
const LAST_UPDATED_WINDOW_S = 30 * 24 * 3600;
/** A few SKUs have not changed since the summer (daylight saving time in New York). */
const STALE_START = Date.UTC(2026, 5, 1, 0, 0, 0);
const STALE_WINDOW_S = 120 * 24 * 3600;

function checkIndex(seed: number, index: number): void {
  seedHash(seed); // validates the seed
  if (!Number.isInteger(index) || index < 0 || index >= MAX_PRODUCTS) {
    throw new RangeError(`product index must be an integer in [0, ${MAX_PRODUCTS}), got ${String(index)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Identity: maker, category leaf, part number, SKU.

interface PartBlock {
  start: number;
  size: number;
  base: number;
  multiplier: number;
}
// Part numbers: 5 digits for the first 90,000 products, 6 digits for the next 900,000, then 7.
// Within a block, an affine map (multiplier coprime with the size) scrambles the order, so the
// numbers look random but never repeat.
const PART_BLOCKS: readonly PartBlock[] = [
  { start: 0, size: 90_000, base: 10_000, multiplier: 48_271 },
  { start: 90_000, size: 900_000, base: 100_000, multiplier: 123_457 },
  { start: 990_000, size: 9_000_000, base: 1_000_000, multiplier: 1_234_577 },
];

function affine(j: number, multiplier: number, offset: number, size: number): number {
  // Exact: j * multiplier < 2^53 for every block here.
  return (j * multiplier + offset) % size;
}

export function partNumberAt(seed: number, index: number): number {
  const h = seedHash(seed);
  for (let b = PART_BLOCKS.length - 1; b >= 0; b--) {
    const block = PART_BLOCKS[b] as PartBlock;
    if (index >= block.start) {
      const offset = fmix32(h ^ (0x3c6ef372 + b)) % block.size;
      return block.base + affine(index - block.start, block.multiplier, offset, block.size);
    }
  }
  throw new RangeError('negative index');
}

/** (a * b) mod m without losing precision past 2^53. */
function mulMod(a: number, b: number, m: number): number {
  return Number((BigInt(a) * BigInt(b)) % BigInt(m));
}

function inverseMod(a: number, m: number): number {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

/** The index whose part number this is (the inverse of partNumberAt), or undefined. */
export function indexOfPartNumber(seed: number, partNumber: number): number | undefined {
  const h = seedHash(seed);
  for (let b = 0; b < PART_BLOCKS.length; b++) {
    const block = PART_BLOCKS[b] as PartBlock;
    if (partNumber < block.base || partNumber >= block.base + block.size) continue;
    const offset = fmix32(h ^ (0x3c6ef372 + b)) % block.size;
    const shifted = (((partNumber - block.base - offset) % block.size) + block.size) % block.size;
    const index = block.start + mulMod(shifted, inverseMod(block.multiplier, block.size), block.size);
    return index < MAX_PRODUCTS ? index : undefined;
  }
  return undefined;
}

/** The catalog index of a SKU among the first `count` products of a seed, or undefined. */
export function indexOfSku(seed: number, count: number, sku: string): number | undefined {
  const match = /^([A-Z0-9]+)-(\d{5,7})$/.exec(sku);
  if (!match) return undefined;
  const index = indexOfPartNumber(seed, Number(match[2]));
  if (index === undefined || index >= count) return undefined;
  return identityAt(seed, index).sku === sku ? index : undefined;
}

function productIdAt(seed: number, index: number): string {
  const offset = fmix32(seedHash(seed) ^ 0x7f4a7c15) % 9_000_000;
  return String(1_000_000 + affine(index, 7_654_321, offset, 9_000_000));
}

export interface ProductIdentity {
  index: number;
  maker: Maker;
  makerIndex: number;
  leaf: CategoryLeaf;
  partNumber: number;
  sku: string;
}

export function identityAt(seed: number, index: number): ProductIdentity {
  const r = Rng.of(seed, index, Aspect.identity);
  const makerIndex = makerIndexFor(r.next());
  const maker = MAKERS[makerIndex] as Maker;
  const department = r.pick(maker.departments);
  const leaves = LEAVES_BY_DEPARTMENT.get(department) ?? CATEGORY_LEAVES;
  const leaf = r.pick(leaves);
  const partNumber = partNumberAt(seed, index);
  return { index, maker, makerIndex, leaf, partNumber, sku: `${maker.code}-${partNumber}` };
}

// ---------------------------------------------------------------------------------------------
// Pricing and physical values (the catalog's, before blanks; the inventory starts from them).

export interface ProductPricing {
  msrp: number;
  mapPrice: number | null;
  weight: number;
  length: number;
  width: number;
  height: number;
}

const PRICE_ENDINGS = [0.99, 0.99, 0.99, 0.95, 0.49, 0, 0.5];

function retailPrice(r: Rng, value: number): number {
  return round(Math.max(1, Math.floor(value)) + r.pick(PRICE_ENDINGS), 2);
}

function quarterInches(r: Rng, typical: number): number {
  return Math.max(0.25, Math.round(typical * r.real(0.7, 1.3) * 4) / 4);
}

export function pricingAt(seed: number, identity: ProductIdentity): ProductPricing {
  const r = Rng.of(seed, identity.index, Aspect.pricing);
  const [lo, hi] = identity.leaf.price;
  const msrp = retailPrice(r, Math.exp(r.real(Math.log(lo), Math.log(hi))));
  let mapPrice: number | null = null;
  if (r.chance(0.55)) {
    mapPrice = Math.min(msrp, round(Math.floor(msrp * r.real(0.8, 0.95)) + 0.99, 2));
  }
  const [wlo, whi] = identity.leaf.weight;
  const weight = Math.max(0.01, round(r.real(wlo, whi), 2));
  const [l, w, h] = identity.leaf.size;
  return { msrp, mapPrice, weight, length: quarterInches(r, l), width: quarterInches(r, w), height: quarterInches(r, h) };
}

// ---------------------------------------------------------------------------------------------
// Status and inventory.

export function statusAt(seed: number, index: number): SandboxStatus | null {
  const u = Rng.of(seed, index, Aspect.status).next();
  if (u < RATES.missingStatus) return null;
  if (u < RATES.missingStatus + RATES.disco) return 'Disco';
  if (u < RATES.missingStatus + RATES.disco + RATES.clso) return 'CLSO';
  return 'Stock';
}

function lastUpdatedAt(r: Rng): string {
  let ms = r.chance(0.04)
    ? STALE_START + r.int(STALE_WINDOW_S) * 1000
    : LAST_UPDATED_END - (1 + r.int(LAST_UPDATED_WINDOW_S)) * 1000;
  // Keep off the hour repeated when daylight saving time ends: its local time names two instants.
  if (isAmbiguousNewYork(ms)) ms += 2 * 3_600_000;
  return new Date(ms).toISOString();
}

export function inventoryAt(
  seed: number,
  identity: ProductIdentity,
  pricing: ProductPricing,
  status: SandboxStatus | null,
): SandboxInventory | null {
  const r = Rng.of(seed, identity.index, Aspect.inventory);
  if (r.chance(RATES.missingInventory)) return null;
  let quantityAvailable: number;
  const zeroChance = status === 'Disco' ? 0.6 : status === 'CLSO' ? 0.3 : RATES.zeroQuantity;
  if (r.chance(zeroChance)) quantityAvailable = 0;
  else {
    const u = r.next();
    quantityAvailable = u < 0.5 ? r.between(1, 24) : u < 0.85 ? r.between(25, 250) : r.between(251, 5000);
  }
  // Most rows agree with the catalog; a few carry a newer price or a re-weighed package.
  let msrp = pricing.msrp;
  if (r.chance(0.06)) msrp = retailPrice(r, pricing.msrp * r.real(1.03, 1.12));
  let mapPrice = pricing.mapPrice;
  if (mapPrice !== null && msrp !== pricing.msrp) mapPrice = Math.min(msrp, round(Math.floor(msrp * 0.9) + 0.99, 2));
  else if (mapPrice === null && r.chance(0.03)) mapPrice = Math.min(msrp, round(Math.floor(msrp * 0.88) + 0.99, 2));
  const dealerCost = round(msrp * r.real(0.55, 0.78), 2);
  const weight = r.chance(0.03) ? Math.max(0.01, round(pricing.weight * r.real(0.9, 1.15), 2)) : pricing.weight;
  return {
    quantityAvailable,
    dealerCost,
    msrp,
    mapPrice,
    weight,
    length: pricing.length,
    width: pricing.width,
    height: pricing.height,
    lastUpdated: lastUpdatedAt(r),
  };
}

// ---------------------------------------------------------------------------------------------
// Details: ProductId, UPC, country, hazardous flag, blank catalog cells.

const COUNTRIES: readonly (readonly [string, number])[] = [
  ['USA', 40], ['China', 18], ['Taiwan', 9], ['Vietnam', 5], ['Mexico', 4], ['Germany', 3], ['Italy', 3],
  ['Israel', 3], ['Japan', 2], ['Canada', 2], ['Pakistan', 2], ['Philippines', 2], ['South Korea', 2],
  ['Czech Republic', 1], ['Türkiye', 1], ['Austria', 1], ['United Kingdom', 1], ['Brazil', 1],
];
const COUNTRY_TOTAL = COUNTRIES.reduce((s, [, w]) => s + w, 0);

function pickCountry(r: Rng): string {
  let u = r.next() * COUNTRY_TOTAL;
  for (const [name, w] of COUNTRIES) {
    if (u < w) return name;
    u -= w;
  }
  return 'USA';
}

export function upcCheckDigit(first11: string): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (first11.charCodeAt(i) - 48) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

function mpnFor(maker: Maker, partNumber: number, variant: string | null): string {
  const style = fmix32(maker.code.charCodeAt(0) * 31 + maker.code.charCodeAt(3)) % 4;
  const suffix = variant
    ? variant
        .replace(/[^A-Za-z ]/g, '')
        .split(' ')
        .filter(Boolean)
        .map((w) => w.slice(0, w.length > 3 ? 2 : w.length).toUpperCase())
        .join('')
        .slice(0, 3)
    : '';
  switch (style) {
    case 0:
      return String(partNumber);
    case 1:
      return `${maker.code.slice(0, 2)}${partNumber}${suffix ? '-' + suffix : ''}`;
    case 2:
      return `${partNumber}${suffix ? '-' + suffix : ''}`;
    default:
      return `${String(partNumber).slice(0, 2)}-${String(partNumber).slice(2)}${suffix ? suffix : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------

/** The product at `index` for `seed`, computed on its own. */
export function productAt(seed: number, index: number): SandboxProduct {
  checkIndex(seed, index);
  const identity = identityAt(seed, index);
  const { maker, leaf, sku } = identity;
  const pricing = pricingAt(seed, identity);
  const status = statusAt(seed, index);
  const inventory = inventoryAt(seed, identity, pricing, status);
  const text = productText(Rng.of(seed, index, Aspect.text), maker, leaf, pricing.msrp);

  const r = Rng.of(seed, index, Aspect.details);
  const productId = r.chance(RATES.blankProductId) ? '' : productIdAt(seed, index);
  let upc: string | null = null;
  if (!r.chance(RATES.blankUpc)) {
    const first11 = maker.upcPrefix + String(r.int(100_000)).padStart(5, '0');
    upc = first11 + String(upcCheckDigit(first11));
  }
  const countryOfOrigin = r.chance(0.03) ? null : pickCountry(r);
  const hazardous = r.chance(0.01) ? null : r.chance(leaf.hazardous);
  const [c1, c2, c3] = r.chance(0.002) ? [null, null, null] : leaf.path;
  const blankWeight = r.chance(0.015);
  const blankDims = r.chance(0.02);
  const blankMsrp = r.chance(0.005);

  return {
    sku,
    productId,
    name: text.name,
    shortDescription: text.shortDescription,
    longDescription: text.longDescription,
    manufacturer: maker.name,
    manufacturerCode: maker.code,
    mpn: mpnFor(maker, identity.partNumber, text.variant),
    upc,
    category1: c1,
    category2: c2,
    category3: c3,
    imageFile: `/ProductImages/${maker.code}/${sku}.jpg`,
    hazardous,
    countryOfOrigin,
    weight: blankWeight ? null : pricing.weight,
    length: blankDims ? null : pricing.length,
    width: blankDims ? null : pricing.width,
    height: blankDims ? null : pricing.height,
    msrp: blankMsrp ? null : pricing.msrp,
    mapPrice: blankMsrp ? null : pricing.mapPrice,
    inventory,
    status,
  };
}

/** Products 0..count-1 in catalog order. */
export function* sandboxProducts(seed: number, count: number): Generator<SandboxProduct> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_PRODUCTS) {
    throw new RangeError(`product count must be an integer in [0, ${MAX_PRODUCTS}], got ${String(count)}`);
  }
  for (let i = 0; i < count; i++) yield productAt(seed, i);
}
