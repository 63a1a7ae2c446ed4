import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openNotification } from './notification-envelope.js';

// The resource's AEAD_AES_256_GCM, checked against resources encrypted with WebCrypto's AES-GCM — another
// implementation than the driver's node:crypto one. WeChat Pay publishes no notification with a key to check it
// against: its own SDKs test with fakes or their own test keys.
const API_V3_KEY = 'a5Qx0TzN7Lk2Vd9RwS3YpB8mHc4Ge6Uj';
const encoder = new TextEncoder();

async function encrypted(plain: string, nonce = 'Nc8kQ2vR4xZ1', aad = 'transaction', key = API_V3_KEY) {
  const aesKey = await webcrypto.subtle.importKey('raw', encoder.encode(key), 'AES-GCM', false, ['encrypt']);
  const sealed = await webcrypto.subtle.encrypt(
    { name: 'AES-GCM', iv: encoder.encode(nonce), additionalData: encoder.encode(aad) },
    aesKey,
    encoder.encode(plain),
  );
  return {
    original_type: 'transaction',
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: Buffer.from(sealed).toString('base64'),
    associated_data: aad,
    nonce,
  };
}

const body = (resource: unknown, extra: Record<string, unknown> = {}) =>
  encoder.encode(JSON.stringify({ id: 'EV-0001', event_type: 'TRANSACTION.SUCCESS', resource, ...extra }));
const KEY = Buffer.from(API_V3_KEY);

describe('notification resources', () => {
  it('decrypts with the APIv3 key, the resource’s nonce and associated data', async () => {
    const resource = await encrypted('{"out_trade_no":"b_abc123","trade_state":"SUCCESS"}');
    expect(openNotification(body(resource), KEY)).toEqual({
      id: 'EV-0001',
      eventType: 'TRANSACTION.SUCCESS',
      resource: { out_trade_no: 'b_abc123', trade_state: 'SUCCESS' },
    });
  });

  it('refuses a resource sealed with another key, or whose nonce, associated data or ciphertext changed', async () => {
    const resource = await encrypted('{"a":1}');
    const other = await encrypted('{"a":1}', undefined, undefined, 'Zz0000000000000000000000000000zZ');
    const flipped = Buffer.from(resource.ciphertext, 'base64');
    flipped[0]! ^= 1;
    for (const changed of [
      other,
      { ...resource, nonce: 'Nc8kQ2vR4xZ2' },
      { ...resource, associated_data: 'refund' },
      { ...resource, ciphertext: flipped.toString('base64') },
    ])
      expect(openNotification(body(changed), KEY)).toBe('the resource does not decrypt with the APIv3 key');
  });

  it('refuses another algorithm, a plaintext that is not a JSON object, and a malformed envelope', async () => {
    expect(openNotification(body({ ...(await encrypted('{}')), algorithm: 'AES_CBC' }), KEY)).toMatch(/unsupported/);
    expect(openNotification(body(await encrypted('[1,2]')), KEY)).toBe('the decrypted resource is not a JSON object');
    expect(openNotification(encoder.encode('success'), KEY)).toBe('the body is not UTF-8 JSON');
    expect(openNotification(body(await encrypted('{}'), { id: '' }), KEY)).toBe('id must be a non-empty string');
    expect(openNotification(body('resource'), KEY)).toBe('resource must be an object');
  });
});
