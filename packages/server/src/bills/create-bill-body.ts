import { CHANNEL_ID, CURRENCY, FIELD_LIMITS, type CreateBillBody } from '@coinslot/protocol';
import { ProtocolError } from '../http/protocol-error.js';
import type { CatalogPrice } from '../options.js';
import {
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
  'country',
] as const;

/** ISO 3166-1 alpha-2: two upper-case letters. */
const COUNTRY = /^[A-Z]{2}$/;

/** A create body as sent: `amount` may be missing when the server has a catalog to price the bill from. */
export type CreateBillInput = Omit<CreateBillBody, 'amount'> & { amount?: number };

/**
 * Validates a `POST /v1/bills` body against protocol v1 §1; the first fault answers `400` naming its field. `userId`
 * may be absent here: who owns the bill is decided from the verified identity (auth/access-rules.ts). `amount` is
 * required only when the server has no catalog (`amountRequired`); {@link priceBill} fills it in otherwise.
 */
export function parseCreateBillBody(body: Fields, amountRequired = true): CreateBillInput {
  rejectUnknownFields(body, FIELDS);
  const sentAmount = amountRequired || Object.hasOwn(body, 'amount');
  const parsed: CreateBillInput = {
    itemId: requiredString(body, 'itemId', FIELD_LIMITS.itemId),
    quantity: requiredInteger(body, 'quantity', FIELD_LIMITS.quantity.min, FIELD_LIMITS.quantity.max),
    ...(sentAmount && { amount: requiredInteger(body, 'amount', FIELD_LIMITS.amount.min, FIELD_LIMITS.amount.max) }),
    currency: requiredString(body, 'currency', { max: 3, pattern: CURRENCY, describe: 'three upper-case letters' }),
    channel: requiredString(body, 'channel', { max: 40, pattern: CHANNEL_ID, describe: 'a channel id ([a-z0-9-])' }),
  };
  const userId = optionalString(body, 'userId', FIELD_LIMITS.userId);
  if (userId !== undefined) parsed.userId = userId;
  const passThrough = optionalString(body, 'passThrough', FIELD_LIMITS.passThrough);
  const os = optionalString(body, 'os', FIELD_LIMITS.label);
  const appVersion = optionalString(body, 'appVersion', FIELD_LIMITS.label);
  const sdkVersion = optionalString(body, 'sdkVersion', FIELD_LIMITS.label);
  const extra = optionalObject(body, 'extra', FIELD_LIMITS.extraBytes.max);
  const country = optionalString(body, 'country', { max: 2, pattern: COUNTRY, describe: 'an ISO 3166-1 alpha-2 code' });
  if (passThrough !== undefined) parsed.passThrough = passThrough;
  if (os !== undefined) parsed.os = os;
  if (appVersion !== undefined) parsed.appVersion = appVersion;
  if (sdkVersion !== undefined) parsed.sdkVersion = sdkVersion;
  if (extra !== undefined) parsed.extra = extra;
  if (country !== undefined) parsed.country = country;
  return parsed;
}

/**
 * The bill's amount: with a catalog, price × quantity — refusing with `400 AMOUNT_MISMATCH` an unpriced item, another
 * currency, or a sent `amount` that is not that total; without one (development auth only), the client's amount.
 */
export function priceBill<T extends CreateBillInput>(
  body: T,
  catalog: ReadonlyMap<string, CatalogPrice> | undefined,
): T & { amount: number } {
  if (!catalog) {
    if (body.amount === undefined) throw new ProtocolError('MISSING_FIELD', 'amount is required', { field: 'amount' });
    return body as T & { amount: number };
  }
  const price = catalog.get(body.itemId);
  if (!price) {
    throw new ProtocolError('AMOUNT_MISMATCH', `the server has no price for item ${body.itemId}`, { field: 'itemId' });
  }
  if (body.currency !== price.currency) {
    throw new ProtocolError('AMOUNT_MISMATCH', `item ${body.itemId} is priced in ${price.currency}`, {
      field: 'currency',
    });
  }
  const expected = price.amount * body.quantity;
  if (body.amount !== undefined && body.amount !== expected) {
    throw new ProtocolError(
      'AMOUNT_MISMATCH',
      `amount must be ${expected} (${price.amount} × ${body.quantity}) for item ${body.itemId}`,
      { field: 'amount' },
    );
  }
  return { ...body, amount: expected };
}
