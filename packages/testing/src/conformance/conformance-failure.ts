import type { ConformanceCheckId } from './conformance-options.js';

/**
 * A conformance check failed: the adapter does not do what the contract asks. The message says what was
 * expected, what happened, and what to change.
 */
export class ConformanceFailure extends Error {
  /** The check that failed. */
  readonly check: ConformanceCheckId;

  constructor(check: ConformanceCheckId, message: string, options?: { cause?: unknown }) {
    super(`[${check}] ${message}`, options);
    this.name = 'ConformanceFailure';
    this.check = check;
  }
}

/** Describe any thrown value in one line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}
