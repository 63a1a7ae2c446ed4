import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CatalogPrice } from './options.js';
import { assertSigningKey, generateSigningKey, type SigningKey } from './signing/signing-key.js';

/**
 * Reads the private signing key at `path`, or generates one and writes it there readable by the owner only
 * (mode 0600, directory 0700). `wx` never overwrites a key another process wrote meanwhile.
 */
export async function readOrCreateKey(path: string): Promise<{ key: SigningKey; created: boolean }> {
  try {
    const key = JSON.parse(await readFile(path, 'utf8')) as SigningKey;
    assertSigningKey(key);
    return { key, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot use key file ${path}: ${String(error)}`);
  }
  const key = await generateSigningKey();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKey(path);
    throw error;
  }
  return { key, created: true };
}

/** Reads a catalog file: `{ "<itemId>": { "amount": <minor units per item>, "currency": "USD" } }`. */
export async function readCatalog(path: string): Promise<Record<string, CatalogPrice>> {
  const catalog: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof catalog !== 'object' || catalog === null || Array.isArray(catalog)) {
    throw new Error(`${path} must hold a JSON object of prices by item id`);
  }
  return catalog as Record<string, CatalogPrice>;
}
