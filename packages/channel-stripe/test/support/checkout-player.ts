import type { StripeCheckoutDecision, StripeEmulator } from '@coinslot/testing/emulators';
import type { StripeReturnMessage } from '../../src/index.js';
import type { FakeBrowser } from '@coinslot/testing/browser-fakes';

/** Reads the message the pay server's return page would post, from the page itself. */
export async function returnPageMessage(url: string): Promise<StripeReturnMessage> {
  const html = await (await fetch(url)).text();
  const json = /<script type="application\/json" id="message">([^<]*)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error(`${url} is not the Stripe return page`);
  return (JSON.parse(json) as { message: StripeReturnMessage }).message;
}

/**
 * The player at Stripe Checkout: clicks a button on the emulator's hosted page for the bill's session (the emulator
 * sends its webhooks to the pay server first), then the popup follows Stripe's redirect to the pay server's return
 * page, which posts its message to the game and closes — done here with the page's own message, since the fake
 * browser runs no page scripts. A redirect checkout (no popup) or a decision that keeps the page (a decline) ends
 * at the click.
 */
export async function playCheckout(
  emulator: StripeEmulator,
  browser: FakeBrowser,
  billId: string,
  decision: StripeCheckoutDecision,
): Promise<void> {
  const session = emulator.sessionFor(billId);
  if (!session) throw new Error(`the emulator has no session for bill ${billId}`);
  const checkoutUrl = `${emulator.url}/c/pay/${session.id}`;
  const step = await emulator.decide(session.id, decision);
  const popup = browser.showing(checkoutUrl);
  if (!step.redirect || !popup) return;
  popup.url = step.redirect;
  browser.post(popup, await returnPageMessage(step.redirect), new URL(step.redirect).origin);
  popup.close();
}
