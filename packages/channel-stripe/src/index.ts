/**
 * `@coinslot/channel-stripe`: the client half of the Stripe channel for Coinslot. The pay server's driver
 * (`@coinslot/channel-stripe/server`) creates a Stripe Checkout Session per bill; this adapter shows it in a popup or
 * by redirect. Browser-safe: this entry holds no key and never imports the driver or the `stripe` library.
 */
import { createStripeChannel } from './create-stripe-channel.js';

/** The adapter, one shared instance, for `() => import('@coinslot/channel-stripe')`. */
export const stripeChannel = /* @__PURE__ */ createStripeChannel();
export default stripeChannel;

export { createStripeChannel } from './create-stripe-channel.js';
export { STRIPE_CHANNEL_ID } from './channel-id.js';
export type { StripeOptions, StripePresentation } from './stripe-options.js';
export type { StripeLaunch } from './stripe-launch.js';
export { readStripeReturn, STRIPE_RETURN_PARAMETER } from './stripe-return-message.js';
export type { StripeReturnMessage, StripeReturnStatus } from './stripe-return-message.js';
