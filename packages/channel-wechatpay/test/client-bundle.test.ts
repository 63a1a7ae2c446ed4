import { fileURLToPath } from 'node:url';
import { createClientBundleCheck } from '@coinslot/testing/client-bundle';
import { describe, expect, it } from 'vitest';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver, and carry none of the driver's key names or signing code.
const { browserBundle, expectNoDriver, expectBuiltEsmClean, expectBuiltCjsClean } = createClientBundleCheck({
  root: fileURLToPath(new URL('..', import.meta.url)),
  driverOnly: [
    'merchantPrivateKey',
    'apiV3Key',
    'apiV2Key',
    'wechatpayPublicKeys',
    'WECHATPAY2-SHA256-RSA2048',
    'createSign',
    'createHmac',
    'aes-256-gcm',
    '/v3/pay/transactions',
    'refundquery',
  ],
  // @coinslot/qr is checked in its own package.
  external: ['@coinslot/core', '@coinslot/qr'],
});

describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the driver entry does not pass the same check (the check itself works)', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });

  it('the built dist/index.js and dist/index.cjs carry nothing of the driver', async () => {
    await expectBuiltEsmClean();
    expectBuiltCjsClean();
  });
});
