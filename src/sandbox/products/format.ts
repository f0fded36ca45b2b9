/**
 * The three product files' layout: headers and one line per row. Tab-delimited, no quoting,
 * CRLF, blank cell = null, plain decimal numbers, Hazardous Y/N, LastUpdated in New York local
 * time. Lines are JavaScript strings here; files.ts encodes them as Windows-1252.
 */
import type { SandboxInventory, SandboxProduct, SandboxStatus } from './product.js';
import { formatNewYorkLocal } from './time.js';

export const CATALOG_COLUMNS = [
  'Sku', 'ProductId', 'ProductName', 'ShortDescription', 'LongDescription', 'ManufacturerName',
  'ManufacturerCode', 'ManufacturerPartNumber', 'UPC', 'Category1', 'Category2', 'Category3',
  'ImageFile', 'Hazardous', 'CountryOfOrigin', 'Weight', 'Length', 'Width', 'Height', 'MSRP', 'MAPPrice',
] as const;
export const INVENTORY_COLUMNS = [
  'Sku', 'QuantityAvailable', 'DealerCost', 'MSRP', 'MAPPrice', 'Weight', 'Length', 'Width', 'Height', 'LastUpdated',
] as const;
export const STATUS_COLUMNS = ['Sku', 'Status'] as const;

export const EOL = '\r\n';
export const CATALOG_HEADER = CATALOG_COLUMNS.join('\t') + EOL;
export const INVENTORY_HEADER = INVENTORY_COLUMNS.join('\t') + EOL;
export const STATUS_HEADER = STATUS_COLUMNS.join('\t') + EOL;

/** Plain decimal (129.99, 0.75, 12); '' for null. */
export function formatNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

const text = (value: string | null): string => value ?? '';

export function catalogLine(p: SandboxProduct): string {
  return (
    p.sku + '\t' + p.productId + '\t' + p.name + '\t' + p.shortDescription + '\t' + p.longDescription + '\t' +
    p.manufacturer + '\t' + p.manufacturerCode + '\t' + p.mpn + '\t' + text(p.upc) + '\t' +
    text(p.category1) + '\t' + text(p.category2) + '\t' + text(p.category3) + '\t' + p.imageFile + '\t' +
    (p.hazardous === null ? '' : p.hazardous ? 'Y' : 'N') + '\t' + text(p.countryOfOrigin) + '\t' +
    formatNumber(p.weight) + '\t' + formatNumber(p.length) + '\t' + formatNumber(p.width) + '\t' +
    formatNumber(p.height) + '\t' + formatNumber(p.msrp) + '\t' + formatNumber(p.mapPrice) + EOL
  );
}

/** `lastUpdatedMs` is `inv.lastUpdated` as a number, when the caller has it. */
export function inventoryLine(sku: string, inv: SandboxInventory, lastUpdatedMs = Date.parse(inv.lastUpdated)): string {
  return (
    sku + '\t' + inv.quantityAvailable + '\t' + formatNumber(inv.dealerCost) + '\t' + formatNumber(inv.msrp) + '\t' +
    formatNumber(inv.mapPrice) + '\t' + formatNumber(inv.weight) + '\t' + formatNumber(inv.length) + '\t' +
    formatNumber(inv.width) + '\t' + formatNumber(inv.height) + '\t' +
    formatNewYorkLocal(lastUpdatedMs) + EOL
  );
}

export function statusLine(sku: string, status: SandboxStatus): string {
  return sku + '\t' + status + EOL;
}
