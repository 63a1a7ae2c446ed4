import { encodeBase64, WEBHOOK_SECRET_PREFIX } from '@coinslot/protocol';
import { importWebhookKey, webhookPublicKey, type WebhookPrivateKey } from './webhook-key.js';
import { webhookSecretBytes } from './webhook-secret.js';

/**
 * How webhooks are signed (protocol §10): with an Ed25519 private key (the default scheme, `v1a`; the game backend
 * holds only the public `whpk_…` key), or with a shared `whsec_…` secret (HMAC-SHA256, the Standard Webhooks `v1`
 * scheme, for receivers that already verify Standard Webhooks).
 */
export type WebhookSigning = { privateKey: WebhookPrivateKey } | { secret: string };

/** Signs the content of one webhook attempt. */
export interface WebhookSigner {
  /** `ed25519` (entries `v1a,…`) or `hmac-sha256` (entries `v1,…`). */
  readonly scheme: 'ed25519' | 'hmac-sha256';
  /** The `whpk_…` key receivers verify with (Ed25519 only). */
  readonly publicKey: string | undefined;
  /** The `webhook-signature` entry for `content` (the bytes of `${id}.${timestamp}.${body}`). */
  sign(content: Uint8Array<ArrayBuffer>): Promise<string>;
}

async function ed25519Signer(privateKey: WebhookPrivateKey): Promise<WebhookSigner> {
  const key = await importWebhookKey(privateKey);
  return {
    scheme: 'ed25519',
    publicKey: webhookPublicKey(privateKey),
    sign: async (content) => `v1a,${encodeBase64(new Uint8Array(await crypto.subtle.sign('Ed25519', key, content)))}`,
  };
}

async function hmacSigner(secret: string): Promise<WebhookSigner> {
  const hmac = { name: 'HMAC', hash: 'SHA-256' } as const;
  const key = await crypto.subtle.importKey('raw', webhookSecretBytes(secret), hmac, false, ['sign']);
  return {
    scheme: 'hmac-sha256',
    publicKey: undefined,
    sign: async (content) => `v1,${encodeBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))}`,
  };
}

/** The signer `signing` describes; throws a `TypeError` for a malformed key or secret. */
export async function createWebhookSigner(signing: WebhookSigning): Promise<WebhookSigner> {
  if (typeof signing !== 'object' || signing === null || 'privateKey' in signing === 'secret' in signing) {
    throw new TypeError(
      `Invalid events.signing: { privateKey: <Ed25519 JWK> } or { secret: '${WEBHOOK_SECRET_PREFIX}…' }, not both`,
    );
  }
  return 'privateKey' in signing ? ed25519Signer(signing.privateKey) : hmacSigner(signing.secret);
}
