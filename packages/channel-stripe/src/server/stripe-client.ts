import Stripe from 'stripe';
import type { ResolvedStripeDriverOptions } from './stripe-driver-options.js';

/**
 * The official `stripe` library, configured for the driver: `host`/`port`/`protocol` from `apiUrl` (Stripe, or an
 * emulator on loopback), its fetch-based HTTP client (so the driver also runs where `fetch` is all there is), no
 * telemetry header, and its own idempotency keys and retries for calls that fail on the network. The API version
 * is the one the library pins.
 */
export function createStripeClient(options: ResolvedStripeDriverOptions): Stripe {
  return new Stripe(options.secretKey, {
    host: options.api.host,
    port: options.api.port,
    protocol: options.api.protocol,
    httpClient: Stripe.createFetchHttpClient(options.fetch),
    timeout: options.timeoutMs,
    maxNetworkRetries: options.maxNetworkRetries,
    telemetry: false,
    appInfo: { name: 'coinslot-channel-stripe', url: 'https://github.com/coinslot' },
  });
}
