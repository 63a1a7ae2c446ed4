import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CatalogPrice } from '../options.js';
import { configError } from './config-error.js';
import { at, isObject, objectAt, rejectUnknown, type Raw } from './config-fields.js';

function checkPrices(catalog: Raw, field: string): Record<string, CatalogPrice> {
  for (const [itemId, price] of Object.entries(catalog)) {
    const entry = objectAt(price, at(field, itemId));
    rejectUnknown(entry, at(field, itemId), ['amount', 'currency']);
    if (!Number.isSafeInteger(entry.amount) || (entry.amount as number) < 0) {
      throw configError(
        at(at(field, itemId), 'amount'),
        'must be an integer ≥ 0 (the price of ONE item in minor units)',
      );
    }
    if (typeof entry.currency !== 'string' || !/^[A-Z]{3}$/.test(entry.currency)) {
      throw configError(at(at(field, itemId), 'currency'), 'must be an ISO 4217 code such as "USD"');
    }
  }
  return catalog as Record<string, CatalogPrice>;
}

/** A `catalog` setting (`field` names it): prices inline, or the path of a JSON file holding them; absent: `undefined`. */
export async function parseCatalog(
  value: unknown,
  baseDir: string,
  field: string,
): Promise<Record<string, CatalogPrice> | undefined> {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return checkPrices(objectAt(value, field), field);
  const path = resolve(baseDir, value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw configError(field, `cannot read prices from ${path}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw configError(field, `${path} must hold a JSON object of prices by item id`);
  return checkPrices(parsed, `${field} (${path})`);
}

/** A `channels` setting (`field` names it): options by channel id, each an object; absent: `undefined`. */
export function parseChannels(value: unknown, field: string): Record<string, Raw> | undefined {
  if (value === undefined) return undefined;
  const channels = objectAt(value, field);
  for (const [id, options] of Object.entries(channels)) objectAt(options, at(field, id));
  return channels as Record<string, Raw>;
}
