/**
 * The product files' columns as the config sees them: each column of Kroll's layout feeds a
 * record field, and `catalog_columns`, `inventory_columns` and `status_columns` give a field's
 * column another header name, keyed by that record field. A renamed column is a one-line config
 * change, not a release.
 */
import type { SourceConfig } from '../generated/configs.js';
import type { InventoryRecord, ProductsRecord } from '../generated/records.js';
import type { ColumnNaming } from '../kroll/products/columns.js';
import type { ProductFileOptions } from '../kroll/products/files.js';
import { normalizeColumnName } from '../kroll/files/table.js';
import { PRODUCT_FILE_LAYOUTS, type ProductFileKind } from '../kroll/products/layout.js';
import { didYouMean } from '../protocol/config.js';
import { ConfigError } from '../protocol/errors.js';

type Layout<K extends ProductFileKind> = (typeof PRODUCT_FILE_LAYOUTS)[K];
type MappingKeys<S extends keyof SourceConfig> = keyof NonNullable<SourceConfig[S]>;

/**
 * The record field each column feeds, per file. The types make every layout column name a field
 * of its stream's record and a key the spec declares for its mapping setting.
 */
export const RECORD_FIELDS = {
  catalog: {
    sku: 'sku',
    productId: 'product_id',
    name: 'name',
    shortDescription: 'short_description',
    longDescription: 'long_description',
    manufacturer: 'manufacturer',
    manufacturerCode: 'manufacturer_code',
    mpn: 'mpn',
    upc: 'upc',
    category1: 'category_1',
    category2: 'category_2',
    category3: 'category_3',
    imageFile: 'image_path',
    hazardous: 'hazardous',
    countryOfOrigin: 'country_of_origin',
    weight: 'weight',
    length: 'length',
    width: 'width',
    height: 'height',
    msrp: 'msrp',
    mapPrice: 'map_price',
  } satisfies Record<keyof Layout<'catalog'>, keyof ProductsRecord & MappingKeys<'catalog_columns'>>,
  inventory: {
    sku: 'sku',
    quantityAvailable: 'quantity_available',
    dealerCost: 'dealer_cost',
    msrp: 'msrp',
    mapPrice: 'map_price',
    weight: 'weight',
    length: 'length',
    width: 'width',
    height: 'height',
    lastUpdated: 'last_updated',
  } satisfies Record<keyof Layout<'inventory'>, keyof InventoryRecord & MappingKeys<'inventory_columns'>>,
  status: {
    sku: 'sku',
    status: 'status',
  } satisfies Record<keyof Layout<'status'>, keyof ProductsRecord & MappingKeys<'status_columns'>>,
} as const;

/** The config setting that holds each file's path, and what the file is called in messages. */
export const PATH_SETTINGS = { catalog: 'catalog_file_path', inventory: 'inventory_file_path', status: 'status_file_path' } as const satisfies Record<
  ProductFileKind,
  keyof SourceConfig
>;
export const FILE_TITLES: Record<ProductFileKind, string> = { catalog: 'catalog', inventory: 'inventory export', status: 'status file' };

/** The config setting that renames each file's columns. */
export const COLUMN_SETTINGS = { catalog: 'catalog_columns', inventory: 'inventory_columns', status: 'status_columns' } as const satisfies Record<
  ProductFileKind,
  keyof SourceConfig
>;

export const PRODUCT_FILE_KINDS = Object.keys(PRODUCT_FILE_LAYOUTS) as ProductFileKind[];

/** The record field a layout column feeds. */
export function recordFieldOf(kind: ProductFileKind, key: string): string {
  return (RECORD_FIELDS[kind] as Record<string, string>)[key] ?? key;
}

/** The config's mapping of one file: record field -> header name, as written. */
function mappingOf(config: SourceConfig, kind: ProductFileKind): Record<string, unknown> {
  return (config[COLUMN_SETTINGS[kind]] ?? {}) as Record<string, unknown>;
}

/** The config line that reads `fields` from other columns, as a user would write it. */
export function mappingExample(kind: ProductFileKind, fields: Record<string, string>): string {
  const pairs = Object.entries(fields).map(([field, header]) => `${JSON.stringify(field)}: ${JSON.stringify(header)}`);
  return `"${COLUMN_SETTINGS[kind]}": {${pairs.join(', ')}}`;
}

/** The mappings the config sets, each as the config line that sets it. */
export function mappingsSet(config: SourceConfig): string[] {
  return PRODUCT_FILE_KINDS.flatMap((kind) => {
    const mapping = mappingOf(config, kind) as Record<string, string>;
    return Object.keys(mapping).length > 0 ? [mappingExample(kind, mapping)] : [];
  });
}

function naming<K extends ProductFileKind>(config: SourceConfig, kind: K): ColumnNaming<Layout<K>> {
  const mapping = mappingOf(config, kind);
  const overrides: Record<string, string> = {};
  for (const [key, field] of Object.entries(RECORD_FIELDS[kind])) {
    const header = mapping[field];
    if (typeof header === 'string') overrides[key] = header;
  }
  return {
    overrides: overrides as ColumnNaming<Layout<K>>['overrides'],
    renameHint: (keys) =>
      `If Kroll renamed the column, set its header name in ${COLUMN_SETTINGS[kind]}, e.g. ` +
      `${mappingExample(kind, Object.fromEntries(keys.map((key) => [recordFieldOf(kind, key), '<header name>'])))}.`,
  };
}

/** The column names the config sets for each file. */
export function columnNamings(config: SourceConfig): NonNullable<ProductFileOptions['columns']> {
  return { catalog: naming(config, 'catalog'), inventory: naming(config, 'inventory'), status: naming(config, 'status') };
}

/**
 * What the spec cannot say about the mappings: every key is a record field of its file (the spec
 * lets others through, as Airbyte's checks want objects open), and no two fields read one column.
 */
export function checkColumnSettings(config: SourceConfig, path: string): void {
  for (const kind of PRODUCT_FILE_KINDS) {
    const setting = COLUMN_SETTINGS[kind];
    const mapping = mappingOf(config, kind);
    const fields: string[] = Object.values(RECORD_FIELDS[kind]);
    for (const key of Object.keys(mapping)) {
      if (fields.includes(key)) continue;
      const suggestion = didYouMean(key, fields);
      throw new ConfigError(
        `Invalid config (${path}): '${setting}' names '${key}', which is no field of the ${kind} file` +
          `${suggestion ? `; did you mean '${suggestion}'?` : '.'} Its fields: ${fields.join(', ')}.`,
      );
    }
    const readers = new Map<string, string>();
    for (const [key, spec] of Object.entries(PRODUCT_FILE_LAYOUTS[kind])) {
      const field = recordFieldOf(kind, key);
      const header = typeof mapping[field] === 'string' ? (mapping[field] as string) : spec.header;
      const other = readers.get(normalizeColumnName(header));
      if (other !== undefined) {
        throw new ConfigError(
          `Invalid config (${path}): with '${setting}' as set, both '${other}' and '${field}' would be read from the column '${header}'. ` +
            `Give each field a column of its own.`,
        );
      }
      readers.set(normalizeColumnName(header), field);
    }
  }
}
