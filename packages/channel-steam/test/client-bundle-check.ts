import { fileURLToPath } from 'node:url';
import { createClientBundleCheck } from '@coinslot/testing/client-bundle';

// The client entry ships inside every copy of the game (main process and renderer alike): it must bundle for a
// browser (no `node:` module), reach no file of the driver, and carry nothing of the driver's secrets or how it
// signs, derives or calls Steam's publisher API.
export const steamClientBundle = createClientBundleCheck({
  root: fileURLToPath(new URL('..', import.meta.url)),
  driverOnly: [
    'publisherKey',
    'pollToken',
    'crypto.subtle',
    'createHmac',
    'ISteamMicroTxn',
    'FinalizeTxn',
    'coinslot-steam/init-token',
    'x-coinslot-steam-signature',
  ],
});
