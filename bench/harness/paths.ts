/** Where the project's parts are, seen from the compiled harness (dist/bench/harness/). */
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function projectPath(relative: string): string {
  return `${ROOT}${relative}`;
}

export function binPath(name: string): string {
  return projectPath(`bin/${name}`);
}

/** A compiled script of bench/ (e.g. 'floors/products-floor.js'). */
export function benchScript(relative: string): string {
  return projectPath(`dist/bench/${relative}`);
}
