/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain JSON object. */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field, or `undefined`. */
export const textOf = (object: JsonObject, key: string): string | undefined =>
  typeof object[key] === 'string' ? (object[key] as string) : undefined;

/** A safe-integer field, or `undefined`. */
export const integerOf = (object: JsonObject, key: string): number | undefined =>
  Number.isSafeInteger(object[key]) ? (object[key] as number) : undefined;

/** A metadata value (`object.metadata[key]`), or `undefined`. */
export function metadataOf(object: JsonObject, key: string): string | undefined {
  const metadata = object.metadata;
  return isJsonObject(metadata) && typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined;
}

/**
 * A PaymentIntent id as a verdict's `channelTradeNo` (at most 128 characters, as the contract says; Stripe's ids are
 * far shorter, but it reserves the right to lengthen them): `{}` when there is none or it is longer.
 */
export const tradeNoOf = (intentId: string | undefined): { channelTradeNo?: string } =>
  intentId !== undefined && intentId.length > 0 && intentId.length <= 128 ? { channelTradeNo: intentId } : {};

/** The id of a field that holds an id or an expanded object (`payment_intent: 'pi_…'` or `{ id: 'pi_…' }`). */
export function idOf(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  if (typeof value === 'string') return value;
  return isJsonObject(value) && typeof value.id === 'string' ? value.id : undefined;
}
