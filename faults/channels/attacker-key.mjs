// @ts-check
import { generateKeyPairSync } from 'node:crypto';

/** @type {import('node:crypto').KeyPairKeyObjectResult | undefined} */
let key;

/**
 * The RSA 2048 key the rows' attacker signs Alipay and WeChat Pay notifications with — not the provider's. The plant
 * `accept-forged` has the driver trust it beside the provider's key. Made on first use, kept for the process.
 */
export const attackerKey = () => (key ??= generateKeyPairSync('rsa', { modulusLength: 2048 }));

/** The attacker's public key as SPKI PEM (what a driver's key option takes). */
export const attackerPublicPem = () =>
  /** @type {string} */ (attackerKey().publicKey.export({ type: 'spki', format: 'pem' }));
