/**
 * A drifted layout of the product files, as Kroll may ship one some day: columns renamed, the
 * columns in another order, columns the connector does not know. The values stay the generator's,
 * so a connector that maps the new names reads the very same products; extra columns hold values
 * derived from the SKU (extraColumnValue), so a test can tell what they must hold.
 */
import { CATALOG_COLUMNS, EOL, INVENTORY_COLUMNS, STATUS_COLUMNS } from './format.js';

export type ProductFileKey = 'catalog' | 'inventory' | 'status';

export interface LayoutDrift {
  /** New header names per file, old name -> new name: `{ inventory: { QuantityAvailable: 'QtyAvailable' } }`. */
  rename?: Partial<Record<ProductFileKey, Record<string, string>>>;
  /** Every file's columns in reverse order (the Sku last). */
  reorder?: boolean;
  /** Columns the layout does not have, per file, each filled with extraColumnValue(name, sku). */
  extra?: Partial<Record<ProductFileKey, string[]>>;
}

export const LAYOUT_COLUMNS: Record<ProductFileKey, readonly string[]> = {
  catalog: CATALOG_COLUMNS,
  inventory: INVENTORY_COLUMNS,
  status: STATUS_COLUMNS,
};

/** The value of an extra column in the row of a SKU. */
export function extraColumnValue(column: string, sku: string): string {
  return `${column}-${sku}`;
}

/** How one file's header and lines are rewritten; null when the file keeps Kroll's layout. */
export interface FileDrift {
  header: string;
  line(line: string): string;
}

const HEADER_NAME = /^[^\t\r\n]+$/;

export function checkLayoutDrift(drift: LayoutDrift): void {
  for (const [file, renames] of Object.entries(drift.rename ?? {}) as [ProductFileKey, Record<string, string>][]) {
    const columns = LAYOUT_COLUMNS[file];
    if (columns === undefined) throw new RangeError(`layout.rename: no product file '${file}' (catalog, inventory or status)`);
    for (const [from, to] of Object.entries(renames)) {
      if (!columns.includes(from)) throw new RangeError(`layout.rename: the ${file} file has no column '${from}' (it has ${columns.join(', ')})`);
      if (!HEADER_NAME.test(to)) throw new RangeError(`layout.rename: '${to}' is not a header name`);
    }
  }
  for (const [file, names] of Object.entries(drift.extra ?? {}) as [ProductFileKey, string[]][]) {
    if (LAYOUT_COLUMNS[file] === undefined) throw new RangeError(`layout.extra: no product file '${file}' (catalog, inventory or status)`);
    for (const name of names) if (!HEADER_NAME.test(name)) throw new RangeError(`layout.extra: '${name}' is not a header name`);
  }
}

export function fileDrift(file: ProductFileKey, drift: LayoutDrift | undefined): FileDrift | null {
  const renames = drift?.rename?.[file] ?? {};
  const extra = drift?.extra?.[file] ?? [];
  const reorder = drift?.reorder === true;
  if (Object.keys(renames).length === 0 && extra.length === 0 && !reorder) return null;
  const arrange = (fields: string[]): string => (reorder ? fields.reverse() : fields).join('\t') + EOL;
  const header = [...LAYOUT_COLUMNS[file].map((name) => renames[name] ?? name), ...extra];
  return {
    header: arrange(header),
    line(line) {
      // Every file's lines start with the Sku.
      const fields = line.slice(0, -EOL.length).split('\t');
      return arrange([...fields, ...extra.map((name) => extraColumnValue(name, fields[0]!))]);
    },
  };
}
