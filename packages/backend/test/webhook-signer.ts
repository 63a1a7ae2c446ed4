import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { EventBody } from '@coinslot/protocol';

// Webhooks signed as the pay server signs them (the event/webhook wire format), with node:crypto alone: the
// receivers under test share no code with this signer.

/** An Ed25519 key pair: the private key that signs, and the `whpk_` public key a receiver is given. */
export function newWebhookKeyPair(): { privateKey: KeyObject; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, publicKey: `whpk_${raw.toString('base64')}` };
}

/** A new HMAC secret: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The signed content: the UTF-8 bytes of `${id}.${timestamp}.${body}`. */
const signedContent = (id: string, timestamp: number, body: string) => Buffer.from(`${id}.${timestamp}.${body}`);

/** A `v1a,<base64 Ed25519 signature>` entry. */
export const ed25519Entry = (privateKey: KeyObject, id: string, timestamp: number, body: string): string =>
  `v1a,${sign(null, signedContent(id, timestamp, body), privateKey).toString('base64')}`;

/** A `v1,<base64 HMAC-SHA256>` entry, keyed with the bytes after `whsec_`. */
export function hmacEntry(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key)
    .update(signedContent(id, timestamp, body))
    .digest('base64')}`;
}

/** The three webhook headers (and the content type) of one attempt. */
export const webhookHeaders = (id: string, timestamp: number, signatures: string[]): Record<string, string> => ({
  'content-type': 'application/json',
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signatures.join(' '),
});

/** A `bill.paid` event body as the pay server records it. */
export function paidEventBody(billId = 'b_test0000000000000001'): EventBody {
  const at = Date.UTC(2025, 0, 2, 3, 4, 5);
  const bill = {
    id: billId,
    appId: 'default',
    userId: 'player-7',
    itemId: 'gem-pack-small',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
    state: 'paid',
    createdAt: at - 60_000,
    updatedAt: at,
    paidAt: at,
    expiresAt: at + 840_000,
  } as const;
  return { type: 'bill.paid', timestamp: new Date(at).toISOString(), data: { bill } };
}
