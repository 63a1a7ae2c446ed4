import { runChannelConformance, type DriveContext } from '@coinslot/testing/conformance';
import { expect } from 'vitest';
import { createWechatPayChannel } from '../src/index.js';
import { qrPhone, type ShownCode } from './qr-phone.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// The adapter, through the real core, against a REAL @coinslot/server whose only driver is this package's driver,
// talking to the WeChat Pay emulator on loopback: every purchase places a Native order; the "player" scans the code
// on the QR stand-in and pays at the emulator, which notifies the pay server with a signed, encrypted notification;
// a declined payment (never notified by WeChat Pay) is found by the server's query fallback.
const phone = qrPhone();
let stack: WechatPayStack | undefined;

async function codeOf(ctx: DriveContext): Promise<ShownCode> {
  const text = String(ctx.launch.codeUrl);
  await expect.poll(() => phone.shown.get(text), { timeout: 5_000, interval: 10 }).toBeDefined();
  return phone.shown.get(text)!;
}

/** The player pays on the phone; for `duplicate`, the second run is WeChat Pay retrying the same notification. */
async function pay(ctx: DriveContext): Promise<void> {
  const code = await codeOf(ctx);
  const order = stack!.emulator.orders.get(ctx.bill.id)!;
  if (order.transactionId !== undefined) {
    const sent = stack!.emulator.notifications.filter((n) => n.outTradeNo === ctx.bill.id).at(-1)!;
    await stack!.emulator.resend(sent);
    return;
  }
  await stack!.emulator.scan(code.view.text);
}

runChannelConformance({
  name: 'wechatpay on a real pay server and the WeChat Pay emulator',
  channel: () => createWechatPayChannel({ showQr: phone.show }),
  environment: { platform: 'node' },
  server: { start: async () => (stack = await startWechatPayStack()) },
  channelOptions: () => ({ statusPollMs: 250 }),
  purchase: { currency: 'CNY' },
  drive: {
    approve: pay,
    decline: async (ctx) => void (await stack!.emulator.scan((await codeOf(ctx)).view.text, { result: 'PAYERROR' })),
    cancel: async (ctx) => (await codeOf(ctx)).close(),
  },
});
