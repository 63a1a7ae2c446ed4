import { createWechatPayDriver } from '@coinslot/channel-wechatpay/server';
import { startWechatPayEmulator } from '@coinslot/testing/emulators';
import type { EmulatedChannel } from './emulated-channel.js';

/**
 * WeChat Pay Native against the WeChat Pay emulator: the driver signs its API v3 calls with the merchant key the
 * emulator made and verifies the answers and notifications with the emulator's WeChat Pay public key. Each order
 * names the pay server's `/v1/notify/wechatpay`, so nothing needs connecting. "Scan and pay" hands the order's
 * `weixin://` code to the emulator, which pays it and notifies, as WeChat on the player's phone would.
 */
export async function startEmulatedWechatPay(): Promise<EmulatedChannel> {
  const emulator = await startWechatPayEmulator();
  return {
    id: 'wechatpay',
    emulator: 'WeChat Pay emulator',
    url: emulator.url,
    listens: `${emulator.url} (API v3 base URL for the driver)`,
    driver: createWechatPayDriver(emulator.driverOptions()),
    async scanAndPay(code) {
      if (![...emulator.orders.values()].some((order) => order.codeUrl === code)) return false;
      await emulator.scan(code);
      return true;
    },
    close: () => emulator.stop(),
  };
}
