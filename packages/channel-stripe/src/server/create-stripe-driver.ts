import type { ChannelDriver, NotificationVerification } from '@coinslot/server';
import { STRIPE_CHANNEL_ID } from '../channel-id.js';
import { createCheckoutSession } from './create-checkout-session.js';
import { mapStripeEvent } from './map-stripe-event.js';
import { queryBill } from './query-bill.js';
import { returnPage } from './return-page.js';
import { fetchStripeSettlement } from './stripe-settlement.js';
import { parseStripeBalanceReport } from './stripe-settlement-file.js';
import { createStripeClient } from './stripe-client.js';
import { resolveStripeDriverOptions, type StripeDriverOptions } from './stripe-driver-options.js';
import { verifyStripeEvent } from './verify-stripe-event.js';

const refuse = (reason: string): NotificationVerification => ({ refused: true, reason });

/**
 * The Stripe channel's **driver**, the server half of `@coinslot/channel-stripe`, built on the official `stripe`
 * library. Mount it with `createPayServer({ drivers: [createStripeDriver({ secretKey, webhookSecret })] })`, or name
 * `channels.stripe` in the server's configuration file (see `channelEntry`).
 *
 * - `launch(bill)` creates the bill's Checkout Session and answers its URL (create-checkout-session.ts);
 * - `verifyNotification` takes Stripe's webhooks at `POST /v1/notify/stripe` only when `Stripe-Signature` verifies
 *   (within 300 s) and maps them to verdicts (map-stripe-event.ts);
 * - `query(bill)` asks Stripe when a webhook never came (query-bill.ts);
 * - `routes` serves the return page Stripe sends the player to (return-page.ts).
 *
 * @throws TypeError at once for a missing or malformed option (the pay server does not start)
 */
export function createStripeDriver(options: StripeDriverOptions): ChannelDriver {
  const resolved = resolveStripeDriverOptions(options);
  const stripe = createStripeClient(resolved);
  return {
    id: STRIPE_CHANNEL_ID,
    resultSource: ['server'],

    async launch(bill, ctx) {
      return { ...(await createCheckoutSession(stripe, resolved, bill, ctx)) };
    },

    async verifyNotification(request, rawBody, ctx) {
      const event = await verifyStripeEvent(rawBody, request.headers.get('stripe-signature'), {
        webhookSecret: resolved.webhookSecret,
        toleranceSeconds: resolved.toleranceSeconds,
        nowMs: ctx.now(),
      });
      if (typeof event === 'string') return refuse(event);
      if (event.livemode !== resolved.livemode)
        return refuse(
          `a ${event.livemode ? 'live' : 'test'}-mode event for a ${resolved.livemode ? 'live' : 'test'}-mode key`,
        );
      return mapStripeEvent(stripe, event);
    },

    acknowledge: () => Response.json({ received: true }),

    query: (bill, ctx) => queryBill(stripe, bill, ctx),

    routes: async (request, ctx) => returnPage(request, ctx, resolved.returnUrl),

    // Reconciliation (docs/reconciliation.md): Stripe's balance reports are in UTC.
    settlementTimeZone: 'UTC',
    fetchSettlement: (day, ctx) => fetchStripeSettlement(stripe, day, ctx),
    parseSettlementFile: (bytes) => parseStripeBalanceReport(bytes),
  };
}
