import type { ChannelDriver, NotificationVerification } from '@coinslot/server';
import { EXAMPLE_HOSTED_ID } from '../channel-id.js';
import { resolveDriverOptions, type ExampleHostedDriverOptions } from './driver-options.js';
import { eventVerdict } from './notification-event.js';
import { importWebhookKey, parseSignatureHeader, SIGNATURE_HEADER, verifySignature } from './notification-signature.js';
import { createCheckoutSession } from './provider-api.js';

const refuse = (reason: string): NotificationVerification => ({ refused: true, reason });

/**
 * The example-hosted channel's **driver**: its server-side half, mounted on the pay server
 * (`createPayServer({ drivers: [createExampleHostedDriver(options)] })` from `@coinslot/server`).
 *
 * - `launch(bill)` creates the provider's checkout session with the secret API key and answers its page URL;
 * - `verifyNotification` accepts the provider's `POST /v1/notify/example-hosted` only when its HMAC signature (with
 *   the webhook secret) and timestamp verify, and reports the bill, transition, amount and currency the provider
 *   signed (or `ignored` for an event type it does not map); the pay server then checks them against the stored
 *   bill before anything changes.
 *
 * A server-result channel: no `verifyProof` (the server answers a client report `400 CHANNEL_MISMATCH`).
 *
 * @throws TypeError at once for a missing or malformed option (the pay server does not start)
 */
export function createExampleHostedDriver(options: ExampleHostedDriverOptions): ChannelDriver {
  const resolved = resolveDriverOptions(options);
  const key = importWebhookKey(resolved.webhookSecret);
  // A key that cannot be imported fails the first notification (500 INTERNAL), not the process as an unhandled rejection.
  key.catch(() => undefined);

  return {
    id: EXAMPLE_HOSTED_ID,
    resultSource: ['server'],

    launch(bill, ctx) {
      return createCheckoutSession(resolved, bill, `${ctx.publicUrl}/v1/notify/${EXAMPLE_HOSTED_ID}`);
    },

    async verifyNotification(request, rawBody, ctx) {
      const header = request.headers.get(SIGNATURE_HEADER);
      if (header === null) return refuse(`no ${SIGNATURE_HEADER} header`);
      const parsed = parseSignatureHeader(header);
      if (typeof parsed === 'string') return refuse(parsed);
      const age = Math.abs(ctx.now() / 1000 - parsed.timestamp);
      if (age > resolved.toleranceSeconds)
        return refuse(`the signature timestamp is ${Math.round(age)} s away from the server's clock`);
      if (!(await verifySignature(await key, parsed.timestamp, rawBody, parsed.signatures)))
        return refuse('bad signature');
      // Only now is the body trusted enough to read.
      return eventVerdict(rawBody);
    },
  };
}
