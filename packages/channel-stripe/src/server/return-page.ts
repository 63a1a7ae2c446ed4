import type { DriverRouteContext } from '@coinslot/server';
import { STRIPE_CHANNEL_ID } from '../channel-id.js';
import { STRIPE_RETURN_PARAMETER, type StripeReturnMessage } from '../stripe-return-message.js';

/** `/v1/stripe/return/<bill id>`: the bill id follows the protocol's rule (`[A-Za-z0-9_-]`, 1–64). */
const RETURN_PATH = new RegExp(`^/v1/${STRIPE_CHANNEL_ID}/return/([A-Za-z0-9_-]{1,64})$`);

const TEXT = {
  completed: 'Thank you — you can go back to the game, which shows your purchase once Stripe confirms it.',
  cancelled: 'Checkout was cancelled. You can go back to the game.',
};

function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page Stripe sends the player to after Checkout (`success_url` / `cancel_url`): it tells the game, which
 * decides nothing from it (stripe-return-message.ts). In a popup it posts {@link StripeReturnMessage} to
 * `window.opener` (any target origin: it carries no secret) and closes; after a redirect it goes on to `returnUrl`
 * with the message in `?stripeResult=`; with neither, it says so in words.
 * @returns the page, or `undefined` for a path that is not the return page (`404`)
 */
export function returnPage(
  request: Request,
  ctx: DriverRouteContext,
  returnUrl: string | undefined,
): Response | undefined {
  const match = RETURN_PATH.exec(ctx.url.pathname);
  if (!match || request.method !== 'GET') return undefined;
  const status = ctx.url.searchParams.get('status') === 'cancelled' ? 'cancelled' : 'completed';
  const message: StripeReturnMessage = { source: 'coinslot-stripe', billId: match[1]!, status };
  const once = nonce();
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Back to the game</title></head>
<body>
<p id="status">${TEXT[status]}</p>
<script type="application/json" id="message">${json({ message, returnUrl: returnUrl ?? null, parameter: STRIPE_RETURN_PARAMETER })}</script>
<script nonce="${once}">
const { message, returnUrl, parameter } = JSON.parse(document.getElementById('message').textContent);
if (window.opener && !window.opener.closed) {
  window.opener.postMessage(message, '*');
  window.close();
} else if (returnUrl) {
  const back = new URL(returnUrl);
  back.searchParams.set(parameter, JSON.stringify(message));
  location.replace(back.href);
}
</script>
</body></html>
`;
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${once}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    },
  });
}
