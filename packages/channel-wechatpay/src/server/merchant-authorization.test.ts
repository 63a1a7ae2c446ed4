import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { merchantAuthorization, newNonce } from './merchant-authorization.js';

// The request signature, checked with WebCrypto (another implementation) over the message WeChat Pay documents.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = { mchid: '1900000109', serialNo: '5157F09EFDC096DE15EBE81A47057A72', privateKey };

describe('the merchant Authorization header', () => {
  it('is WECHATPAY2-SHA256-RSA2048 with mchid, nonce_str, signature, timestamp and serial_no', async () => {
    const url = '/v3/pay/transactions/out-trade-no/b_abc123?mchid=1900000109';
    const header = merchantAuthorization(merchant, {
      method: 'GET',
      url,
      body: '',
      timestamp: 1554208460,
      nonce: 'N1',
    });
    const match =
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="N1",signature="([A-Za-z0-9+/=]+)",timestamp="1554208460",serial_no="5157F09EFDC096DE15EBE81A47057A72"$/.exec(
        header,
      );
    expect(match).not.toBeNull();
    const key = await webcrypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const message = new TextEncoder().encode(`GET\n${url}\n1554208460\nN1\n\n`);
    const signature = Buffer.from(match![1]!, 'base64');
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, message)).toBe(true);
  });

  it('signs the exact body text of a POST', async () => {
    const body = '{"appid":"wx1","description":"宝石 × 2"}';
    const header = merchantAuthorization(merchant, { method: 'POST', url: '/v3/x', body, timestamp: 1, nonce: 'N' });
    const signature = Buffer.from(/signature="([^"]+)"/.exec(header)![1]!, 'base64');
    const key = await webcrypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const verify = (text: string) =>
      webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new TextEncoder().encode(text));
    expect(await verify(`POST\n/v3/x\n1\nN\n${body}\n`)).toBe(true);
    expect(await verify(`POST\n/v3/x\n1\nN\n${body} \n`)).toBe(false);
  });

  it('makes a fresh 32-character nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9A-F]{32}$/);
  });
});
