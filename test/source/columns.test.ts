/** The column mappings of the config: what the spec declares, what is refused and why. */
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/generated/configs.js';
import { PRODUCT_FILE_LAYOUTS } from '../../src/kroll/products/layout.js';
import { createConfigValidator } from '../../src/protocol/config.js';
import { ConfigError } from '../../src/protocol/errors.js';
import { COLUMN_SETTINGS, RECORD_FIELDS, columnNamings } from '../../src/source/columns.js';
import { checkSettings } from '../../src/source/settings.js';
import { sourceSpec } from '../../src/source/spec.js';

type Property = { type: string; description: string; properties?: Record<string, Property>; group?: string; order?: number };
const properties = (sourceSpec.connectionSpecification as { properties: Record<string, Property> }).properties;
const base = { ftp_host: 'h', ftp_username: 'u', ftp_password: 'p', start_date: '2026-01-01' };
const load = (extra: Record<string, unknown>) => createConfigValidator(sourceSpec)<SourceConfig>({ ...base, ...extra }, 'config.json').config;

describe('the spec of the column mappings', () => {
  it.each(Object.entries(COLUMN_SETTINGS))('%s declares one property per record field of its file, naming the default header', (kind, setting) => {
    const property = properties[setting]!;
    expect(property).toMatchObject({ type: 'object', group: 'advanced' });
    expect(property.order).toBeGreaterThanOrEqual(29);
    const fields = RECORD_FIELDS[kind as keyof typeof RECORD_FIELDS] as Record<string, string>;
    expect(Object.keys(property.properties!)).toEqual(Object.values(fields));
    const layout = PRODUCT_FILE_LAYOUTS[kind as keyof typeof PRODUCT_FILE_LAYOUTS] as Record<string, { header: string }>;
    for (const [key, field] of Object.entries(fields)) expect(property.properties![field]!.description).toContain(`Default: ${layout[key]!.header}.`);
  });
});

describe('checkSettings on column mappings', () => {
  const refused = (extra: Record<string, unknown>) => {
    try {
      checkSettings(load(extra), 'config.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('refuses a field the file does not have, with the nearest one', () => {
    expect(refused({ catalog_columns: { prodct_id: 'Id' } })).toBe(
      "Invalid config (config.json): 'catalog_columns' names 'prodct_id', which is no field of the catalog file; did you mean 'product_id'? " +
        'Its fields: sku, product_id, name, short_description, long_description, manufacturer, manufacturer_code, mpn, upc, category_1, category_2, category_3, image_path, hazardous, country_of_origin, weight, length, width, height, msrp, map_price.',
    );
    expect(refused({ status_columns: { quantity_available: 'Qty' } })).toMatch(/^Invalid config \(config\.json\): 'status_columns' names 'quantity_available', which is no field of the status file\. Its fields: sku, status\.$/);
  });

  it('refuses two fields read from one column', () => {
    expect(refused({ inventory_columns: { msrp: 'MAP Price' } })).toBe(
      "Invalid config (config.json): with 'inventory_columns' as set, both 'msrp' and 'map_price' would be read from the column 'MAPPrice'. Give each field a column of its own.",
    );
  });

  it('refuses a blank header name, through the spec', () => {
    expect(() => load({ status_columns: { status: '  ' } })).toThrow("'status_columns.status' must look like a header name");
  });

  it('turns a mapping into the layout names the file is read with', () => {
    const config = load({ inventory_columns: { quantity_available: 'QtyAvail', last_updated: 'Updated' } });
    checkSettings(config, 'config.json');
    const namings = columnNamings(config);
    expect(namings.inventory!.overrides).toEqual({ quantityAvailable: 'QtyAvail', lastUpdated: 'Updated' });
    expect(namings.catalog!.overrides).toEqual({});
    expect(namings.inventory!.renameHint!(['quantityAvailable'])).toBe(
      'If Kroll renamed the column, set its header name in inventory_columns, e.g. "inventory_columns": {"quantity_available": "<header name>"}.',
    );
  });
});
