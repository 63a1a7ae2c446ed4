import { describe, expect, it } from 'vitest';
import { BillTokens } from './bill-tokens.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes-1234';

describe('BillTokens', () => {
  it('mints cbt_ + 43 base64url characters that verify for their own bill only', async () => {
    const tokens = await BillTokens.create(SECRET);
    const token = await tokens.mint('b_1');
    expect(token).toMatch(/^cbt_[A-Za-z0-9_-]{43}$/);
    expect(await tokens.verify(token, 'b_1')).toBe(true);
    expect(await tokens.verify(token, 'b_2')).toBe(false);
  });

  it('mints the same token for the same bill and secret (another instance checks it without shared state)', async () => {
    const [a, b] = await Promise.all([BillTokens.create(SECRET), BillTokens.create(SECRET)]);
    expect(await b.verify(await a.mint('b_1'), 'b_1')).toBe(true);
    const other = await BillTokens.create(`${SECRET}-rotated`);
    expect(await other.verify(await a.mint('b_1'), 'b_1')).toBe(false);
  });

  it('refuses a tampered, truncated or foreign-looking token', async () => {
    const tokens = await BillTokens.create(SECRET);
    const token = await tokens.mint('b_1');
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, token.slice(0, -2), token.replace('cbt_', 'csk_'), 'cbt_', `${token}=`]) {
      expect(await tokens.verify(bad, 'b_1'), bad).toBe(false);
    }
  });

  it('refuses a secret shorter than 32 bytes', async () => {
    await expect(BillTokens.create('short')).rejects.toThrow(/at least 32 bytes/);
  });
});
