/**
 * The inventory export and the status file, held by SKU for the join with the catalog. These are
 * the only product data held in memory, so they are stored by column in typed arrays (about 80
 * bytes a SKU plus the SKU string) rather than as an object per SKU (about three times that).
 */
import { STOCK_STATUSES, type InventoryItem, type StockStatus } from './layout.js';

const NUMERIC = ['quantityAvailable', 'dealerCost', 'msrp', 'mapPrice', 'weight', 'length', 'width', 'height', 'lastUpdatedMs'] as const;
type NumericColumn = (typeof NUMERIC)[number];
const WIDTH = NUMERIC.length;
const COLUMN = Object.fromEntries(NUMERIC.map((name, i) => [name, i])) as Record<NumericColumn, number>;

export interface InventoryValues {
  quantityAvailable: number | null;
  dealerCost: number | null;
  msrp: number | null;
  mapPrice: number | null;
  weight: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  lastUpdated: string | null;
}

export class ProductLookup {
  private readonly slots = new Map<string, number>();
  private numbers = new Float64Array(WIDTH * 1024);
  private flags = new Uint8Array(1024);
  /** SKUs with inventory values, and with a status. */
  inventoryCount = 0;
  statusCount = 0;
  /** Data rows of each file (including skipped ones), set by whoever fills the table. */
  inventoryRows = 0;
  statusRows = 0;
  /** SKUs claimed that the table does not hold (a few: in the catalog only). */
  private readonly claimedElsewhere = new Set<string>();

  private slot(sku: string): number {
    let slot = this.slots.get(sku);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot >= this.flags.length) this.grow();
      this.numbers.fill(Number.NaN, slot * WIDTH, (slot + 1) * WIDTH);
      this.slots.set(sku, slot);
    }
    return slot;
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const flags = new Uint8Array(this.flags.length * 2);
    flags.set(this.flags);
    this.flags = flags;
  }

  // flags: bit 0 = in the inventory export; bits 1-2 = status (index in STOCK_STATUSES + 1);
  // bit 3 = claimed (its product was emitted).

  /** Adds a SKU's inventory values; false when the SKU is already there (the first row wins). */
  addInventory(item: InventoryItem & { sku: string }): boolean {
    const slot = this.slot(item.sku);
    if (this.flags[slot]! & 1) return false;
    this.flags[slot]! |= 1;
    this.inventoryCount++;
    const base = slot * WIDTH;
    const n = this.numbers;
    n[base + COLUMN.quantityAvailable] = item.quantityAvailable ?? Number.NaN;
    n[base + COLUMN.dealerCost] = item.dealerCost ?? Number.NaN;
    n[base + COLUMN.msrp] = item.msrp ?? Number.NaN;
    n[base + COLUMN.mapPrice] = item.mapPrice ?? Number.NaN;
    n[base + COLUMN.weight] = item.weight ?? Number.NaN;
    n[base + COLUMN.length] = item.length ?? Number.NaN;
    n[base + COLUMN.width] = item.width ?? Number.NaN;
    n[base + COLUMN.height] = item.height ?? Number.NaN;
    n[base + COLUMN.lastUpdatedMs] = item.lastUpdated === null ? Number.NaN : Date.parse(item.lastUpdated);
    return true;
  }

  /** Adds a SKU's status; false when the SKU already has one (the first row wins). */
  addStatus(sku: string, status: StockStatus): boolean {
    const slot = this.slot(sku);
    if (this.flags[slot]! & 6) return false;
    this.flags[slot]! |= (STOCK_STATUSES.indexOf(status) + 1) << 1;
    this.statusCount++;
    return true;
  }

  /**
   * Marks a SKU's product as emitted; false when it already was (a SKU listed twice in the
   * catalog). Uses the table's own slots, so the check costs no memory for SKUs it holds.
   */
  claim(sku: string): boolean {
    const slot = this.slots.get(sku);
    if (slot === undefined) {
      if (this.claimedElsewhere.has(sku)) return false;
      this.claimedElsewhere.add(sku);
      return true;
    }
    if (this.flags[slot]! & 8) return false;
    this.flags[slot]! |= 8;
    return true;
  }

  /** The SKU's inventory export values, or undefined when the export does not list it. */
  inventory(sku: string): InventoryValues | undefined {
    const slot = this.slots.get(sku);
    if (slot === undefined || !(this.flags[slot]! & 1)) return undefined;
    const base = slot * WIDTH;
    const n = this.numbers;
    const value = (column: number): number | null => {
      const v = n[base + column]!;
      return Number.isNaN(v) ? null : v;
    };
    const updated = value(COLUMN.lastUpdatedMs);
    return {
      quantityAvailable: value(COLUMN.quantityAvailable),
      dealerCost: value(COLUMN.dealerCost),
      msrp: value(COLUMN.msrp),
      mapPrice: value(COLUMN.mapPrice),
      weight: value(COLUMN.weight),
      length: value(COLUMN.length),
      width: value(COLUMN.width),
      height: value(COLUMN.height),
      lastUpdated: updated === null ? null : new Date(updated).toISOString(),
    };
  }

  status(sku: string): StockStatus | null {
    const slot = this.slots.get(sku);
    if (slot === undefined) return null;
    const code = (this.flags[slot]! >> 1) & 3;
    return code === 0 ? null : STOCK_STATUSES[code - 1]!;
  }
}
