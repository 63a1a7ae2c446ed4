import { describe, expect, it } from 'vitest';
import { generateServerKey, isServerKey } from './server-key.js';

describe('generateServerKey', () => {
  it('is csk_ and 43 base64url characters', () => {
    expect(generateServerKey()).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
  });

  it('differs on every call', () => {
    expect(new Set(Array.from({ length: 100 }, generateServerKey)).size).toBe(100);
  });

  it('has the form the pay server accepts', () => {
    expect(isServerKey(generateServerKey())).toBe(true);
    expect(isServerKey(`csk_${'a'.repeat(31)}`)).toBe(false);
    expect(isServerKey(`sk_${'a'.repeat(43)}`)).toBe(false);
  });
});
