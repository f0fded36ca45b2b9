/** Every benchmark `npm run bench` runs, in this order. Add one file per benchmark and list it here. */
import type { Benchmark } from '../harness/types.js';
import { destinationBenchmark } from './destination.js';
import { inventoryBenchmark } from './inventory.js';
import { productsBenchmark } from './products.js';
import { shipmentsBenchmark } from './shipments.js';

export const benchmarks: Benchmark[] = [productsBenchmark, inventoryBenchmark, shipmentsBenchmark, destinationBenchmark];
