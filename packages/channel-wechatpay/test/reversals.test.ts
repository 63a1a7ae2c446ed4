import { afterEach, describe, expect, it } from 'vitest';
import { driverVerdict } from './notify-helpers.js';
import { gameClient, type GameClient } from './purchase-client.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// Refunds, complaints (WeChat Pay's nearest thing to a dispute) and notifications out of order, on a purchase paid
// through the real SDK, the real pay server and the emulator.
let stack: WechatPayStack;
let game: GameClient;

afterEach(async () => {
  await game.coinslot.dispose();
  await stack.close();
});

async function paidBill(options: Parameters<typeof startWechatPayStack>[1] = {}): Promise<string> {
  stack = await startWechatPayStack({}, options);
  game = gameClient(stack);
  const purchase = game.buyGems(`player-${Math.random().toString(36).slice(2)}`);
  await stack.emulator.scan((await game.codeOnScreen()).view.text);
  const result = await purchase;
  expect(result.status).toBe('paid');
  return result.bill.id;
}

const statuses = (sent: { attempts: Array<{ status: number }> }) => sent.attempts.map((attempt) => attempt.status);

describe('refunds', () => {
  it('adds partial refunds up to a running total the player’s SDK reads as refunded', async () => {
    const billId = await paidBill();
    expect(statuses(await stack.emulator.refund(billId, { amount: 200 }))).toEqual([204]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 200 });
    expect(statuses(await stack.emulator.refund(billId, { amount: 150 }))).toEqual([204]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 350 });
    await expect(game.coinslot.resume(billId)).resolves.toMatchObject({
      status: 'refunded',
      bill: { refundedAmount: 350 },
    });
  });

  it('names the refunded payment’s transaction_id in the refund’s verdict, not the refund_id', async () => {
    const billId = await paidBill();
    const refund = await stack.emulator.refund(billId, { amount: 200 });
    const order = stack.emulator.orders.get(billId)!;
    expect(order.refunds[0]?.refundId).not.toBe(order.transactionId);
    await expect(driverVerdict(stack, refund)).resolves.toMatchObject({
      transition: 'refunded',
      channelTradeNo: order.transactionId,
    });
  });

  it('counts a repeated refund notification once', async () => {
    const billId = await paidBill();
    const first = await stack.emulator.refund(billId, { amount: 100 });
    await stack.emulator.refund(billId, { amount: 100 });
    expect(await stack.emulator.resend(first)).toBe(204);
    expect(await stack.emulator.replay(first)).toBe(204);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 200 });
  });

  it('ends at the sum of two refunds notified in the opposite order', async () => {
    const billId = await paidBill();
    const first = await stack.emulator.refund(billId, { amount: 100, delivery: 'hold' });
    const second = await stack.emulator.refund(billId, { amount: 250 });
    expect(await stack.bill(billId)).toMatchObject({ refundedAmount: 350 });
    await stack.emulator.retryUndelivered();
    expect(statuses(first)).toEqual([204]);
    expect(statuses(second)).toEqual([204]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 350 });
  });

  it('applies a refund notified before the payment once WeChat Pay retries it after the payment arrived', async () => {
    stack = await startWechatPayStack({ query: { checkpointsMs: [] } });
    game = gameClient(stack);
    const purchase = game.buyGems('player-out-of-order');
    const payment = await stack.emulator.scan((await game.codeOnScreen()).view.text, { delivery: 'hold' });
    const billId = payment!.outTradeNo;
    const refund = await stack.emulator.refund(billId, { amount: 600 });
    expect(statuses(refund)).toEqual([409]);
    expect((await stack.bill(billId)).state).toBe('created');
    await stack.emulator.retryUndelivered();
    expect(statuses(payment!)).toEqual([204]);
    expect(statuses(refund)).toEqual([409, 204]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 600 });
    await expect(purchase).resolves.toMatchObject({ status: 'refunded' });
  });

  it('without an APIv2 key, takes each refund notification’s own part as the running total', async () => {
    const billId = await paidBill({ apiV2Key: false });
    await stack.emulator.refund(billId, { amount: 200 });
    expect(await stack.bill(billId)).toMatchObject({ refundedAmount: 200 });
    await stack.emulator.refund(billId, { amount: 150 });
    // The documented limit: a later, smaller part looks like a repeat; the bill shows 200 though 350 went back.
    expect(await stack.bill(billId)).toMatchObject({ refundedAmount: 200 });
    await stack.emulator.refund(billId, { amount: 250 });
    expect(await stack.bill(billId)).toMatchObject({ refundedAmount: 250 });
  });
});

describe('chargebacks', () => {
  it('has none: a complaint is answered 200 ignored and changes nothing; the refund that settles it reverses the bill', async () => {
    const billId = await paidBill();
    const complaint = await stack.emulator.complain(billId);
    expect(statuses(complaint)).toEqual([200]);
    expect((await stack.bill(billId)).state).toBe('paid');
    await stack.emulator.refund(billId);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 600 });
  });
});
