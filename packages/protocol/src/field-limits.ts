// The limits of a bill's fields (protocol v1 §1, `POST /v1/bills`). Strings count UTF-16 code units on the client and
// Unicode code points on the reference server; at these sizes the difference only ever admits fewer characters.
// Each maximum is a constant of its own, which a bundler inlines as a number; `FIELD_LIMITS` groups them with the minimums.

/** The longest `userId` and `itemId`: 128 characters (the shortest: 1). */
export const MAX_ID_LENGTH = 128;
/** The largest `quantity`: 10 000 (the smallest: 1). */
export const MAX_QUANTITY = 10_000;
/** The largest `amount`, in the currency's minor unit: 10^12 (the smallest: 0). */
export const MAX_AMOUNT = 1e12;
/** The longest `passThrough`: 1 024 characters. */
export const MAX_PASS_THROUGH_LENGTH = 1024;
/** The longest `os`, `appVersion` and `sdkVersion`: 64 characters each. */
export const MAX_LABEL_LENGTH = 64;
/** The most bytes of `extra` serialised as UTF-8. */
export const MAX_EXTRA_BYTES = 4096;

/** Every field's limits as `{ min, max }` (the constants above, with each field's minimum). */
export const FIELD_LIMITS = {
  /** `userId`: 1–128 characters. */
  userId: { min: 1, max: MAX_ID_LENGTH },
  /** `itemId`: 1–128 characters. */
  itemId: { min: 1, max: MAX_ID_LENGTH },
  /** `quantity`: an integer from 1 to 10 000. */
  quantity: { min: 1, max: MAX_QUANTITY },
  /** `amount`: an integer from 0 to 10^12, in the currency's minor unit. */
  amount: { min: 0, max: MAX_AMOUNT },
  /** `passThrough`: at most 1 024 characters. */
  passThrough: { min: 0, max: MAX_PASS_THROUGH_LENGTH },
  /** `os`, `appVersion`, `sdkVersion`: at most 64 characters each. */
  label: { min: 0, max: MAX_LABEL_LENGTH },
  /** `extra`: a JSON object of at most 4 096 bytes serialised as UTF-8. */
  extraBytes: { min: 0, max: MAX_EXTRA_BYTES },
} as const;

/** Whether `value` is a safe integer within `limit`. */
export function isIntegerWithin(value: unknown, limit: { min: number; max: number }): value is number {
  return Number.isSafeInteger(value) && (value as number) >= limit.min && (value as number) <= limit.max;
}

/** Whether `value` is a JSON object (not an array) whose serialised form fits `FIELD_LIMITS.extraBytes`. */
export function isExtraObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  try {
    return new TextEncoder().encode(JSON.stringify(value)).byteLength <= MAX_EXTRA_BYTES;
  } catch {
    return false; // not serialisable: a cycle, a BigInt
  }
}

/**
 * The longest held wait a client asks for, in seconds (`wait` of `GET /v1/bills/:id/result`, §2): what the SDK sends
 * at most, and the reference server's hold limit. Short enough for proxies that cut idle requests at 30 s.
 */
export const MAX_WAIT_SECONDS = 25;

/** The `reason` values the SDK sends with `POST /v1/bills/:id/cancel` (a server accepts any 1–64 characters). */
export const CANCEL_REASONS = ['closed', 'cancelled', 'channel-error', 'journal-failed'] as const;

/** A cancel reason. */
export type CancelReason = (typeof CANCEL_REASONS)[number];
