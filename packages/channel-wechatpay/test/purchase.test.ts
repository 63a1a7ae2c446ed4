import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gameClient, type GameClient } from './purchase-client.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// Purchases through the real SDK (@coinslot/core), the real pay server (startPayServer) with the WeChat Pay driver,
// and the WeChat Pay emulator, all on loopback. The QR stand-in is the player's screen; the emulator is their phone.
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
    await expect(code.ended).resolves.toBe('aborted');
    expect((await stack.bill(result.bill.id)).state).toBe('paid');
  });
});
