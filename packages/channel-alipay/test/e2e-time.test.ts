import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { alipayShopper } from './alipay-shopper.js';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';

// Time on the pay server's and the emulator's shared clock: expiry, a payment whose notification comes after the
// bill expired, and notifications that never come — settled by the server's query fallback through
// alipay.trade.query. Each test starts its own stack with the query options it needs.
const browser = installFakeBrowser();
const qr = fakeQrView();
const stacks: AlipayStack[] = [];
let shopper: ReturnType<typeof alipayShopper> | undefined;

afterEach(async () => {
  await shopper?.coinslot.dispose();
  await Promise.all(stacks.splice(0).map((stack) => stack.close()));
});
afterAll(() => browser.uninstall());

const TTL = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stackWith(query: { checkpointsMs?: number[]; afterExpiryMs?: number | false }) {
  const stack = await startAlipayStack('precreate', {
    server: { billTtlMs: TTL, sweepIntervalMs: 50, query: { intervalMs: 50, ...query } },
  });
  stacks.push(stack);
  shopper = alipayShopper(stack, qr);
  return stack;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('Alipay bills over time', () => {
  it('expiry: nobody pays, the bill expires with the purchase; Alipay then closes the trade — a repeat (success), the bill stays expired', async () => {
    const stack = await stackWith({ checkpointsMs: [], afterExpiryMs: false });
    const shopping = shopper!.buy('player-waits');
    const bill = await shopping.bill;
    stack.clock.advance(TTL + 1000);
    await expect(shopping.result).resolves.toMatchObject({ status: 'expired' });
    expect(qr.shown.at(-1)?.open).toBe(false);
    // Alipay's own close at time_expire: a TRADE_CLOSED the driver reports as "cancelled" — an unpaid outcome on a
    // bill already settled unpaid, so a repeat (protocol §1): answered `success` once, nothing changes.
    const closed = await stack.emulator.closeTrade(bill.id);
    expect(closed?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'expired' });
  });

  it('late payment: paid in time, notified after the bill expired (held), the bill turns paid and recovery grants it', async () => {
    const stack = await stackWith({ checkpointsMs: [], afterExpiryMs: false });
    const shopping = shopper!.buy('player-late');
    const bill = await shopping.bill;
    stack.emulator.scan(bill.id);
    const held = await stack.emulator.pay(bill.id, { delivery: 'hold' });
    expect(held?.attempts).toEqual([]);
    stack.clock.advance(TTL + 1000);
    await expect(shopping.result).resolves.toMatchObject({ status: 'expired' });
    await stack.emulator.releaseHeld();
    expect(held?.attempts).toEqual([{ status: 200, answer: 'success' }]);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'paid' });
    await shopper!.coinslot.recover();
    expect(shopper!.grants).toEqual([bill.id]);
  });

  it('lost notification: Alipay never delivers it; the query fallback asks alipay.trade.query and the purchase ends paid', async () => {
    const stack = await stackWith({ checkpointsMs: [30_000], afterExpiryMs: false });
    const shopping = shopper!.buy('player-lost');
    const bill = await shopping.bill;
    stack.emulator.scan(bill.id);
    const lost = await stack.emulator.pay(bill.id, { delivery: 'drop' });
    await sleep(200);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'created' });
    stack.clock.advance(30_000);
    await expect(shopping.result).resolves.toMatchObject({ status: 'paid', granted: true });
    expect(lost).toMatchObject({ delivery: 'drop', attempts: [] });
    expect(shopper!.grants).toEqual([bill.id]);
  });

  it('lost notification after the player left: the check after expiry finds the payment and the cancelled bill turns paid', async () => {
    const stack = await stackWith({ checkpointsMs: [], afterExpiryMs: 1000 });
    const shopping = shopper!.buy('player-left');
    const bill = await shopping.bill;
    stack.emulator.scan(bill.id);
    await stack.emulator.pay(bill.id, { delivery: 'drop' });
    await until(() => qr.showing(String(stack.emulator.trade(bill.id).qrCode)) !== undefined, 'the QR code shows');
    qr.showing(String(stack.emulator.trade(bill.id).qrCode))!.close();
    await expect(shopping.result).resolves.toMatchObject({ status: 'cancelled' });
    stack.clock.advance(TTL + 2000);
    await until(async () => (await stack.bill(bill.id)).state === 'paid', 'the query settles the bill');
    await shopper!.coinslot.recover();
    expect(shopper!.grants).toEqual([bill.id]);
  });

  it('query: a code nobody scanned is pending (ACQ.TRADE_NOT_EXIST); a closed trade is cancelled; an answer signed by another key is refused', async () => {
    const stack = await stackWith({ checkpointsMs: [], afterExpiryMs: false });
    const shopping = shopper!.buy('player-queried');
    const bill = await shopping.bill;
    const ctx = { publicUrl: stack.url, now: stack.clock.now, logger: console } as never;
    await expect(stack.driver.query!(bill, ctx)).resolves.toEqual({ pending: true, reason: 'ACQ.TRADE_NOT_EXIST' });
    await stack.emulator.closeTrade(bill.id, { delivery: 'drop' });
    await expect(stack.driver.query!(bill, ctx)).resolves.toEqual({
      billId: bill.id,
      transition: 'cancelled',
      amount: 1234,
      currency: 'CNY',
      channelTradeNo: stack.emulator.trade(bill.id).tradeNo,
    });
    const other = await startAlipayStack('precreate');
    stacks.push(other);
    // A driver that trusts another "Alipay public key": the emulator's signed answer does not verify.
    const { createAlipayDriver } = await import('../src/server/index.js');
    const stranger = createAlipayDriver({
      appId: stack.emulator.appId,
      appPrivateKey: stack.emulator.appPrivateKey!,
      alipayPublicKey: other.emulator.alipayPublicKey,
      gateway: stack.emulator.gateway,
    });
    await expect(stranger.query!(bill, ctx)).resolves.toMatchObject({ refused: true });
    qr.showing(String(stack.emulator.trade(bill.id).qrCode))?.close();
    await shopping.result;
  });
});
