import { readFile } from 'node:fs/promises';
import type { CatalogPrice } from './options.js';

export { readOrCreateKey, readOrCreateSecret } from './store/secret-files.js';

/** Reads a catalog file: `{ "<itemId>": { "amount": <minor units per item>, "currency": "USD" } }`. */
export async function readCatalog(path: string): Promise<Record<string, CatalogPrice>> {
  const catalog: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof catalog !== 'object' || catalog === null || Array.isArray(catalog)) {
    throw new Error(`${path} must hold a JSON object of prices by item id`);
  }
  return catalog as Record<string, CatalogPrice>;
}
