import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeSandboxHmac } from './node-sandbox-hmac.js';
import { SandboxSecret } from './sandbox-crypto.js';
import { useSandboxHmac, webCryptoSandboxHmac } from './sandbox-hmac.js';

const SECRET = 'sandbox-secret-for-tests';
const BODY = '{"billId":"b_1","action":"approve"}';
const reference = (text: string) => createHmac('sha256', SECRET).update(text).digest();

describe.each([
  ['WebCrypto', webCryptoSandboxHmac],
  ['node:crypto', nodeSandboxHmac],
])('the sandbox secret with %s HMAC', (_name, hmac) => {
  afterEach(() => useSandboxHmac(webCryptoSandboxHmac));

  it('signs and derives tokens as HMAC-SHA256 of the secret, and verifies only the right signature', async () => {
    useSandboxHmac(hmac);
    const secret = await SandboxSecret.create(SECRET);
    const signature = await secret.signHex(BODY);
    expect(signature).toBe(reference(BODY).toString('hex'));
    await expect(secret.verifyHex(BODY, signature)).resolves.toBe(true);
    await expect(secret.verifyHex(BODY, signature.toUpperCase())).resolves.toBe(true);
    await expect(secret.verifyHex(`${BODY} `, signature)).resolves.toBe(false);
    const lastFlipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    await expect(secret.verifyHex(BODY, lastFlipped)).resolves.toBe(false);
    await expect(secret.verifyHex(BODY, 'not hex')).resolves.toBe(false);
    const token = await secret.billToken('b_1');
    expect(token).toBe(reference('coinslot-sandbox/token\nb_1').subarray(0, 16).toString('base64url'));
    await expect(secret.checkToken('b_1', token)).resolves.toBe(true);
    await expect(secret.checkToken('b_2', token)).resolves.toBe(false);
  });
});
