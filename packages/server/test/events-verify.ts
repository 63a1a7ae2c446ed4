import { createPublicKey, verify } from 'node:crypto';
import type { ReceivedWebhook } from './events-receiver.js';

const header = (webhook: ReceivedWebhook, name: string) => String(webhook.headers[name] ?? '');

/**
 * Verifies a webhook's `v1a` (Ed25519) signature as a game backend would, with node:crypto and the `whpk_` public
 * key only: signed content `${webhook-id}.${webhook-timestamp}.${body}`, any entry of the list may match.
 */
export function verifiesWithPublicKey(webhook: ReceivedWebhook, publicKey: string): boolean {
  const raw = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  const content = Buffer.from(
    `${header(webhook, 'webhook-id')}.${header(webhook, 'webhook-timestamp')}.${webhook.body}`,
    'utf8',
  );
  return header(webhook, 'webhook-signature')
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',');
      return version === 'v1a' && verify(null, content, key, Buffer.from(signature ?? '', 'base64'));
    });
}
