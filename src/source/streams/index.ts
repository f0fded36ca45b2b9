/** Every stream of the source, by the reader that fills it. */
import type { StreamDefinition, StreamReader } from '../stream.js';
import { inventoryReader } from './inventory.js';
import { productsReader } from './products.js';

export const readers: StreamReader[] = [productsReader, inventoryReader];

export const streams: StreamDefinition[] = readers.flatMap((reader) => reader.streams);
