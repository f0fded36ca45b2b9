/** Every stream of the source, by the reader that fills it. */
import type { StreamDefinition, StreamReader } from '../stream.js';
import { inventoryReader } from './inventory.js';
import { invoicesReader } from './invoices.js';
import { productsReader } from './products.js';
import { purchaseOrdersReader } from './purchase-orders.js';
import { shipmentsReader } from './shipments.js';

export const readers: StreamReader[] = [productsReader, inventoryReader, purchaseOrdersReader, shipmentsReader, invoicesReader];

export const streams: StreamDefinition[] = readers.flatMap((reader) => reader.streams);
