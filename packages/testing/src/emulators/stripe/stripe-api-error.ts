/** The `type` of a Stripe API error (the subset the emulator answers). */
export type StripeErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error';

/**
 * An error the emulated API answers in Stripe's envelope, `{ "error": { type, message, code?, param? } }`, with its
 * HTTP status — the shape the official libraries turn into `StripeInvalidRequestError` and friends.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { type?: StripeErrorType; code?: string; param?: string } = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  /** The error's JSON body. */
  toJSON(): { error: Record<string, string> } {
    const { type = 'invalid_request_error', code, param } = this.details;
    return {
      error: {
        type,
        message: this.message,
        ...(code ? { code } : {}),
        ...(param ? { param } : {}),
      },
    };
  }
}

/** `400 parameter_invalid` about `param`. */
export const invalidParam = (param: string, message: string, code = 'parameter_invalid') =>
  new StripeApiError(400, message, { code, param });

/** `400 parameter_missing` for `param`. */
export const missingParam = (param: string) =>
  new StripeApiError(400, `Missing required param: ${param}.`, { code: 'parameter_missing', param });

/** `404 resource_missing` for an object the emulator does not hold. */
export const noSuch = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
