import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../../scripts/lib/chromium.mjs';
import { type GameServer, startGameServer } from './game-server.js';

// Core and the sandbox adapter in a real Chromium page, bundled as a game bundles them, against a real pay server.
// The popup blocker is ON: Playwright turns it off by default (--disable-popup-blocking), which would hide every
// missing user activation; the first test proves it is on. Debian's Chromium is required: this suite never skips.
let browser: Browser;
let game: GameServer;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  game = await startGameServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
}, 60_000);
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await game?.close();
});

type Entry = { status?: string; code?: string; billId?: string; message?: string };

async function openGame(options: { withoutAbortSignalAny?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  if (options.withoutAbortSignalAny) await context.addInitScript(() => delete (AbortSignal as { any?: unknown }).any); // as Safari < 17.4
  const page = await context.newPage();
  await page.goto(`${game.url}/game/`);
  await page.locator('body[data-loaded="yes"]').waitFor();
  return page;
}

const results = (page: Page) => page.evaluate(() => (window as unknown as { game: { results: Entry[] } }).game.results);
const readyOf = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { game: { ready(): Promise<{ ready: string[]; skipped: unknown[] }> } }).game.ready(),
  );
async function nthResult(page: Page, n: number): Promise<Entry> {
  await expect.poll(async () => (await results(page)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  return (await results(page))[n - 1]!;
}
/**
 * Spend the user activation Playwright's `page.evaluate` gives the page (it runs with a user gesture), so the next
 * input event alone decides whether the page has one — as for a player.
 */
async function spendActivation(page: Page): Promise<void> {
  const active = await page.evaluate(() => {
    window.open('about:blank', 'spend')?.close();
    return (navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive;
  });
  expect(active).toBe(false);
}

/** Click Approve in the sandbox checkout popup (the page posts the decision to the game and closes itself). */
async function approve(popup: Page): Promise<void> {
  await popup.locator('#approve').waitFor();
  await popup.locator('#approve').click();
}

describe('core and the sandbox in Chromium, popup blocker on', () => {
  it('the popup blocker is on: a window.open after the activation was spent is refused', async () => {
    const page = await openGame();
    // page.evaluate runs with a user gesture; the first window.open spends it, so a second must be blocked.
    const opened = await page.evaluate(() =>
      ['first', 'second'].map((name) => {
        const popup = window.open('about:blank', name);
        popup?.close();
        return popup !== null;
      }),
    );
    expect(opened).toEqual([true, false]);
  });

  it('buy on click: the checkout opens in core’s window, Approve, the purchase ends paid', async () => {
    const page = await openGame();
    expect(await readyOf(page)).toEqual({ ready: ['sandbox'], skipped: [] });
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#buy')]);
    await approve(popup);
    expect(await nthResult(page, 1)).toMatchObject({ status: 'paid' });
  }, 30_000);

  // A touch `pointerdown` gives no activation on a phone, but Chromium's emulated touch (CDP) does, so the event
  // without activation here is `pointermove`, which never has one in any browser.
  it('buy on pointermove (no activation): USER_ACTIVATION_REQUIRED keeping the bill; Continue opens it, same bill, paid', async () => {
    const page = await openGame();
    await readyOf(page);
    const box = (await page.locator('#buy-on-pointermove').boundingBox())!;
    await spendActivation(page);
    const popups: Page[] = [];
    page.on('popup', (popup) => void popups.push(popup));
    // The raw mouse, not page.hover(): Playwright's actionability checks run script with a user gesture.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const paused = await nthResult(page, 1);
    expect(paused).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED', message: 'Tap again to open the checkout.' });
    expect(paused.billId).toMatch(/^b_/);
    expect(popups).toEqual([]);

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#continue')]);
    // Core opens the window blank inside the click and sends it to the checkout once it has the bill's launch.
    await popup.locator('#approve').waitFor();
    expect(popup.url()).toContain(paused.billId);
    await approve(popup);
    expect(await nthResult(page, 2)).toEqual({ status: 'paid', billId: paused.billId });
  }, 30_000);

  it('a second Buy while the checkout is open: PURCHASE_IN_PROGRESS naming the open bill; the first goes on', async () => {
    const page = await openGame();
    await readyOf(page);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#buy')]);
    await popup.locator('#approve').waitFor();
    const firstUrl = popup.url();
    let popups = 0;
    page.on('popup', () => void (popups += 1));

    await page.bringToFront();
    await page.click('#buy');
    const refused = await nthResult(page, 1);
    expect(refused).toMatchObject({ code: 'PURCHASE_IN_PROGRESS' });
    expect(firstUrl).toContain(refused.billId);
    expect(popups).toBe(0);
    expect(popup.url()).toBe(firstUrl);

    await approve(popup);
    expect(await nthResult(page, 2)).toEqual({ status: 'paid', billId: refused.billId });
  }, 30_000);

  it('without AbortSignal.any (deleted before anything loads): a purchase still works', async () => {
    const page = await openGame({ withoutAbortSignalAny: true });
    expect(
      await page.evaluate(() =>
        (window as unknown as { game: { hasAbortSignalAny(): boolean } }).game.hasAbortSignalAny(),
      ),
    ).toBe(false);
    await readyOf(page);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#buy')]);
    await approve(popup);
    expect(await nthResult(page, 1)).toMatchObject({ status: 'paid' });
  }, 30_000);

  it('the adapter’s chunk fails to download once: load-failed, and the next ready() loads it; then a purchase works', async () => {
    game.failAdapterChunk(1);
    const before = game.adapterChunkRequests();
    const page = await openGame();
    expect(await readyOf(page)).toEqual({ ready: [], skipped: [{ channel: 'sandbox', reason: 'load-failed' }] });
    expect(await readyOf(page)).toEqual({ ready: ['sandbox'], skipped: [] });
    expect(game.adapterChunkRequests() - before).toBe(2);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#buy')]);
    await approve(popup);
    expect(await nthResult(page, 1)).toMatchObject({ status: 'paid' });
  }, 30_000);
});
