import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  backendWallet,
  billIdOf,
  clickBuy,
  grantsOf,
  newPlayerName,
  openShop,
  serverBill,
  settledBalance,
  useShopInChromium,
} from './shop-in-chromium.js';

const chromium = useShopInChromium();

/** The claims of a JWT (its signature is the pay server's business). */
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

/**
 * `name` buys the chest, closes the shop's tab and approves in the popup: a bill paid with no tab open, which the
 * backend then grants (to `name`, the bill's player) and delivers.
 */
async function paidBillOf(context: BrowserContext, name: string): Promise<string> {
  const tab = await openShop(context, chromium.url(), name);
  const popup = await clickBuy(tab);
  const billId = await billIdOf(tab, 'waiting');
  await tab.close();
  await popup.locator('#approve').click();
  await popup.getByText('Decision sent: approve.').waitFor();
  await expect
    .poll(async () => (await serverBill(chromium.url(), billId)).state, { timeout: 10_000, interval: 100 })
    .toBe('delivered');
  expect(await serverBill(chromium.url(), billId)).toMatchObject({ userId: name });
  return billId;
}

/** What the pay server answers the page for each call about `billId`, with the page's own player token. */
const tryOthersBill = (page: Page, billId: string, owner: string) =>
  page.evaluate(
    async ({ billId, owner }) => {
      const token = (
        (await (
          await fetch('/api/coinslot-token', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).json()) as { token: string }
      ).token;
      const call = async (method: string, path: string) => {
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        if (method === 'POST') headers['content-type'] = 'application/json';
        const response = await fetch(path, { method, headers, ...(method === 'POST' && { body: '{}' }) });
        return {
          status: response.status,
          code: ((await response.json()) as { error?: { code?: string } }).error?.code,
        };
      };
      return {
        read: await call('GET', `/v1/bills/${billId}`),
        result: await call('GET', `/v1/bills/${billId}/result?wait=0&nonce=${crypto.randomUUID().replaceAll('-', '')}`),
        deliver: await call('POST', `/v1/bills/${billId}/deliver`),
        cancel: await call('POST', `/v1/bills/${billId}/cancel`),
        list: await call('GET', `/v1/bills?user=${encodeURIComponent(owner)}&state=paid`),
      };
    },
    { billId, owner },
  );

describe('player identity in the web shop: the backend says who plays, the pay server believes only its tokens', () => {
  it("a second player can neither read nor deliver the first player's bill (404), nor see her coins; she finds them in any browser", async () => {
    const alice = newPlayerName();
    const billId = await paidBillOf(await chromium.newContext(), alice);

    const bob = await openShop(await chromium.newContext(), chromium.url());
    expect(await tryOthersBill(bob, billId, alice)).toEqual({
      read: { status: 404, code: 'BILL_NOT_FOUND' },
      result: { status: 404, code: 'BILL_NOT_FOUND' },
      deliver: { status: 404, code: 'BILL_NOT_FOUND' },
      cancel: { status: 404, code: 'BILL_NOT_FOUND' },
      list: { status: 403, code: 'FORBIDDEN' },
    });
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered', userId: alice });
    expect(await backendWallet(bob)).toMatchObject({ coins: 0, grants: [] }); // the session's player's wallet only

    // Alice, in a browser that never saw the purchase: the coins are the backend's, so they are there.
    const back = await openShop(await chromium.newContext(), chromium.url(), alice);
    expect(await settledBalance(back, 550)).toBe(550);
    expect(await grantsOf(back, billId)).toEqual([expect.objectContaining({ playerId: alice, coins: 550 })]);
  }, 60_000);

  it('a player cannot mark even her own bill delivered (403): only the backend, with its server key, delivers', async () => {
    const alice = newPlayerName();
    const context = await chromium.newContext();
    const page = await openShop(context, chromium.url(), alice);
    const popup = await clickBuy(page);
    await popup.close(); // a cancelled bill of hers: delivering it would be refused for its state, were it allowed
    const billId = await billIdOf(page, 'cancelled');
    const asked = await page.evaluate(async (billId) => {
      const { token } = (await (
        await fetch('/api/coinslot-token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { token: string };
      const response = await fetch(`/v1/bills/${billId}/deliver`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: response.status, code: ((await response.json()) as { error?: { code?: string } }).error?.code };
    }, billId);
    expect(asked).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
  }, 60_000);

  it("the page never sends a userId of its own: every pay server call carries the backend's token for the logged-in player or a bill token", async () => {
    const context = await chromium.newContext();
    const sent: Request[] = [];
    context.on(
      'request',
      (request) => void (new URL(request.url()).pathname.startsWith('/v1/bills') && sent.push(request)),
    );
    // The bodies as the page hands them to fetch (the network view of Chromium does not show a streamed body).
    await context.addInitScript(() => {
      const bodies: Array<{ path: string; method: string; body: string }> = [];
      const original = window.fetch.bind(window);
      Object.assign(window, { payServerBodies: bodies });
      window.fetch = async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).pathname.startsWith('/v1/bills'))
          bodies.push({
            path: new URL(request.url).pathname,
            method: request.method,
            body: await request.clone().text(),
          });
        return original(request);
      };
    });
    const name = newPlayerName();
    const page = await openShop(context, chromium.url(), name);
    const popup = await clickBuy(page);
    await popup.locator('#approve').click();
    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered', userId: name });

    const credentials = sent.map(
      (request) => /^Bearer (.+)$/.exec(request.headers().authorization ?? '')?.[1] ?? 'none',
    );
    const playerTokens = credentials.filter((credential) => !credential.startsWith('cbt_'));
    expect(playerTokens.length).toBeGreaterThan(0); // the create and recovery's listing
    for (const token of playerTokens)
      expect(claimsOf(token)).toMatchObject({ sub: name, iss: 'coinslot-example-web-shop' });
    expect(credentials.filter((credential) => credential.startsWith('cbt_')).length).toBeGreaterThan(0); // calls about the bill
    for (const request of sent) expect(new URL(request.url()).searchParams.has('user'), request.url()).toBe(false);
    expect(sent.filter((request) => request.url().endsWith('/deliver'))).toEqual([]); // the backend delivers

    const bodies = await page.evaluate(
      () =>
        (window as unknown as { payServerBodies: Array<{ path: string; method: string; body: string }> })
          .payServerBodies,
    );
    const creates = bodies.filter(({ path, method }) => method === 'POST' && path === '/v1/bills');
    expect(creates).toHaveLength(1);
    expect(JSON.parse(creates[0]!.body)).toMatchObject({ itemId: 'coins-550', channel: 'sandbox' });
    for (const { body } of bodies) expect(body).not.toContain('userId');
  }, 60_000);

  it("naming another player gets the page nothing: its token still names the session's player, and a bill for another is refused (403)", async () => {
    const name = newPlayerName();
    const page = await openShop(await chromium.newContext(), chromium.url(), name);
    const tried = await page.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      const asked = await fetch('/api/coinslot-token', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ playerId: 'victim', sub: 'victim', name: 'victim' }),
      });
      const { token } = (await asked.json()) as { token: string };
      const created = await fetch('/v1/bills', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          userId: 'victim',
          itemId: 'coins-550',
          quantity: 1,
          amount: 499,
          currency: 'USD',
          channel: 'sandbox',
        }),
      });
      return { token, created: created.status };
    });
    expect(claimsOf(tried.token)).toMatchObject({ sub: name });
    expect(tried.created).toBe(403);
  }, 60_000);
});
