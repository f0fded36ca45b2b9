/**
 * The inventory export and the status file, held by SKU for the join with the catalog. These are
 * the only product data held in memory, so they are stored by column in typed arrays (72 bytes a
 * SKU plus the SKU in the map) rather than as an object per SKU (about three times that). The
 * arrays grow by fixed blocks, so a million SKUs never need a second copy of the table while it
 * grows, and a catalog row finds its SKU with one map lookup (`slotOf`) for both files.
 */
import { utcIso } from '../time.js';
import { STOCK_STATUSES, type InventoryItem, type StockStatus } from './layout.js';

const NUMERIC = ['quantityAvailable', 'dealerCost', 'msrp', 'mapPrice', 'weight', 'length', 'width', 'height', 'lastUpdatedMs'] as const;
type NumericColumn = (typeof NUMERIC)[number];
const WIDTH = NUMERIC.length;
const COLUMN = Object.fromEntries(NUMERIC.map((name, i) => [name, i])) as Record<NumericColumn, number>;

const BLOCK_BITS = 14;
const BLOCK_SLOTS = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SLOTS - 1;

// V8 keeps a substring of 13 characters or more as a view into the string it was cut from (here
// a whole chunk of the file); a SKU that long kept as a key would keep that chunk alive.
const OWN_COPY_FROM = 13;
const ownCopy = (sku: string): string => (sku.length < OWN_COPY_FROM ? sku : (' ' + sku).slice(1));

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
  /** NaN = blank; block b holds slots b * BLOCK_SLOTS.. . */
  private readonly blocks: Float64Array[] = [];
  /**
   * Bit 0 = in the inventory export; bits 1-2 = status (index in STOCK_STATUSES + 1);
   * bit 3 = claimed (its product was emitted).
   */
  private flags = new Uint8Array(BLOCK_SLOTS);
  /** SKUs with inventory values, and with a status. */
  inventoryCount = 0;
  statusCount = 0;
  /** Data rows of each file (including skipped ones), set by whoever fills the table. */
  inventoryRows = 0;
  statusRows = 0;
  /** SKUs claimed that the table does not hold (a few: in the catalog only). */
  private readonly claimedElsewhere = new Set<string>();

  /** The SKU's place in the tables, or -1 when neither file lists it. */
  slotOf(sku: string): number {
    return this.slots.get(sku) ?? -1;
  }

  private addSlot(sku: string): number {
    let slot = this.slots.get(sku);
    if (slot === undefined) {
      slot = this.slots.size;
      if ((slot & BLOCK_MASK) === 0) {
        this.blocks.push(new Float64Array(BLOCK_SLOTS * WIDTH).fill(Number.NaN));
        if (slot >= this.flags.length) {
          const flags = new Uint8Array(this.flags.length * 2);
          flags.set(this.flags);
          this.flags = flags;
        }
      }
      this.slots.set(ownCopy(sku), slot);
    }
    return slot;
  }

  /** Adds a SKU's inventory values; false when the SKU is already there (the first row wins). */
  addInventory(item: InventoryItem & { sku: string }): boolean {
    const slot = this.addSlot(item.sku);
    if (this.flags[slot]! & 1) return false;
    this.flags[slot]! |= 1;
    this.inventoryCount++;
    const n = this.blocks[slot >>> BLOCK_BITS]!;
    const base = (slot & BLOCK_MASK) * WIDTH;
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
    const slot = this.addSlot(sku);
    if (this.flags[slot]! & 6) return false;
    this.flags[slot]! |= (STOCK_STATUSES.indexOf(status) + 1) << 1;
    this.statusCount++;
    return true;
  }

  /**
   * Marks a SKU's product as emitted; false when it already was (a SKU listed twice in the
   * catalog). `slot` is the SKU's `slotOf`, so a SKU the table holds costs no second lookup and
   * no memory; only SKUs in the catalog alone are remembered in a set.
   */
  claim(slot: number, sku: string): boolean {
    if (slot < 0) {
      if (this.claimedElsewhere.has(sku)) return false;
      this.claimedElsewhere.add(ownCopy(sku));
      return true;
    }
    if (this.flags[slot]! & 8) return false;
    this.flags[slot]! |= 8;
    return true;
  }

  /** The inventory export's values at a slot, or undefined when the export does not list the SKU. */
  inventory(slot: number): InventoryValues | undefined {
    if (slot < 0 || !(this.flags[slot]! & 1)) return undefined;
    const n = this.blocks[slot >>> BLOCK_BITS]!;
    const base = (slot & BLOCK_MASK) * WIDTH;
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
      lastUpdated: updated === null ? null : utcIso(updated),
    };
  }

  /** The status file's status at a slot, or null when the file does not list the SKU. */
  status(slot: number): StockStatus | null {
    if (slot < 0) return null;
    const code = (this.flags[slot]! >> 1) & 3;
    return code === 0 ? null : STOCK_STATUSES[code - 1]!;
  }
}
