import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readWechatPayKeys, signatureProblem } from './wechatpay-signature.js';

// WeChat Pay's signature over answers and notifications, checked against signatures made with WebCrypto
// (RSASSA-PKCS1-v1_5 / SHA-256) — another implementation than the driver's node:crypto one.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SERIAL = 'PUB_KEY_ID_0114232134912410000000000000';
const keys = readWechatPayKeys({ [SERIAL]: publicKey.export({ type: 'spki', format: 'pem' }) as string });
const NOW = 1_795_000_000_000;

async function signed(body: string, timestamp = NOW / 1000, nonce = 'n0nce4Test') {
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const message = new TextEncoder().encode(`${timestamp}\n${nonce}\n${body}\n`);
  const signature = Buffer.from(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, message)).toString('base64');
  const headers = new Headers({
    'wechatpay-timestamp': String(timestamp),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': SERIAL,
  });
  return { headers, body: new TextEncoder().encode(body) };
}

describe('WeChat Pay signatures', () => {
  it('verifies SHA256withRSA over timestamp, nonce and the exact body bytes, each followed by a newline', async () => {
    expect(signatureProblem(keys, await signed('{"id":"EV-1","summary":"支付成功"}'), NOW, 300)).toBeUndefined();
  });

  it('refuses a changed body, nonce or timestamp', async () => {
    const message = await signed('{"a":1}');
    expect(signatureProblem(keys, { ...message, body: new TextEncoder().encode('{"a":2}') }, NOW, 300)).toBe(
      'bad Wechatpay-Signature',
    );
    for (const [name, value] of [
      ['wechatpay-nonce', 'other'],
      ['wechatpay-timestamp', String(NOW / 1000 - 1)],
    ]) {
      const headers = new Headers(message.headers);
      headers.set(name!, value!);
      expect(signatureProblem(keys, { headers, body: message.body }, NOW, 300)).toBe('bad Wechatpay-Signature');
    }
  });

  it('refuses a timestamp more than the tolerance away from the clock, either way', async () => {
    expect(signatureProblem(keys, await signed('{}', NOW / 1000 - 301), NOW, 300)).toMatch(/301 s away/);
    expect(signatureProblem(keys, await signed('{}', NOW / 1000 + 301), NOW, 300)).toMatch(/301 s away/);
    expect(signatureProblem(keys, await signed('{}', NOW / 1000 - 299), NOW, 300)).toBeUndefined();
  });

  it('refuses an unknown serial, a signature probe, a missing header and a malformed timestamp', async () => {
    const message = await signed('{}');
    const change = (name: string, value: string | null) => {
      const headers = new Headers(message.headers);
      value === null ? headers.delete(name) : headers.set(name, value);
      return signatureProblem(keys, { headers, body: message.body }, NOW, 300);
    };
    expect(change('wechatpay-serial', 'PUB_KEY_ID_0999')).toBe('unknown Wechatpay-Serial "PUB_KEY_ID_0999"');
    expect(change('wechatpay-signature', 'WECHATPAY/SIGNTEST/abc')).toBe('a WeChat Pay signature probe (it must fail)');
    for (const name of ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial'])
      expect(change(name, null)).toMatch(/is missing/);
    expect(change('wechatpay-timestamp', '1.5e9')).toBe('Wechatpay-Timestamp is not a number of seconds');
  });

  it('reads keys from PEM public keys and refuses anything else, naming the serial', () => {
    expect(() => readWechatPayKeys({ PUB_KEY_ID_1: 'not a key' })).toThrow('wechatpayPublicKeys["PUB_KEY_ID_1"]');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => readWechatPayKeys({ PUB_KEY_ID_2: ec as string })).toThrow('is not an RSA key');
  });
});
