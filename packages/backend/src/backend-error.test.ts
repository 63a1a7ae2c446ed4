import { describe, expect, it } from 'vitest';
import { BackendError } from './backend-error.js';

describe('BackendError', () => {
  it('isInstance recognises an error from another copy of the package (the Symbol.for marker)', () => {
    const copy = Object.assign(new Error('x'), { [Symbol.for('coinslot.backend-error')]: true });
    expect(BackendError.isInstance(copy)).toBe(true);
    expect(BackendError.isInstance(new Error('x'))).toBe(false);
    expect(BackendError.isInstance(null)).toBe(false);
  });

  it('keeps its code, status, retryable and cause', () => {
    const cause = new Error('socket hang up');
    const error = new BackendError('NETWORK_ERROR', 'no answer', { retryable: true, cause });
    expect(error).toMatchObject({
      name: 'BackendError',
      code: 'NETWORK_ERROR',
      status: undefined,
      retryable: true,
      cause,
    });
    expect(BackendError.isInstance(error)).toBe(true);
  });
});
