import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { call, closeAllServers, createBill, readBill, startTestServer } from './helpers.js';

// The checkout page in a real browser: its script runs under its CSP, posts to the opener, follows returnUrl.
// Debian's Chromium is a test requirement (.ci/run installs it): without it this suite fails, it never skips.
describe('sandbox checkout page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => browser?.close());
  afterEach(closeAllServers);

  async function sandboxBill(server: { url: string }) {
    const { body } = await createBill(server);
    return body as { bill: { id: string }; launch: { checkoutUrl: string } };
  }

  /** Opens the checkout as a popup of a page on the server's origin; answers the message the popup posts. */
  async function decideInPopup(server: { url: string }, checkoutUrl: string, button: string) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/v1/keys`);
    const message = page.evaluate(
      (url) =>
        new Promise((resolve) => {
          addEventListener('message', (event) => resolve(event.data), { once: true });
          window.open(url, 'checkout', 'popup');
        }),
      checkoutUrl,
    );
    const popup = await page.waitForEvent('popup');
    // Script errors and CSP refusals in the checkout page (a favicon 404 is not the page's fault).
    const errors: string[] = [];
    popup.on('pageerror', (error) => errors.push(error.message));
    popup.on('console', (m) => m.type() === 'error' && /refused|policy/i.test(m.text()) && errors.push(m.text()));
    const closed = popup.waitForEvent('close', { timeout: 10_000 }); // listen first: it closes right after posting
    await popup.click(`#${button}`);
    const data = await message;
    await closed;
    await page.close();
    return { data: data as Record<string, unknown>, errors };
  }

  it('popup, server mode: approve posts the decision to the opener, closes, and the bill is paid', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const { data, errors } = await decideInPopup(server, launch.checkoutUrl, 'approve');
    expect(data).toEqual({ source: 'coinslot-sandbox', billId: bill.id, decision: 'approve' });
    expect(errors).toEqual([]);
    expect((await readBill(server, bill.id)).state).toBe('paid');
  }, 30_000);

  it('popup, client mode: the message carries a proof the server accepts', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const { data } = await decideInPopup(server, `${launch.checkoutUrl}&mode=client`, 'decline');
    expect(data).toMatchObject({ source: 'coinslot-sandbox', billId: bill.id, decision: 'decline' });
    expect((await readBill(server, bill.id)).state).toBe('created');
    const report = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: data.proof } });
    expect(report.body.bill).toMatchObject({ state: 'failed', failureReason: 'declined' });
  }, 30_000);

  it('redirect: cancel navigates to returnUrl with the result', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const page = await browser.newPage();
    const returnUrl = `${server.url}/v1/channels?back=1`;
    await page.goto(`${launch.checkoutUrl}&returnUrl=${encodeURIComponent(returnUrl)}`);
    await Promise.all([page.waitForURL(/\/v1\/channels\?/), page.click('#cancel')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('back')).toBe('1');
    expect(JSON.parse(landed.searchParams.get('sandboxResult')!)).toEqual({
      source: 'coinslot-sandbox',
      billId: bill.id,
      decision: 'cancel',
    });
    expect((await readBill(server, bill.id)).state).toBe('cancelled');
    await page.close();
  }, 30_000);

  it('standalone: shows the outcome; reloaded, the settled bill has no live buttons', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const page = await browser.newPage();
    await page.goto(launch.checkoutUrl);
    await page.click('#approve');
    await expect.poll(() => page.textContent('#status')).toContain('Decision sent: approve');
    expect(await page.isDisabled('#decline')).toBe(true);
    await page.reload();
    expect(await page.textContent('#status')).toContain('already paid');
    expect((await readBill(server, bill.id)).state).toBe('paid');
    await page.close();
  }, 30_000);
});
