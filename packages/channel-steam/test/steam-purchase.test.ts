import { CoinslotError } from '@coinslot/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { steamOrderId } from '../src/server/index.js';
import { buyCoins, PLAYER_STEAM_ID, startSteamStack, type SteamStack } from './steam-stack.js';

// Real purchases: the real core in the "Electron main process" with the Steam adapter over the steamworks.js
// stand-in, the real pay server with the Steam driver, and the Steam emulator on loopback. The player answers
// Steam's dialog through the stand-in's overlay, exactly where a real player would.
let stack: SteamStack;
beforeEach(async () => {
  stack = await startSteamStack();
});
afterEach(() => stack.close());

/** Answers the dialog of the next order Steam shows the player, the way the player chooses. */
async function playerAnswers(answer: 'authorize' | 'decline' | 'cancel'): Promise<string> {
  const orderid = await stack.player.overlay.waitFor();
  stack.player.overlay[answer](orderid);
  return orderid;
}

const methods = () => stack.steam.calls.map((call) => call.method);

describe('a Steam purchase through core and the pay server', () => {
  it('authorized in the overlay: the driver finalizes the order once and the bill is paid', async () => {
    const coinslot = stack.coinslot();
    const [result, orderid] = await Promise.all([buyCoins(coinslot), playerAnswers('authorize')]);

    expect(result.status).toBe('paid');
    expect(orderid).toBe(await steamOrderId(result.bill.id));
    expect(await stack.bill(result.bill.id)).toMatchObject({ state: 'paid', amount: 499, currency: 'USD' });
    expect(stack.steam.order(orderid)).toMatchObject({
      status: 'Succeeded',
      steamid: PLAYER_STEAM_ID,
      currency: 'USD',
      language: 'en',
      items: [{ itemid: 1002, qty: 1, amount: 499, description: 'Chest of coins' }],
    });
    expect(methods().filter((method) => method === 'FinalizeTxn')).toEqual(['FinalizeTxn']);
    expect(stack.player.handlerCount()).toBe(0);
    expect((await coinslot.deliver(result.bill.id)).bill.state).toBe('delivered');
  });

  it('declined by Steam (insufficient funds): the bill fails as declined and nothing is captured', async () => {
    const [result, orderid] = await Promise.all([buyCoins(stack.coinslot()), playerAnswers('decline')]);
    expect(result.status).toBe('declined');
    expect(await stack.bill(result.bill.id)).toMatchObject({ state: 'failed', failureReason: 'declined' });
    expect(stack.steam.order(orderid)?.status).toBe('Failed');
    expect(methods()).not.toContain('FinalizeTxn');
  });

  it('cancelled in the overlay: the bill is cancelled and the order stays unauthorized', async () => {
    const [result, orderid] = await Promise.all([buyCoins(stack.coinslot()), playerAnswers('cancel')]);
    expect(result.status).toBe('cancelled');
    expect(await stack.bill(result.bill.id)).toMatchObject({ state: 'cancelled' });
    expect(stack.steam.order(orderid)?.status).toBe('Init');
  });

  it('passes the game’s language to InitTxn as Steam’s Web API code', async () => {
    const client = stack.steam.connectClient({ steamId: '76561197960287931', language: 'schinese' });
    const buying = buyCoins(stack.coinslot({ client }));
    client.overlay.authorize(await client.overlay.waitFor());
    expect((await buying).status).toBe('paid');
    const init = stack.steam.calls.find((call) => call.method === 'InitTxn');
    expect(init?.params).toMatchObject({ language: 'zh-CN', steamid: '76561197960287931', usersession: 'client' });
  });

  it('keeps the publisher key off the wire to the game and out of every POST URL', async () => {
    const seen: string[] = [];
    const coinslot = stack.coinslot({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push(await response.clone().text());
        return response;
      },
    });
    await Promise.all([buyCoins(coinslot), playerAnswers('authorize')]);
    expect(seen.length).toBeGreaterThan(2);
    for (const body of seen) expect(body).not.toContain(stack.steam.publisherKey);
    expect(stack.steam.calls.filter((call) => call.verb === 'POST' && call.keyInUrl)).toEqual([]);
  });

  /** Buys, expecting the launch to fail: answers the error and the bill core created (and cancelled). */
  async function failedPurchase() {
    const coinslot = stack.coinslot();
    let billId = '';
    coinslot.on('bill-created', ({ bill }) => void (billId = bill.id));
    const error = await buyCoins(coinslot).catch((caught: unknown) => caught);
    return { error: error as CoinslotError, bill: await stack.bill(billId) };
  }

  it('fails the launch when Steam refuses InitTxn (the user is not logged in), and cancels the bill', async () => {
    stack.player.logOut();
    const { error, bill } = await failedPurchase();
    expect(CoinslotError.isInstance(error) && error.code).toBe('CHANNEL_LAUNCH_FAILED');
    expect(error.message).toContain('User is not logged in');
    expect(error.retryable).toBe(false);
    expect(bill.state).toBe('cancelled');
    expect(stack.player.handlerCount()).toBe(0);
  });

  it('fails the launch, retryable, when Steam cannot be reached at InitTxn, and cancels the bill', async () => {
    stack.steam.failNext('InitTxn', { hangUp: true });
    const { error, bill } = await failedPurchase();
    expect(CoinslotError.isInstance(error) && error.code).toBe('CHANNEL_LAUNCH_FAILED');
    expect(error.retryable).toBe(true);
    expect(bill.state).toBe('cancelled');
    expect(stack.steam.order(await steamOrderId(bill.id))).toBeUndefined();
  });
});
