export { productAt, sandboxProducts, identityAt, statusAt, pricingAt, inventoryAt, indexOfSku, MAX_PRODUCTS, RATES, LAST_UPDATED_END, upcCheckDigit } from './product.js';
export type { SandboxProduct, SandboxInventory, SandboxStatus, ProductIdentity } from './product.js';
export {
  writeProductFiles,
  inventoryOrder,
  statusOrder,
  PRODUCT_FILE_PATHS,
  PRODUCT_DATA_DIR,
  PRODUCT_IMAGES_DIR,
  CATALOG_FILE_NAME,
  INVENTORY_FILE_NAME,
  STATUS_FILE_NAME,
  PRODUCT_FILE_ENCODING,
  DEFAULT_IMAGE_COUNT,
} from './files.js';
export type { ProductFileInfo, ProductFilesInfo, WriteProductFilesOptions } from './files.js';
export { CATALOG_COLUMNS, INVENTORY_COLUMNS, STATUS_COLUMNS, CATALOG_HEADER, INVENTORY_HEADER, STATUS_HEADER, formatNumber } from './format.js';
export { MAKERS } from './makers.js';
export type { Maker, Department } from './makers.js';
export { CATEGORY_LEAVES } from './categories.js';
export type { CategoryLeaf } from './categories.js';
export { formatNewYorkLocal, KROLL_TIME_ZONE } from './time.js';
export { solidJpeg } from './image.js';
export { checkLayoutDrift, extraColumnValue, LAYOUT_COLUMNS, type LayoutDrift, type ProductFileKey } from './drift.js';
