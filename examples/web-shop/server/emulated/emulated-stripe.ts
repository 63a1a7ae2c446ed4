import { createStripeDriver } from '@coinslot/channel-stripe/server';
import { startStripeEmulator } from '@coinslot/testing/emulators';
import type { EmulatedChannel } from './emulated-channel.js';

/**
 * Stripe Checkout against the Stripe emulator: the official `stripe` library talks to it (`apiUrl`, its `sk_test_…`
 * key), its hosted checkout page stands in for Stripe's, and it signs its webhooks to the pay server's
 * `/v1/notify/stripe` with its `whsec_…` secret — known once the shop listens ({@link EmulatedChannel.connect}).
 */
export async function startEmulatedStripe(): Promise<EmulatedChannel> {
  const emulator = await startStripeEmulator();
  return {
    id: 'stripe',
    emulator: 'Stripe emulator',
    url: emulator.url,
    listens: `${emulator.url} (API for the stripe library; Checkout pages at /c/pay/…)`,
    driver: createStripeDriver({
      secretKey: emulator.secretKey,
      webhookSecret: emulator.webhookSecret,
      apiUrl: emulator.url,
    }),
    connect(payServerUrl) {
      emulator.webhooks.url = new URL('/v1/notify/stripe', payServerUrl).href;
    },
    close: () => emulator.close(),
  };
}
