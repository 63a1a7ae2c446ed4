import { createHmac, KeyObject } from 'node:crypto';
import type { SandboxHmac } from './sandbox-hmac.js';

// One KeyObject per imported secret: `KeyObject.from` copies the key handle, once.
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * The sandbox's HMAC-SHA256 through `node:crypto`: synchronous, no WebCrypto job. Only the Node adapter imports this
 * file, so the web entry never reaches `node:crypto`.
 */
export const nodeSandboxHmac: SandboxHmac = (key, data) => {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) keyObjects.set(key, (keyObject = KeyObject.from(key)));
  return createHmac('sha256', keyObject).update(data).digest();
};
