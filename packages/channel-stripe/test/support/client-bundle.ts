import { fileURLToPath } from 'node:url';
import { createClientBundleCheck } from '@coinslot/testing/client-bundle';

/** The Stripe channel's client-bundle check: none of what only the driver knows, nor the `stripe` library. */
export const stripeClientBundle = createClientBundleCheck({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  driverOnly: [
    'secretKey',
    'webhookSecret',
    'whsec_',
    'stripe-signature',
    'constructEvent',
    'crypto.subtle',
    'createHmac',
    '/v1/checkout/sessions',
    'coinslot_bill_id',
  ],
  serverLibraries: ['stripe'],
});
