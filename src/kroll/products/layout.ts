/**
 * [assumed] The layout of Kroll's three product files: which header names hold which field, of
 * which type, and which columns a file cannot do without. Kroll publishes no specification; this
 * is our best design (see kroll-contract.md, section 2), and the one place to change when a real
 * file sample disagrees. Users can rename columns in the config without a release.
 */
export type ColumnKind = 'text' | 'number' | 'integer' | 'boolean' | 'datetime' | 'status';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Without it the file cannot be used: a config error naming the file and column. */
  required?: boolean;
}

export const STOCK_STATUSES = ['Stock', 'Disco', 'CLSO'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

export const CATALOG_COLUMNS = {
  sku: { header: 'Sku', kind: 'text', required: true },
  productId: { header: 'ProductId', kind: 'text', required: true },
  name: { header: 'ProductName', kind: 'text', required: true },
  shortDescription: { header: 'ShortDescription', kind: 'text' },
  longDescription: { header: 'LongDescription', kind: 'text' },
  manufacturer: { header: 'ManufacturerName', kind: 'text' },
  manufacturerCode: { header: 'ManufacturerCode', kind: 'text' },
  mpn: { header: 'ManufacturerPartNumber', kind: 'text' },
  upc: { header: 'UPC', kind: 'text' },
  category1: { header: 'Category1', kind: 'text' },
  category2: { header: 'Category2', kind: 'text' },
  category3: { header: 'Category3', kind: 'text' },
  imageFile: { header: 'ImageFile', kind: 'text' },
  hazardous: { header: 'Hazardous', kind: 'boolean' },
  countryOfOrigin: { header: 'CountryOfOrigin', kind: 'text' },
  weight: { header: 'Weight', kind: 'number' },
  length: { header: 'Length', kind: 'number' },
  width: { header: 'Width', kind: 'number' },
  height: { header: 'Height', kind: 'number' },
  msrp: { header: 'MSRP', kind: 'number' },
  mapPrice: { header: 'MAPPrice', kind: 'number' },
} as const satisfies Record<string, ColumnSpec>;

export const INVENTORY_COLUMNS = {
  sku: { header: 'Sku', kind: 'text', required: true },
  quantityAvailable: { header: 'QuantityAvailable', kind: 'integer', required: true },
  dealerCost: { header: 'DealerCost', kind: 'number' },
  msrp: { header: 'MSRP', kind: 'number' },
  mapPrice: { header: 'MAPPrice', kind: 'number' },
  weight: { header: 'Weight', kind: 'number' },
  length: { header: 'Length', kind: 'number' },
  width: { header: 'Width', kind: 'number' },
  height: { header: 'Height', kind: 'number' },
  lastUpdated: { header: 'LastUpdated', kind: 'datetime' },
} as const satisfies Record<string, ColumnSpec>;

export const STATUS_COLUMNS = {
  sku: { header: 'Sku', kind: 'text', required: true },
  status: { header: 'Status', kind: 'status', required: true },
} as const satisfies Record<string, ColumnSpec>;

export type Columns = Record<string, ColumnSpec>;

/** The three product files, each with its layout. */
export const PRODUCT_FILE_LAYOUTS = { catalog: CATALOG_COLUMNS, inventory: INVENTORY_COLUMNS, status: STATUS_COLUMNS } as const;
export type ProductFileKind = keyof typeof PRODUCT_FILE_LAYOUTS;

/** [assumed] Where the catalog's images live: `/ProductImages/<ManufacturerCode>/<Sku>.jpg`. */
export const IMAGE_FOLDER = '/ProductImages/';

interface KindValue {
  text: string | null;
  number: number | null;
  integer: number | null;
  boolean: boolean | null;
  /** UTC ISO-8601. */
  datetime: string | null;
  status: StockStatus | null;
}

/** The typed row a layout yields, with the file's line and the columns it does not know. */
export type ItemOf<C extends Columns> = { [K in keyof C]: KindValue[C[K]['kind']] } & {
  line: number;
  extra: Record<string, string> | null;
};

export type CatalogItem = ItemOf<typeof CATALOG_COLUMNS>;
export type InventoryItem = ItemOf<typeof INVENTORY_COLUMNS>;
export type StatusItem = ItemOf<typeof STATUS_COLUMNS>;
