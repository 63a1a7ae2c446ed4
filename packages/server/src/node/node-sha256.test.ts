import { afterEach, describe, expect, it } from 'vitest';
import { ServerKeys } from '../auth/server-keys.js';
import { bodyHash } from '../bills/body-hash.js';
import { sha256, useSyncSha256 } from '../signing/sha256.js';
import { nodeSha256 } from './node-sha256.js';

const KEY = `csk_${'k'.repeat(40)}`;

describe('SHA-256 through node:crypto (what serveNode installs)', () => {
  afterEach(() => useSyncSha256(undefined));

  it('answers the digests WebCrypto answers, for ASCII and for other text', async () => {
    const texts = ['', 'abc', '{"amount":499,"itemId":"coins-550"}', 'ünïcødé ✓ 🎮'];
    const byWebCrypto = await Promise.all(texts.map(sha256));
    useSyncSha256(nodeSha256);
    expect(await Promise.all(texts.map(sha256))).toEqual(byWebCrypto);
    // The known vector, so neither side is only compared with itself.
    expect(Buffer.from(await sha256('abc')).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('keeps idempotency body hashes and server-key checks the same across the switch', async () => {
    const body = { userId: 'p1', itemId: 'coins-550', amount: 499, currency: 'USD' };
    const hashed = await bodyHash(body);
    const keys = await ServerKeys.create([KEY]);
    useSyncSha256(nodeSha256);
    expect(await bodyHash({ currency: 'USD', amount: 499, itemId: 'coins-550', userId: 'p1' })).toBe(hashed);
    expect(await bodyHash({ ...body, amount: 500 })).not.toBe(hashed);
    expect(await keys.matches(KEY)).toBe(true);
    expect(await keys.matches(`${KEY}x`)).toBe(false);
  });
});
