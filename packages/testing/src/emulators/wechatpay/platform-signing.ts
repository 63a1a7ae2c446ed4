import { createCipheriv, createSign } from 'node:crypto';
import { randomText, type EmulatedPlatformKey } from './emulator-credentials.js';

/** The headers of a signed answer or notification. */
export type SignedHeaders = Record<string, string>;

/**
 * Sign `body` as WeChat Pay does its answers and notifications: SHA256withRSA over `timestamp\nnonce\nbody\n` with the
 * platform key, in `Wechatpay-Timestamp`, `-Nonce`, `-Signature` (base64) and `-Serial` (the key id).
 */
export function signAsWechatPay(
  key: Pick<EmulatedPlatformKey, 'id' | 'privateKey'>,
  body: string,
  timestampSeconds: number,
): SignedHeaders {
  const nonce = randomText(32);
  const signature = createSign('RSA-SHA256')
    .update(`${timestampSeconds}\n${nonce}\n${body}\n`, 'utf8')
    .sign(key.privateKey, 'base64');
  return {
    'wechatpay-timestamp': String(timestampSeconds),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': key.id,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/** A notification's encrypted `resource`. */
export interface EncryptedResource {
  original_type: string;
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/**
 * Encrypt a notification's resource as WeChat Pay does: AES-256-GCM with the APIv3 key, a 12-character nonce and the
 * resource type as associated data; `ciphertext` is base64 of the encrypted bytes followed by the 16-byte tag.
 */
export function encryptResource(apiV3Key: string, originalType: string, resource: unknown): EncryptedResource {
  const nonce = randomText(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(originalType, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    associated_data: originalType,
    nonce,
  };
}

/** RFC 3339 in China Standard Time (UTC+08:00), as WeChat Pay writes its times. */
export function chinaTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
