import { isRecord } from '@coinslot/protocol';

/** A plain JSON-like object (not null, not an array): the protocol's own check. */
export { isRecord };

/** The error's message, or a string form of whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Duck-typed `Response` check: a `Response` from another realm or fetch polyfill fails `instanceof`. */
export function isResponseLike(value: unknown): value is Response {
  return (
    isRecord(value) &&
    typeof value.status === 'number' &&
    typeof value.text === 'function' &&
    typeof value.clone === 'function'
  );
}
