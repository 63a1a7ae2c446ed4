import { afterEach, describe, expect, it } from 'vitest';
import { BillTokens } from '../auth/bill-tokens.js';
import { useSyncHmacSha256 } from '../signing/hmac-sha256.js';
import { nodeHmacSha256 } from './node-hmac-sha256.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes-1234';

describe('bill tokens through node:crypto (what serveNode installs)', () => {
  afterEach(() => useSyncHmacSha256(undefined));

  it('mints the same tokens as WebCrypto, and each checks the other', async () => {
    const tokens = await BillTokens.create(SECRET);
    const byWebCrypto = await tokens.mint('b_1');
    useSyncHmacSha256(nodeHmacSha256);
    expect(await tokens.mint('b_1')).toBe(byWebCrypto);
    expect(await tokens.verify(byWebCrypto, 'b_1')).toBe(true);
    const byNode = await tokens.mint('b_2');
    useSyncHmacSha256(undefined);
    expect(await tokens.verify(byNode, 'b_2')).toBe(true);
  });

  it('refuses another bill, another secret, and a token changed in any one character', async () => {
    useSyncHmacSha256(nodeHmacSha256);
    const tokens = await BillTokens.create(SECRET);
    const token = await tokens.mint('b_1');
    expect(await tokens.verify(token, 'b_2')).toBe(false);
    expect(await (await BillTokens.create(`${SECRET}-rotated`)).verify(token, 'b_1')).toBe(false);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Every character but the last, which also carries 2 padding bits: +1 there may leave the MAC as it was.
    for (let i = 'cbt_'.length; i < token.length - 1; i += 1) {
      const other = alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!;
      const changed = token.slice(0, i) + other + token.slice(i + 1);
      expect(await tokens.verify(changed, 'b_1'), changed).toBe(false);
    }
  });
});
