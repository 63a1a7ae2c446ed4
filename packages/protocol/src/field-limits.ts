/**
 * The limits of a bill's fields (protocol v1 §1, `POST /v1/bills`). Strings count UTF-16 code units on the client and
 * Unicode code points on the reference server; at these sizes the difference only ever admits fewer characters.
 */
export const FIELD_LIMITS = {
  /** `userId`: 1–128 characters. */
  userId: { min: 1, max: 128 },
  /** `itemId`: 1–128 characters. */
  itemId: { min: 1, max: 128 },
  /** `quantity`: an integer from 1 to 10 000. */
  quantity: { min: 1, max: 10_000 },
  /** `amount`: an integer from 0 to 10^12, in the currency's minor unit. */
  amount: { min: 0, max: 1e12 },
  /** `passThrough`: at most 1 024 characters. */
  passThrough: { min: 0, max: 1024 },
  /** `os`, `appVersion`, `sdkVersion`: at most 64 characters each. */
  label: { min: 0, max: 64 },
  /** `extra`: a JSON object of at most 4 096 bytes serialised as UTF-8. */
  extraBytes: { min: 0, max: 4096 },
} as const;

/** Whether `value` is a safe integer within `limit`. */
export function isIntegerWithin(value: unknown, limit: { min: number; max: number }): value is number {
  return Number.isSafeInteger(value) && (value as number) >= limit.min && (value as number) <= limit.max;
}

/** Whether `value` is a JSON object (not an array) whose serialised form fits `FIELD_LIMITS.extraBytes`. */
export function isExtraObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  try {
    return new TextEncoder().encode(JSON.stringify(value)).byteLength <= FIELD_LIMITS.extraBytes.max;
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
