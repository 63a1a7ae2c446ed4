import { ProtocolError } from '../http/protocol-error.js';
import type { CatalogPrice } from '../options.js';
import type { CreateBillBody } from '../protocol-types.js';
import {
  CHANNEL_ID,
  CURRENCY,
  optionalObject,
  optionalString,
  rejectUnknownFields,
  requiredInteger,
  requiredString,
  type Fields,
} from '../validation/validators.js';

const FIELDS = [
  'userId',
  'itemId',
  'quantity',
  'amount',
  'currency',
  'channel',
  'passThrough',
  'os',
  'appVersion',
  'sdkVersion',
  'extra',
] as const;

/** Validates a `POST /v1/bills` body against protocol v1 §1; the first fault answers `400` naming its field. */
export function parseCreateBillBody(body: Fields): CreateBillBody {
  rejectUnknownFields(body, FIELDS);
  const parsed: CreateBillBody = {
    userId: requiredString(body, 'userId', { min: 1, max: 128 }),
    itemId: requiredString(body, 'itemId', { min: 1, max: 128 }),
    quantity: requiredInteger(body, 'quantity', 1, 10_000),
    amount: requiredInteger(body, 'amount', 0, 1e12),
    currency: requiredString(body, 'currency', { max: 3, pattern: CURRENCY, describe: 'three upper-case letters' }),
    channel: requiredString(body, 'channel', { max: 40, pattern: CHANNEL_ID, describe: 'a channel id ([a-z0-9-])' }),
  };
  const passThrough = optionalString(body, 'passThrough', { max: 1024 });
  const os = optionalString(body, 'os', { max: 64 });
  const appVersion = optionalString(body, 'appVersion', { max: 64 });
  const sdkVersion = optionalString(body, 'sdkVersion', { max: 64 });
  const extra = optionalObject(body, 'extra', 4096);
  if (passThrough !== undefined) parsed.passThrough = passThrough;
  if (os !== undefined) parsed.os = os;
  if (appVersion !== undefined) parsed.appVersion = appVersion;
  if (sdkVersion !== undefined) parsed.sdkVersion = sdkVersion;
  if (extra !== undefined) parsed.extra = extra;
  return parsed;
}

/** Refuses with `400 AMOUNT_MISMATCH` a bill whose item, amount or currency disagrees with the catalog. */
export function checkPrice(body: CreateBillBody, catalog: ReadonlyMap<string, CatalogPrice> | undefined): void {
  if (!catalog) return;
  const price = catalog.get(body.itemId);
  if (!price) {
    throw new ProtocolError('AMOUNT_MISMATCH', `the server has no price for item ${body.itemId}`, { field: 'itemId' });
  }
  if (body.currency !== price.currency) {
    throw new ProtocolError('AMOUNT_MISMATCH', `item ${body.itemId} is priced in ${price.currency}`, { field: 'currency' });
  }
  const expected = price.amount * body.quantity;
  if (body.amount !== expected) {
    throw new ProtocolError(
      'AMOUNT_MISMATCH',
      `amount must be ${expected} (${price.amount} × ${body.quantity}) for item ${body.itemId}`,
      { field: 'amount' },
    );
  }
}
