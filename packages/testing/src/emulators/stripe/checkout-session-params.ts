import type { FormObject } from './form-params.js';
import {
  listParam,
  metadataParam,
  objectParam,
  optionalInteger,
  optionalText,
  rejectUnknownParams,
  requiredText,
} from './form-readers.js';
import { invalidParam, missingParam } from './stripe-api-error.js';

/** One line of the session: what the hosted page shows. */
export interface SessionLine {
  name: string;
  unitAmount: number;
  quantity: number;
}

/** A `POST /v1/checkout/sessions` request, checked. */
export interface SessionParams {
  currency: string;
  lines: SessionLine[];
  amountTotal: number;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customerEmail: string | null;
  metadata: Record<string, string>;
  paymentIntentMetadata: Record<string, string>;
  expiresAt: number;
  locale: string | null;
  paymentMethodTypes: string[];
}

const KNOWN = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'client_reference_id',
  'customer_email',
  'metadata',
  'payment_intent_data',
  'expires_at',
  'locale',
  'payment_method_types',
];

/** Stripe's bounds on `expires_at`: 30 minutes to 24 hours after creation. */
export const MIN_SESSION_SECONDS = 30 * 60;
export const MAX_SESSION_SECONDS = 24 * 60 * 60;

function checkUrl(value: string | undefined, param: string): string | null {
  if (value === undefined) return null;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw invalidParam(param, `Not a valid URL: ${param}`, 'url_invalid');
  return value;
}

function readLine(value: unknown, index: number): SessionLine & { currency: string } {
  const path = `line_items[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParam(path, `Invalid object: ${path}`);
  const line = value as FormObject;
  if (line.price !== undefined)
    throw invalidParam(`${path}[price]`, 'The emulator supports line items with price_data only.');
  rejectUnknownParams(line, ['price_data', 'quantity'], path);
  const priceData = objectParam(line, 'price_data', `${path}[price_data]`);
  if (Object.keys(priceData).length === 0) throw missingParam(`${path}[price_data]`);
  rejectUnknownParams(priceData, ['currency', 'unit_amount', 'product_data'], `${path}[price_data]`);
  const product = objectParam(priceData, 'product_data', `${path}[price_data][product_data]`);
  rejectUnknownParams(product, ['name', 'description'], `${path}[price_data][product_data]`);
  const currency = requiredText(priceData, 'currency', `${path}[price_data][currency]`);
  if (!/^[a-z]{3}$/.test(currency))
    throw invalidParam(`${path}[price_data][currency]`, `Invalid currency: ${currency}`);
  const unitAmount = optionalInteger(priceData, 'unit_amount', `${path}[price_data][unit_amount]`);
  if (unitAmount === undefined) throw missingParam(`${path}[price_data][unit_amount]`);
  const quantity = optionalInteger(line, 'quantity', `${path}[quantity]`, 1);
  if (quantity === undefined) throw missingParam(`${path}[quantity]`);
  const name = requiredText(product, 'name', `${path}[price_data][product_data][name]`);
  return { name, unitAmount, quantity, currency };
}

/**
 * Checks a session create request as Stripe does for what the emulator supports: `mode=payment`, line items with
 * `price_data` in one currency, http(s) return URLs, `expires_at` 30 min to 24 h ahead (default 24 h), metadata
 * rules; any other parameter is refused as unknown, so a driver never relies on something the emulator ignores.
 * @throws StripeApiError (400) naming the parameter
 */
export function readSessionParams(params: FormObject, nowSeconds: number): SessionParams {
  rejectUnknownParams(params, KNOWN);
  const mode = requiredText(params, 'mode');
  if (mode !== 'payment') throw invalidParam('mode', 'The emulator supports mode=payment only.');
  const rawLines = listParam(params, 'line_items');
  if (rawLines.length === 0) throw missingParam('line_items');
  const lines = rawLines.map(readLine);
  const currency = lines[0]!.currency;
  if (lines.some((line) => line.currency !== currency))
    throw invalidParam('line_items', 'All line items must use the same currency.');
  const expiresAt = optionalInteger(params, 'expires_at') ?? nowSeconds + MAX_SESSION_SECONDS;
  if (expiresAt < nowSeconds + MIN_SESSION_SECONDS)
    throw invalidParam(
      'expires_at',
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
    );
  if (expiresAt > nowSeconds + MAX_SESSION_SECONDS)
    throw invalidParam(
      'expires_at',
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
    );
  const intentData = objectParam(params, 'payment_intent_data');
  rejectUnknownParams(intentData, ['metadata'], 'payment_intent_data');
  const types = listParam(params, 'payment_method_types');
  if (types.some((type) => typeof type !== 'string')) throw invalidParam('payment_method_types', 'Invalid array');
  return {
    currency,
    lines: lines.map(({ name, unitAmount, quantity }) => ({ name, unitAmount, quantity })),
    amountTotal: lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0),
    successUrl: checkUrl(optionalText(params, 'success_url'), 'success_url'),
    cancelUrl: checkUrl(optionalText(params, 'cancel_url'), 'cancel_url'),
    clientReferenceId: optionalText(params, 'client_reference_id', 'client_reference_id', 200) ?? null,
    customerEmail: optionalText(params, 'customer_email') ?? null,
    metadata: metadataParam(params, 'metadata'),
    paymentIntentMetadata: metadataParam(intentData, 'metadata', 'payment_intent_data[metadata]'),
    expiresAt,
    locale: optionalText(params, 'locale') ?? null,
    paymentMethodTypes: types.length > 0 ? (types as string[]) : ['card'],
  };
}
