/**
 * `@coinslot/channel-stripe/server`: the Stripe channel's driver for a Coinslot pay server (`@coinslot/server`),
 * built on the official `stripe` library. This entry holds the channel's secrets: a game's bundle never imports it.
 */
export { createStripeDriver } from './create-stripe-driver.js';
export type { StripeDriverOptions } from './stripe-driver-options.js';
export { channelEntry, STRIPE_SECRET_KEY_ENV, STRIPE_WEBHOOK_SECRET_ENV } from './stripe-channel-entry.js';
export { STRIPE_EVENT_TYPES } from './map-stripe-event.js';
export { STRIPE_METADATA } from './stripe-metadata.js';
export { toStripeAmount, fromStripeAmount } from './stripe-amounts.js';
export { STRIPE_CHANNEL_ID } from '../channel-id.js';
