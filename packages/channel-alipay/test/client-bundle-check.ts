import { fileURLToPath } from 'node:url';
import { createClientBundleCheck } from '@coinslot/testing/client-bundle';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver, and carry nothing of the driver's keys or of the SDK that signs with them.
export const alipayClientBundle = createClientBundleCheck({
  root: fileURLToPath(new URL('..', import.meta.url)),
  driverOnly: ['appPrivateKey', 'alipayPublicKey', 'alipay-sdk', 'checkNotifySign', 'PRIVATE KEY', 'createHmac'],
  // The QR view is its own package (checked on its own).
  external: ['@coinslot/core', '@coinslot/qr'],
});
