import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// The two pages of a Stripe checkout in a real browser, with their own scripts: the emulator's hosted page (standing
// in for Stripe's) and the driver's return page on the pay server, which posts to the opener under its CSP or goes on
// to the game's returnUrl. Debian's Chromium is a test requirement: without it this suite fails, it never skips.
let browser: Browser;
let stack: StripeStack;
beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStripeStack({ returnUrl: (emulatorUrl) => `${emulatorUrl}/game/shop?level=3` });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A bill and its session, created through the pay server as core creates them. */
async function newBill(): Promise<{ billId: string; checkoutUrl: string }> {
  const response = await fetch(`${stack.url}/v1/bills`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `chromium-${Math.random().toString(36).slice(2)}`,
    },
    body: JSON.stringify({
      userId: 'player-1',
      itemId: 'gem-pack',
      quantity: 1,
      amount: 499,
      currency: 'USD',
      channel: 'stripe',
    }),
  });
  const body = (await response.json()) as { bill: { id: string }; launch: { checkoutUrl: string } };
  if (!response.ok) throw new Error(`POST /v1/bills answered ${response.status}: ${JSON.stringify(body)}`);
  return { billId: body.bill.id, checkoutUrl: body.launch.checkoutUrl };
}

/** Collects script errors and CSP refusals of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (m) => m.type() === 'error' && /refused|policy/i.test(m.text()) && errors.push(m.text()));
  return errors;
}

/** Opens Checkout as a popup of a page on the pay server's origin, clicks `decision`, answers what the popup posted. */
async function checkoutInPopup(checkoutUrl: string, decision: string) {
  const game = await browser.newPage();
  await game.goto(`${stack.url}/v1/keys`);
  const message = game.evaluate(
    (url) =>
      new Promise((resolve) => {
        addEventListener('message', (event) => resolve({ data: event.data, origin: event.origin }), { once: true });
        window.open(url, 'coinslot-stripe', 'popup');
      }),
    checkoutUrl,
  );
  const popup = await game.waitForEvent('popup');
  const errors = watchErrors(popup);
  const closed = popup.waitForEvent('close', { timeout: 10_000 });
  await popup.click(`button[data-decision="${decision}"]`);
  const posted = (await message) as { data: Record<string, unknown>; origin: string };
  await closed;
  await game.close();
  return { ...posted, errors };
}

describe('Stripe checkout pages in Chromium', () => {
  it('popup: Pay sends the webhook, Stripe redirects to the return page, which posts "completed" to the game and closes', async () => {
    const { billId, checkoutUrl } = await newBill();
    const { data, origin, errors } = await checkoutInPopup(checkoutUrl, 'pay');
    expect(data).toEqual({ source: 'coinslot-stripe', billId, status: 'completed' });
    expect(origin).toBe(new URL(stack.url).origin);
    expect(errors).toEqual([]);
    expect((await stack.bill(billId)).state).toBe('paid');
  }, 30_000);

  it('popup: Back goes to the cancel URL, whose page posts "cancelled"; the bill is left for the game to cancel', async () => {
    const { billId, checkoutUrl } = await newBill();
    const { data, errors } = await checkoutInPopup(checkoutUrl, 'leave');
    expect(data).toEqual({ source: 'coinslot-stripe', billId, status: 'cancelled' });
    expect(errors).toEqual([]);
    expect((await stack.bill(billId)).state).toBe('created');
  }, 30_000);

  it('the hosted page shows a declined card and stays, like Stripe’s', async () => {
    const { billId, checkoutUrl } = await newBill();
    const page = await browser.newPage();
    await page.goto(checkoutUrl);
    await page.click('button[data-decision="decline"]');
    await expect.poll(() => page.textContent('#status')).toBe('Your card was declined.');
    expect(page.url()).toBe(checkoutUrl);
    expect((await stack.bill(billId)).state).toBe('created');
    await page.close();
  }, 30_000);

  it('redirect: after Pay the return page goes on to the driver’s returnUrl with the message in ?stripeResult', async () => {
    const { billId, checkoutUrl } = await newBill();
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(checkoutUrl);
    await Promise.all([page.waitForURL(/\/game\/shop\?/), page.click('button[data-decision="pay"]')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('level')).toBe('3');
    expect(JSON.parse(landed.searchParams.get('stripeResult')!)).toEqual({
      source: 'coinslot-stripe',
      billId,
      status: 'completed',
    });
    expect(errors).toEqual([]);
    expect((await stack.bill(billId)).state).toBe('paid');
    await page.close();
  }, 30_000);
});
