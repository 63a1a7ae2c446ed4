import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gameClient, type GameClient } from './purchase-client.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// Purchases through the real SDK (@coinslot/core), the real pay server (startPayServer, its query fallback at test
// speed) with the WeChat Pay driver, and the WeChat Pay emulator, all on loopback. The QR stand-in is the player's
// screen; the emulator's scan() is their phone.
let stack: WechatPayStack;
let game: GameClient;

beforeEach(async () => {
  stack = await startWechatPayStack();
  game = gameClient(stack);
});
afterEach(async () => {
  await game.coinslot.dispose();
  await stack.close();
});

const orderOf = (billId: string) => stack.emulator.orders.get(billId)!;

describe('a WeChat Pay Native purchase', () => {
  it('is paid when the player scans the code and pays: WeChat Pay notifies, the code goes, the purchase ends paid', async () => {
    const purchase = game.buyGems('player-paid');
    const code = await game.codeOnScreen();
    expect(code.view).toMatchObject({ amount: 600, currency: 'CNY' });
    const order = [...stack.emulator.orders.values()][0]!;
    expect(order).toMatchObject({ total: 600, currency: 'CNY', codeUrl: code.view.text, tradeState: 'NOTPAY' });
    const sent = await stack.emulator.scan(code.view.text);
    expect(sent?.attempts.map((a) => a.status)).toEqual([204]);
    const result = await purchase;
    expect(result.status).toBe('paid');
    expect(result.bill.id).toBe(order.outTradeNo);
    expect(code.view.expiresAt).toBe(result.bill.expiresAt);
    await expect(code.ended).resolves.toBe('aborted');
    expect((await stack.bill(result.bill.id)).state).toBe('paid');
  });

  it('is declined when the bank refuses: WeChat Pay notifies nothing, the query fallback finds PAYERROR', async () => {
    const purchase = game.buyGems('player-declined');
    const code = await game.codeOnScreen();
    await expect(stack.emulator.scan(code.view.text, { result: 'PAYERROR' })).resolves.toBeUndefined();
    const result = await purchase;
    expect(result).toMatchObject({ status: 'declined', reason: 'declined' });
    expect(stack.emulator.notifications).toEqual([]);
    expect((await stack.bill(result.bill.id)).state).toBe('failed');
  });

  it('is cancelled when the player closes the code', async () => {
    const purchase = game.buyGems('player-closes');
    (await game.codeOnScreen()).close();
    const result = await purchase;
    expect(result.status).toBe('cancelled');
    expect((await stack.bill(result.bill.id)).state).toBe('cancelled');
  });

  it('settles a payment whose notification was lost through the query fallback', async () => {
    const purchase = game.buyGems('player-lost-notification');
    const code = await game.codeOnScreen();
    const dropped = await stack.emulator.scan(code.view.text, { delivery: 'drop' });
    expect(dropped).toMatchObject({ state: 'dropped', attempts: [] });
    const result = await purchase;
    expect(result.status).toBe('paid');
    expect((await stack.bill(result.bill.id)).state).toBe('paid');
  });

  it('applies a payment made after the player closed the code as a late payment', async () => {
    const purchase = game.buyGems('player-pays-late');
    const code = await game.codeOnScreen();
    code.close();
    const cancelled = await purchase;
    expect(cancelled.status).toBe('cancelled');
    // The player had scanned the code already and confirms on the phone: WeChat Pay's order was still open.
    const sent = await stack.emulator.scan(code.view.text);
    expect(sent?.attempts.map((a) => a.status)).toEqual([204]);
    expect((await stack.bill(cancelled.bill.id)).state).toBe('paid');
    await expect(game.coinslot.resume(cancelled.bill.id)).resolves.toMatchObject({ status: 'paid' });
  });

  it('answers a duplicate payment notification 2xx without a second change', async () => {
    const purchase = game.buyGems('player-duplicate');
    const code = await game.codeOnScreen();
    const sent = await stack.emulator.scan(code.view.text, { delivery: 'duplicate' });
    expect(sent?.attempts.map((a) => a.status)).toEqual([204, 204]);
    const result = await purchase;
    expect(result.status).toBe('paid');
    await expect(stack.emulator.resend(sent!)).resolves.toBe(204);
    const events = (await (await fetch(`${stack.url}/v1/events`)).json()) as { events: Array<{ type: string }> };
    expect(events.events.map((event) => event.type)).toEqual(['bill.paid']);
  });
});

describe('an expiring code', () => {
  beforeEach(async () => {
    await game.coinslot.dispose();
    await stack.close();
    stack = await startWechatPayStack({ billTtlMs: 2_000 });
    game = gameClient(stack);
  });

  it('ends the purchase expired when nobody pays before the bill expires, and WeChat Pay refuses the code after', async () => {
    const purchase = game.buyGems('player-too-slow');
    const code = await game.codeOnScreen();
    await expect(code.ended).resolves.toBe('expired');
    const result = await purchase;
    expect(result.status).toBe('expired');
    expect(orderOf(result.bill.id).timeExpire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    await expect(stack.emulator.scan(code.view.text)).rejects.toMatchObject({ code: 'ORDER_EXPIRED' });
    expect((await stack.bill(result.bill.id)).state).toBe('expired');
  });
});
