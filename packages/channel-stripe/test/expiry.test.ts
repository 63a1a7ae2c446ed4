import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// Bills end by their own clock; Stripe's sessions live at least 30 minutes. What that means end to end.
let short: StripeStack;
let normal: StripeStack;
let browser: FakeBrowser;
beforeAll(async () => {
  browser = installFakeBrowser();
  short = await startStripeStack({ billTtlMs: 1500 });
  normal = await startStripeStack();
});
afterAll(async () => {
  await short.close();
  await normal.close();
  browser.uninstall();
});
afterEach(async () => {
  await short.emulator.webhooks.idle();
  await normal.emulator.webhooks.idle();
});

describe('expiry', () => {
  it('keeps the session open 31 minutes for a 15-minute bill (Stripe’s 30-minute minimum) and as long as a longer bill', async () => {
    const purchase = buy(normal);
    const bill = await purchase.bill;
    const session = normal.emulator.sessionFor(bill.id)!;
    // 31 minutes from the driver's clock at launch; the emulator stamps `created` a moment later (maybe a second on).
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(31 * 60 - 1);
    expect(session.expires_at - session.created).toBeLessThanOrEqual(31 * 60);
    expect(session.expires_at * 1000).toBeGreaterThan(bill.expiresAt);
    await playCheckout(normal.emulator, browser, bill.id, 'leave');
    await purchase.result;
  });

  /** Waits until the pay server has expired the bill (its sweep runs every 200 ms here). */
  const expiredAtServer = (billId: string) =>
    expect.poll(async () => (await short.bill(billId)).state, { timeout: 5000 }).toBe('expired');

  it('ends expired when nobody pays; Stripe’s later checkout.session.expired is answered 200 and changes nothing', async () => {
    const purchase = buy(short);
    const bill = await purchase.bill;
    await expiredAtServer(bill.id);
    const sessionId = short.emulator.sessionFor(bill.id)!.id;
    browser.showing(`${short.emulator.url}/c/pay/${sessionId}`)!.close();
    expect((await purchase.result).status).toBe('expired');
    const [expired] = await short.emulator.expire(sessionId);
    expect(expired?.type).toBe('checkout.session.expired');
    const attempt = short.emulator.webhooks.attempts.find((a) => a.eventId === expired?.id);
    expect(attempt?.status).toBe(200);
    expect((await short.bill(bill.id)).state).toBe('expired');
    expect(await short.billEvents(bill.id)).toEqual(['bill.expired']);
  });

  it('is paid late when the player pays the still-open session after the bill expired', async () => {
    const purchase = buy(short);
    const bill = await purchase.bill;
    await expiredAtServer(bill.id);
    await playCheckout(short.emulator, browser, bill.id, 'pay');
    expect((await purchase.result).status).toBe('paid');
    expect(await short.billEvents(bill.id)).toEqual(['bill.expired', 'bill.paid']);
  });

  it('grants a late payment through recovery when the player had closed the game’s checkout and paid afterwards', async () => {
    const purchase = buy(short);
    const bill = await purchase.bill;
    await expiredAtServer(bill.id);
    const session = short.emulator.sessionFor(bill.id)!;
    browser.showing(session.url!)!.close();
    expect((await purchase.result).status).toBe('expired');
    await short.emulator.decide(session.id, 'pay');
    expect((await short.bill(bill.id)).state).toBe('paid');
    expect(short.logs.some((line) => line.level === 'error')).toBe(false);
    const report = await purchase.coinslot.recover();
    expect(report.bills.find((entry) => entry.billId === bill.id)?.result?.status).toBe('paid');
  });

  it('cancels the bill when the merchant expires its session early through Stripe’s API', async () => {
    const purchase = buy(normal);
    const bill = await purchase.bill;
    const stripe = new Stripe(normal.emulator.secretKey, {
      host: normal.emulator.host,
      port: normal.emulator.port,
      protocol: normal.emulator.protocol,
      httpClient: Stripe.createFetchHttpClient(),
    });
    const session = await stripe.checkout.sessions.expire(normal.emulator.sessionFor(bill.id)!.id);
    await normal.emulator.webhooks.idle();
    expect((await normal.bill(bill.id)).state).toBe('cancelled');
    // Checkout now shows the session expired; the player closes it.
    browser.showing(`${normal.emulator.url}/c/pay/${session.id}`)!.close();
    expect((await purchase.result).status).toBe('cancelled');
    expect(await normal.billEvents(bill.id)).toEqual(['bill.cancelled']);
  });
});
