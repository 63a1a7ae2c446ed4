import { describe, expect, it } from 'vitest';
import { CHECKOUT_WINDOW_NAME } from '../src/main/window-policy.js';
import { openPlayerSave } from '../src/main/player-save.js';
// The page helpers the web shop's tests use: the two shops share their page conventions.
import { billIdOf, billIdsLogged, clickBuy } from '../../web-shop/test/shop-page.js';
import { coinsShown, gameReady, useGameInChromium } from './support/game-in-chromium.js';
import { billState, createTestBill, serverBill } from './support/pay-server.js';
import { snapshot, useSaveFolder } from './support/save-folder.js';

// The BUILT renderer in real Chromium, the BUILT preload with a Playwright binding for Electron's IPC, the main
// process's real grant service on a save folder, the game's real pay server on loopback. Waits on page states only.
const game = useGameInChromium();
const saveFolder = useSaveFolder();

/** What the page's `window.game.grant` says to an offer: `true`/`false`, or the rejection's message. */
const grantFromPage = (page: import('playwright-core').Page, offer: unknown) =>
  page.evaluate(
    (o) =>
      (window as unknown as { game: { grant(offer: unknown): Promise<boolean> } }).game
        .grant(o)
        .catch((error: Error) => error.message),
    offer,
  );

describe("the Electron game's renderer in Chromium, paying in the sandbox checkout window", () => {
  it('approve: the main process saves 550 coins once, core delivers the bill, and nothing is granted twice', async () => {
    const { page, save, saveDir } = await game.openGame(saveFolder());
    expect(await coinsShown(page, 0)).toBe(0);

    const popup = await clickBuy(page);
    // The window core opened is one the main process's setWindowOpenHandler allows, on the pay server's origin.
    const name = await popup.evaluate(() => window.name);
    expect(name).toBe(CHECKOUT_WINDOW_NAME);
    expect(game.policy().mayOpen({ url: 'about:blank', frameName: name })).toBe(true);
    expect(game.policy().popupMayNavigate(popup.url())).toBe(true);
    await popup.locator('#approve').click();

    const billId = await billIdOf(page, 'delivered');
    expect(await billIdsLogged(page, 'granted')).toEqual([billId]);
    expect(await coinsShown(page, 550)).toBe(550);
    expect(await billState(game.payServer(), billId)).toBe('delivered');
    // Core's bill journal lives in the renderer's IndexedDB (its default there), the coins in the main process's save.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain('coinslot');
    const reopened = await openPlayerSave(saveDir); // the save file as the next main process reads it
    expect(await reopened.coins(save.playerId)).toBe(550);
    expect(await reopened.hasGranted(billId)).toBe(true);

    // The same bill offered again through the bridge, as after a crash: the main process answers false.
    const offer = { billId, bill: { id: billId, userId: save.playerId, itemId: 'coins-550', quantity: 1 } };
    expect(await grantFromPage(page, offer)).toBe(false);
    await page.reload();
    await gameReady(page); // recovery ran again: nothing left to grant
    expect(await billIdsLogged(page, 'granted')).toEqual([]);
    expect(await coinsShown(page, 550)).toBe(550);
    expect(await (await openPlayerSave(saveDir)).coins(save.playerId)).toBe(550);
  }, 30_000);

  it('decline: no coins, nothing written to the save, the bill failed', async () => {
    const { page, saveDir } = await game.openGame(saveFolder());
    const before = await snapshot(saveDir);
    const popup = await clickBuy(page);
    await popup.locator('#decline').click();

    const billId = await billIdOf(page, 'declined');
    expect(await billState(game.payServer(), billId)).toBe('failed');
    expect(await billIdsLogged(page, 'granted')).toEqual([]);
    expect(await coinsShown(page, 0)).toBe(0);
    expect(await snapshot(saveDir)).toEqual(before);
    expect(await page.locator('button[data-item="coins-550"]').isEnabled()).toBe(true);
  }, 30_000);

  it('closing the checkout window cancels the bill and grants nothing', async () => {
    const { page, saveDir } = await game.openGame(saveFolder());
    const before = await snapshot(saveDir);
    const popup = await clickBuy(page);
    await popup.close();

    const billId = await billIdOf(page, 'cancelled');
    expect(await billState(game.payServer(), billId)).toBe('cancelled');
    expect(await coinsShown(page, 0)).toBe(0);
    expect(await snapshot(saveDir)).toEqual(before);
  }, 30_000);

  it('a page that forges grants gets typed errors and no coins: bad offers, and a real bill nobody paid', async () => {
    const { page, save, saveDir } = await game.openGame(saveFolder());
    const before = await snapshot(saveDir);
    const unpaid = await createTestBill(game.servers(), { userId: save.playerId, decision: 'none' });

    expect(await grantFromPage(page, { billId: 'b_1', bill: { id: 'b_2' } })).toMatch(/^INVALID_OFFER: /);
    expect(
      await grantFromPage(page, {
        billId: unpaid,
        bill: { id: unpaid, userId: save.playerId, itemId: 'coins-550', quantity: 1 },
      }),
    ).toMatch(/^NOT_PAID: /);
    expect(await snapshot(saveDir)).toEqual(before);
    expect(await coinsShown(page, 0)).toBe(0);
  }, 30_000);

  it("the renderer pays on the pay server the main process pins, with the main process's player token: no userId, no address of its own", async () => {
    const context = await game.newContext();
    const sent: import('playwright-core').Request[] = [];
    context.on('request', (request) => void (request.url().includes('/v1/') && sent.push(request)));
    // A page that put another pay server in its own URL (as the old ?payServer= did) changes nothing.
    const { page, save } = await game.openGame(saveFolder(), {
      context,
      pageUrl: (url) => `${url}?payServer=${encodeURIComponent('http://127.0.0.1:9')}`,
    });
    expect(
      await page.evaluate(() => (window as unknown as { game: { payServer(): Promise<unknown> } }).game.payServer()),
    ).toEqual({
      url: game.payServer(),
      trustedKeys: game.servers().config.trustedKeys,
    });
    const popup = await clickBuy(page);
    await popup.locator('#approve').click();
    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(game.payServer(), billId)).toMatchObject({ state: 'delivered', userId: save.playerId });

    const fromPage = sent.filter((request) => request.frame().page() === page);
    expect(fromPage.length).toBeGreaterThan(0);
    for (const request of fromPage)
      expect(request.url().startsWith(`${game.payServer()}/v1/`), request.url()).toBe(true);
    const credentials = fromPage
      .filter((r) => r.url().includes('/v1/bills'))
      .map((r) => /^Bearer (.+)$/.exec(r.headers().authorization ?? '')?.[1] ?? 'none');
    const tokens = credentials.filter((credential) => !credential.startsWith('cbt_'));
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens)
      expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({
        sub: save.playerId,
      });
    for (const request of fromPage) expect(new URL(request.url()).searchParams.has('user')).toBe(false);
  }, 30_000);
});
