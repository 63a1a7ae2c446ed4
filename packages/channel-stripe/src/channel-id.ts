/**
 * The channel id, shared by both halves: the adapter's `id`, the driver's `id`, every Stripe bill's `channel`, the
 * key of the game's `channels` / `channelOptions` and of the server's `channels` setting, and the paths
 * `/v1/notify/stripe` (Stripe's webhook endpoint) and `/v1/stripe/return/…` (the page Stripe sends the player back
 * to). This module holds no secret: both entries import it.
 */
export const STRIPE_CHANNEL_ID = 'stripe';
