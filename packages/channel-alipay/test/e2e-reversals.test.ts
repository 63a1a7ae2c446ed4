import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alipayShopper } from './alipay-shopper.js';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';
import { createBill, driverVerdict, eventTypes } from './pay-server-calls.js';

// Refunds: Alipay notifies each refund on the same trade with refund_fee, its running total in yuan — TRADE_SUCCESS
// after a partial refund, TRADE_CLOSED after a full one. Chargebacks are not part of Alipay's notification model.
const browser = installFakeBrowser();
const qr = fakeQrView();
let stack: AlipayStack;
let shopper: ReturnType<typeof alipayShopper> | undefined;

beforeAll(async () => void (stack = await startAlipayStack('precreate')));
afterEach(async () => shopper?.coinslot.dispose());
afterAll(async () => {
  await stack.close();
  browser.uninstall();
});

/** A bill for the gem pack (12.34 yuan) that the player scanned and paid. */
async function paidBill(): Promise<string> {
  const { bill } = await createBill(stack);
  stack.emulator.scan(bill.id);
  await stack.emulator.pay(bill.id);
  return bill.id;
}

describe('Alipay refunds and chargebacks', () => {
  it('a partial then a full refund: refunded with the running total (500, then 1234), the game told by core', async () => {
    shopper = alipayShopper(stack, qr);
    const shopping = shopper.buy('player-refunded');
    const bill = await shopping.bill;
    stack.emulator.scan(bill.id);
    await stack.emulator.pay(bill.id);
    await expect(shopping.result).resolves.toMatchObject({ status: 'paid' });

    const partial = await stack.emulator.refund(bill.id, { amount: '5.00' });
    expect(partial?.params).toMatchObject({ trade_status: 'TRADE_SUCCESS', refund_fee: '5.00' });
    expect(partial?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    const told: number[] = [];
    shopper.coinslot.on('bill-refunded', ({ bill }) => void told.push(bill.refundedAmount!));
    await expect(shopper.coinslot.resume(bill.id)).resolves.toMatchObject({
      status: 'refunded',
      bill: { refundedAmount: 500 },
    });

    const rest = await stack.emulator.refund(bill.id);
    expect(rest?.params).toMatchObject({ trade_status: 'TRADE_CLOSED', refund_fee: '12.34' });
    expect(rest?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    await expect(shopper.coinslot.resume(bill.id)).resolves.toMatchObject({ bill: { refundedAmount: 1234 } });
    expect(told).toEqual([500, 1234]);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 1234 });
    expect(await eventTypes(stack, bill.id)).toEqual(['bill.paid', 'bill.delivered', 'bill.refunded', 'bill.refunded']);
  });

  it('out of order: a refund notified before its payment is refused 409, then applies on its retry after the payment', async () => {
    const { bill } = await createBill(stack);
    stack.emulator.scan(bill.id);
    const payment = await stack.emulator.pay(bill.id, { delivery: 'hold' });
    const refund = await stack.emulator.refund(bill.id, { amount: '1.00' });
    expect(refund?.attempts[0]?.status).toBe(409);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'created' });
    await stack.emulator.releaseHeld();
    expect(payment?.acknowledged).toBe(true);
    await stack.emulator.redeliver(refund!);
    expect(refund?.attempts.at(-1)).toEqual({ status: 200, answer: 'success' });
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 100 });
  });

  it('out of order: of two partial refunds the later total wins; the earlier one, arriving last, is a repeat', async () => {
    const billId = await paidBill();
    const first = await stack.emulator.refund(billId, { amount: '3.00', delivery: 'hold' });
    const second = await stack.emulator.refund(billId, { amount: '2.00' });
    expect(second?.params.refund_fee).toBe('5.00');
    await stack.emulator.releaseHeld();
    expect(first?.params.refund_fee).toBe('3.00');
    expect(first?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'refunded', refundedAmount: 500 });
    expect(await eventTypes(stack, billId)).toEqual(['bill.paid', 'bill.refunded']);
  });

  it('a refund’s verdict names the original payment’s trade_no, not the refund', async () => {
    const billId = await paidBill();
    const refund = await stack.emulator.refund(billId, { amount: '1.00' });
    await expect(driverVerdict(stack, refund!.params)).resolves.toMatchObject({
      transition: 'refunded',
      refundedAmount: 100,
      channelTradeNo: stack.emulator.trade(billId).tradeNo,
    });
  });

  it('chargeback: Alipay has none — a verified notification of another type is ignored (200) and changes nothing', async () => {
    const billId = await paidBill();
    const other = await stack.emulator.sendSigned(`${stack.url}/v1/notify/alipay`, {
      notify_type: 'trade_complain_notify',
      notify_id: 'complaint-1',
      notify_time: stack.emulator.notifications.at(-1)!.params.notify_time!,
      app_id: stack.emulator.appId,
      charset: 'utf-8',
      version: '1.0',
      out_trade_no: billId,
    });
    expect(other.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(await stack.bill(billId)).toMatchObject({ state: 'paid' });
    expect(await eventTypes(stack, billId)).toEqual(['bill.paid']);
  });
});
