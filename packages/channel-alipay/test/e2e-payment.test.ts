import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alipayShopper } from './alipay-shopper.js';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';
import { createBill, driverVerdict } from './pay-server-calls.js';

// End to end: the game on the real SDK with the Alipay adapter (precreate QR), the real pay server with the Alipay
// driver, and the Alipay emulator answering the official alipay-sdk and notifying with RSA2 signatures.
const browser = installFakeBrowser();
const qr = fakeQrView();
let stack: AlipayStack;
let shopper: ReturnType<typeof alipayShopper>;

beforeAll(async () => {
  stack = await startAlipayStack('precreate', { server: { billTtlMs: 60_000 } });
});
afterEach(async () => shopper?.coinslot.dispose());
afterAll(async () => {
  await stack.close();
  browser.uninstall();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shown = async (billId: string) => {
  for (let i = 0; i < 50 && !qr.shown.some((view) => view.open && stack.emulator.trades.get(billId)); i += 1)
    await sleep(20);
};

describe('an Alipay purchase through core, the pay server and the emulator', () => {
  it('success: the player scans and pays; the purchase ends paid, granted once, after one "success"-acknowledged notification', async () => {
    shopper = alipayShopper(stack, qr);
    const shopping = shopper.buy('player-paid');
    const bill = await shopping.bill;
    await shown(bill.id);
    stack.emulator.scan(bill.id);
    const notification = await stack.emulator.pay(bill.id);
    const result = await shopping.result;
    expect(result).toMatchObject({ status: 'paid', granted: true });
    expect(shopper.grants).toEqual([bill.id]);
    expect(notification?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(notification?.params).toMatchObject({ trade_status: 'TRADE_SUCCESS', total_amount: '12.34' });
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'delivered', amount: 1234, currency: 'CNY' });
  });

  it('names the payment by Alipay’s trade_no, in the notification’s verdict and in the query’s answer', async () => {
    const { bill } = await createBill(stack);
    stack.emulator.scan(bill.id);
    const notification = await stack.emulator.pay(bill.id);
    const tradeNo = stack.emulator.trade(bill.id).tradeNo;
    expect(tradeNo).toMatch(/^\d{20,}$/);
    await expect(driverVerdict(stack, notification!.params)).resolves.toMatchObject({
      transition: 'paid',
      channelTradeNo: tradeNo,
    });
    await expect(stack.driver.query!(await stack.bill(bill.id), driverContext())).resolves.toEqual({
      billId: bill.id,
      transition: 'paid',
      amount: 1234,
      currency: 'CNY',
      channelTradeNo: tradeNo,
    });
  });

  it('decline: Alipay refuses the payment, the trade keeps waiting and nothing is notified; the player leaves and the bill is cancelled', async () => {
    shopper = alipayShopper(stack, qr);
    const shopping = shopper.buy('player-refused');
    const bill = await shopping.bill;
    await shown(bill.id);
    const sentBefore = stack.emulator.notifications.length;
    stack.emulator.decline(bill.id);
    expect(stack.emulator.trade(bill.id)).toMatchObject({ status: 'WAIT_BUYER_PAY', declines: 1 });
    await expect(stack.driver.query!(await stack.bill(bill.id), driverContext())).resolves.toEqual({
      pending: true,
      reason: 'WAIT_BUYER_PAY',
    });
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'created' });
    qr.showing(String(stack.emulator.trade(bill.id).qrCode))!.close();
    await expect(shopping.result).resolves.toMatchObject({ status: 'cancelled' });
    expect(stack.emulator.notifications.length).toBe(sentBefore);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'cancelled' });
  });

  it('cancel: the player closes the QR code; the bill is cancelled, and Alipay closing the trade later is a repeat answered "success"', async () => {
    shopper = alipayShopper(stack, qr);
    const shopping = shopper.buy('player-cancels');
    const bill = await shopping.bill;
    await shown(bill.id);
    qr.showing(String(stack.emulator.trade(bill.id).qrCode))!.close();
    await expect(shopping.result).resolves.toMatchObject({ status: 'cancelled' });
    const closed = await stack.emulator.closeTrade(bill.id);
    expect(closed?.params.trade_status).toBe('TRADE_CLOSED');
    expect(closed?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'cancelled' });
    expect(shopper.grants).toEqual([]);
  });
});

function driverContext() {
  return {
    publicUrl: stack.url,
    now: stack.clock.now,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  } as unknown as Parameters<NonNullable<AlipayStack['driver']['query']>>[1];
}
