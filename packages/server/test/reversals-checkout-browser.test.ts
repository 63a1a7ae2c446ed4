import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { call, closeAllServers, createBill, readBill, startTestServer } from './helpers.js';

// The checkout page's development reversal controls in a real browser: their script runs under the page's CSP,
// posts to the refund and chargeback routes and reloads. Debian's Chromium is a test requirement (never skipped).
describe('sandbox checkout reversal controls in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => browser?.close());
  afterEach(closeAllServers);

  /** A paid sandbox bill's checkout page, open in a new tab that records script errors and CSP refusals. */
  async function paidCheckout(server: { url: string }) {
    const { body } = await createBill(server);
    const { bill, launch } = body as { bill: { id: string }; launch: { checkoutUrl: string; decideUrl: string } };
    await call(server, launch.decideUrl, { json: { decision: 'approve' } });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => m.type() === 'error' && /refused|policy/i.test(m.text()) && errors.push(m.text()));
    await page.goto(launch.checkoutUrl);
    return { bill, page, errors };
  }

  /** Clicks `selector` and waits for the reload that follows a sent reversal. */
  const clickAndReload = (page: Page, selector: string) =>
    Promise.all([page.waitForEvent('load'), page.click(selector)]);

  it('Refund with a part refunds it, and the reloaded page offers what is left', async () => {
    const server = await startTestServer();
    const { bill, page, errors } = await paidCheckout(server);
    await page.fill('#refund-amount', '100');
    await clickAndReload(page, '#refund');
    expect(await page.textContent('#status')).toContain('already refunded ($1.00 of $4.99 refunded)');
    expect(await page.inputValue('#refund-amount')).toBe('399');
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 100 });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('Open chargeback charges the bill back, and the reloaded page offers no reversal', async () => {
    const server = await startTestServer();
    const { bill, page, errors } = await paidCheckout(server);
    await clickAndReload(page, '#chargeback');
    expect(await page.textContent('#status')).toContain('already charged_back');
    expect(await page.$('button[data-reversal]')).toBeNull();
    expect((await readBill(server, bill.id)).state).toBe('charged_back');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('a refund the server refuses shows its error and keeps the controls live', async () => {
    const server = await startTestServer();
    const { bill, page } = await paidCheckout(server);
    await page.fill('#refund-amount', '5000');
    await page.click('#refund');
    await expect.poll(() => page.textContent('#status')).toContain('Could not send the refund (INVALID_FIELD');
    expect(await page.isDisabled('#refund')).toBe(false);
    expect((await readBill(server, bill.id)).state).toBe('paid');
    await page.close();
  }, 30_000);
});
