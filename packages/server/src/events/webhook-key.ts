import { decodeBase64Url, encodeBase64, WEBHOOK_PUBLIC_KEY_PREFIX } from '@coinslot/protocol';

/**
 * The private Ed25519 key that signs webhooks (protocol §10), as an OKP JWK (RFC 8037): `x` is the public key and `d`
 * the private one, each 32 bytes in base64url. Keep it as secret as the result-signing key.
 */
export interface WebhookPrivateKey {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The raw public key, base64url. */
  x: string;
  /** The raw private key, base64url. */
  d: string;
}

/** A fresh webhook key: the private key for the pay server, the public key for the game backend. */
export interface WebhookKeyPair {
  privateKey: WebhookPrivateKey;
  /** `whpk_` + standard base64 of the raw 32-byte public key: what the game backend verifies webhooks with. */
  publicKey: string;
}

const ED25519 = { name: 'Ed25519' } as const;

/** Throws a `TypeError` unless `key` is a private Ed25519 JWK with 32-byte `x` and `d`. */
export function assertWebhookPrivateKey(key: unknown): asserts key is WebhookPrivateKey {
  const jwk = key as Partial<WebhookPrivateKey> | null;
  const problem =
    typeof jwk !== 'object' || jwk === null
      ? 'it is not a JWK object'
      : jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519'
        ? 'only Ed25519 keys (kty "OKP", crv "Ed25519") sign webhooks'
        : decodeBase64Url(jwk.x ?? '')?.length !== 32 || decodeBase64Url(jwk.d ?? '')?.length !== 32
          ? 'it is not a private key (x and d, 32 bytes each in base64url, are needed)'
          : undefined;
  if (problem) throw new TypeError(`Invalid webhook privateKey: ${problem}`);
}

/** The `whpk_…` public key of `key`, as the game backend configures it. */
export function webhookPublicKey(key: WebhookPrivateKey): string {
  assertWebhookPrivateKey(key);
  return WEBHOOK_PUBLIC_KEY_PREFIX + encodeBase64(decodeBase64Url(key.x)!);
}

/**
 * Generates a new Ed25519 webhook key (WebCrypto). Keep the private key stable: a game backend that configured the
 * public key refuses webhooks signed with another one.
 */
export async function generateWebhookKey(): Promise<WebhookKeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const privateKey: WebhookPrivateKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! };
  return { privateKey, publicKey: webhookPublicKey(privateKey) };
}

/** Imports `key` for signing; the imported key is not extractable. */
export function importWebhookKey(key: WebhookPrivateKey): Promise<CryptoKey> {
  assertWebhookPrivateKey(key);
  const { kty, crv, x, d } = key;
  return crypto.subtle.importKey('jwk', { kty, crv, x, d }, ED25519, false, ['sign']);
}
