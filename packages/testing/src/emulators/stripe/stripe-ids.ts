import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id with Stripe's prefix for the kind of object: `cs_test_a1B2…`, `pi_3N…`, `evt_1…`. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${id}`;
}

/** Unix seconds of a clock in ms. */
export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
