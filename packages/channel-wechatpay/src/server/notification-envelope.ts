import { createDecipheriv } from 'node:crypto';

/** A WeChat Pay API v3 notification, after its signature verified and its resource was decrypted. */
export interface WechatPayNotification {
  /** The notification id (`EV-…`): the same on every retry. */
  id: string;
  /** `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`… */
  eventType: string;
  /** The decrypted resource: a transaction or a refund. */
  resource: Record<string, unknown>;
}

const TAG_BYTES = 16;

/**
 * Decrypt a notification's `resource`: AEAD_AES_256_GCM with the APIv3 key, the resource's `nonce` (12 characters)
 * and `associated_data`; `ciphertext` is base64 of the encrypted bytes followed by the 16-byte tag. A wrong key, a
 * changed ciphertext, nonce or associated data all fail the tag check.
 */
function decryptResource(resource: Record<string, unknown>, apiV3Key: Buffer): Record<string, unknown> | string {
  const { algorithm, ciphertext, nonce, associated_data: associatedData = '' } = resource;
  if (algorithm !== 'AEAD_AES_256_GCM') return `unsupported resource algorithm ${JSON.stringify(algorithm)}`;
  if (typeof ciphertext !== 'string' || typeof nonce !== 'string' || typeof associatedData !== 'string')
    return 'resource.ciphertext, nonce and associated_data must be strings';
  const sealed = Buffer.from(ciphertext, 'base64');
  if (sealed.length <= TAG_BYTES || nonce.length === 0) return 'resource.ciphertext or nonce is too short';
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(nonce, 'utf8'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return 'the resource does not decrypt with the APIv3 key';
  }
  try {
    const value: unknown = JSON.parse(plain);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  return 'the decrypted resource is not a JSON object';
}

/**
 * Read a notification body whose signature already verified: `{ id, event_type, resource_type: 'encrypt-resource',
 * resource: { algorithm, ciphertext, nonce, associated_data, original_type } }`. Answers the notification, or why it
 * is refused.
 */
export function openNotification(rawBody: Uint8Array, apiV3Key: Buffer): WechatPayNotification | string {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch {
    return 'the body is not UTF-8 JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const { id, event_type: eventType, resource } = body as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return 'id must be a non-empty string';
  if (typeof eventType !== 'string' || eventType === '') return 'event_type must be a non-empty string';
  if (typeof resource !== 'object' || resource === null) return 'resource must be an object';
  const decrypted = decryptResource(resource as Record<string, unknown>, apiV3Key);
  return typeof decrypted === 'string' ? decrypted : { id, eventType, resource: decrypted };
}
