import { afterAll, beforeAll } from 'vitest';

/**
 * Remove `AbortSignal.any` for the tests of the enclosing `describe` (as on Safari < 17.4, Chrome < 116,
 * Firefox < 124) and put it back after them. For tests only.
 */
export function withoutAbortSignalAny(): void {
  const original = Object.getOwnPropertyDescriptor(AbortSignal, 'any');
  beforeAll(() => {
    delete (AbortSignal as { any?: unknown }).any;
  });
  afterAll(() => {
    if (original) Object.defineProperty(AbortSignal, 'any', original);
  });
}
