import type { Options } from 'ky';
import { isRecord, isResponseLike } from '../internal/guards.js';
import { parseEnvelope } from './to-coinslot-error.js';

type RetryOptions = Exclude<NonNullable<Options['retry']>, number>;

/** The HTTP statuses worth another try: timeouts, rate limits and server failures. Never another 4xx. */
export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];

async function envelopeSaysRetry(response: Response): Promise<boolean> {
  const text = await response
    .clone()
    .text()
    .catch(() => '');
  return parseEnvelope(text)?.retryable === true;
}

/**
 * ky's retry options for every pay-server call. Every call core makes is idempotent (the create carries its
 * `Idempotency-Key`; report, cancel and deliver are idempotent on the server), so POST is retried too.
 * A `409` is retried only when its envelope says `retryable` (`IDEMPOTENCY_KEY_IN_USE`).
 */
export function retryPolicy(limit: number): RetryOptions {
  return {
    limit,
    methods: ['get', 'post'],
    statusCodes: RETRY_STATUS_CODES,
    afterStatusCodes: [429, 503],
    maxRetryAfter: 60_000,
    backoffLimit: 10_000,
    jitter: true,
    retryOnTimeout: true,
    async shouldRetry({ error }) {
      if (error.name !== 'HTTPError' || !isRecord(error) || !isResponseLike(error.response)) return undefined;
      const { status } = error.response;
      if (status === 409) return envelopeSaysRetry(error.response);
      if (status >= 400 && status < 500 && !RETRY_STATUS_CODES.includes(status)) return false;
      return undefined;
    },
  };
}
