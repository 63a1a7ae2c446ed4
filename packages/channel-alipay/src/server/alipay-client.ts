import { AlipaySdk } from 'alipay-sdk';
import type { ResolvedAlipayOptions } from './alipay-driver-options.js';

/**
 * The official SDK (`alipay-sdk`), set up for OpenAPI v2 with RSA2: it signs every request with the app's private
 * key, verifies every answer's `sign` with Alipay's public key (`validateSign: true` on each call), and verifies
 * notifications locally (`checkNotifySignV2`). `gateway` points it at Alipay, its sandbox, or an emulator.
 */
export function createAlipayClient(options: ResolvedAlipayOptions): AlipaySdk {
  return new AlipaySdk({
    appId: options.appId,
    privateKey: options.appPrivateKeyPem,
    keyType: 'PKCS8',
    alipayPublicKey: options.alipayPublicKeyPem,
    signType: 'RSA2',
    gateway: options.gateway,
    timeout: options.timeoutMs,
    camelcase: false,
  });
}
