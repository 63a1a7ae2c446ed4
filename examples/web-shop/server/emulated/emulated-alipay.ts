import { createAlipayDriver } from '@coinslot/channel-alipay/server';
import { startAlipayEmulator } from '@coinslot/testing/emulators';
import type { EmulatedChannel } from './emulated-channel.js';

/**
 * Alipay's precreate QR flow against the Alipay emulator: `alipay-sdk` signs its gateway calls with the app key the
 * emulator made and checks the answers and notifications with the emulator's "Alipay public key". Each request names
 * the pay server's `/v1/notify/alipay`, so nothing needs connecting. A precreated code encodes
 * `<emulator>/qr/<trade no>`: "scan and pay" finds that trade and pays it, as the buyer's Alipay app would.
 */
export async function startEmulatedAlipay(): Promise<EmulatedChannel> {
  const emulator = await startAlipayEmulator();
  const codePrefix = `${emulator.url}/qr/`;
  return {
    id: 'alipay',
    emulator: 'Alipay emulator',
    url: emulator.url,
    listens: `${emulator.gateway} (the gateway for alipay-sdk)`,
    driver: createAlipayDriver({
      appId: emulator.appId,
      appPrivateKey: emulator.appPrivateKey!,
      alipayPublicKey: emulator.alipayPublicKey,
      gateway: emulator.gateway,
      flow: 'precreate',
    }),
    async scanAndPay(code) {
      if (!code.startsWith(codePrefix)) return false;
      const tradeNo = code.slice(codePrefix.length);
      const trade = [...emulator.trades.values()].find((candidate) => candidate.tradeNo === tradeNo);
      if (!trade) return false;
      await emulator.pay(trade.outTradeNo);
      return true;
    },
    close: () => emulator.close(),
  };
}
