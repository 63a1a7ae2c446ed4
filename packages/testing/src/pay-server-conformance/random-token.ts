import { randomBytes } from 'node:crypto';

/** A fresh token of `[A-Za-z0-9_-]` from `bytes` random bytes (idempotency keys, nonces, user ids). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
