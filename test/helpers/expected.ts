/**
 * What the source must emit for the sandbox's products, derived from the generator's truth
 * (SandboxProduct), not from the connector's parser: the mapping rules below are the README's.
 */
import type { InventoryRecord, ProductsRecord } from '../../src/generated/records.js';
import { sandboxProducts, type SandboxProduct } from '../../src/sandbox/products/index.js';

const text = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value.trim());

export function expectedProduct(p: SandboxProduct, feedModifiedAt: string): ProductsRecord | undefined {
  if (p.productId.trim() === '') return undefined;
  const inv = p.inventory;
  return {
    sku: p.sku,
    product_id: p.productId,
    name: text(p.name),
    short_description: text(p.shortDescription),
    long_description: text(p.longDescription),
    manufacturer: text(p.manufacturer),
    manufacturer_code: text(p.manufacturerCode),
    mpn: text(p.mpn),
    upc: text(p.upc),
    category_1: text(p.category1),
    category_2: text(p.category2),
    category_3: text(p.category3),
    image_path: text(p.imageFile),
    hazardous: p.hazardous,
    country_of_origin: text(p.countryOfOrigin),
    weight: inv?.weight ?? p.weight,
    length: inv?.length ?? p.length,
    width: inv?.width ?? p.width,
    height: inv?.height ?? p.height,
    msrp: inv?.msrp ?? p.msrp,
    map_price: inv?.mapPrice ?? p.mapPrice,
    dealer_cost: inv?.dealerCost ?? null,
    quantity_available: inv?.quantityAvailable ?? null,
    status: p.status,
    is_active: p.status === null ? null : p.status !== 'Disco',
    last_updated: inv?.lastUpdated ?? null,
    feed_modified_at: feedModifiedAt,
    extra_columns: null,
  };
}

export function expectedInventory(p: SandboxProduct): InventoryRecord | undefined {
  const inv = p.inventory;
  if (!inv) return undefined;
  return {
    sku: p.sku,
    quantity_available: inv.quantityAvailable,
    dealer_cost: inv.dealerCost,
    msrp: inv.msrp,
    map_price: inv.mapPrice,
    weight: inv.weight,
    length: inv.length,
    width: inv.width,
    height: inv.height,
    last_updated: inv.lastUpdated,
    extra_columns: null,
  };
}

export function truth(seed: number, count: number): SandboxProduct[] {
  return [...sandboxProducts(seed, count)];
}

export function bySku<T extends object>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [String((r as { sku?: unknown }).sku), r]));
}
