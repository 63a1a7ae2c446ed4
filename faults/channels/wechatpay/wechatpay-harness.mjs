// @ts-check
import { loadEmulators, loadWechatPayServer } from '../channel-snapshot.mjs';
import { attackerPublicPem } from '../attacker-key.mjs';
import { acceptingForgeries, withoutQuery } from '../planted-drivers.mjs';

/**
 * WeChat Pay (API v3, Native): the emulator of `@coinslot/testing/emulators` (orders, query, refunds, the v2 refund
 * list, notifications signed SHA256withRSA and encrypted AEAD_AES_256_GCM) and `createWechatPayDriver` of
 * `@coinslot/channel-wechatpay/server` pointed at it, with the APIv2 key (refund running totals). The emulator
 * retries nothing on its own: the rows re-send what WeChat Pay would retry. Prices in CNY (fen).
 * @type {import('../channel-case.mjs').ChannelHarness}
 */
export const wechatpay = {
  id: 'wechatpay',
  price: { itemId: 'gems-600-cny', amount: 600, currency: 'CNY' },
  async start({ now, plant }) {
    const { startWechatPayEmulator } = await loadEmulators();
    const { createWechatPayDriver } = await loadWechatPayServer();
    const emulator = await startWechatPayEmulator({ now });
    const options = emulator.driverOptions();
    const real = createWechatPayDriver(options);
    // The plant's second driver: the attacker's key under WeChat Pay's own key id.
    const attackers = () =>
      createWechatPayDriver({
        ...options,
        wechatpayPublicKeys: {
          [emulator.platformKey.id]: attackerPublicPem(),
        },
      });
    const driver =
      plant === 'accept-forged'
        ? acceptingForgeries(real, attackers())
        : plant === 'no-query'
          ? withoutQuery(real)
          : real;
    return {
      emulator,
      driver,
      // Each order carries its notify URL (the driver's launch names the pay server's /v1/notify/wechatpay).
      connect: () => {},
      truth: ({ bill }) => {
        const order = emulator.orders.get(bill.id);
        const refunded = (order?.refunds ?? []).filter((r) => r.status === 'SUCCESS');
        return {
          paid: order?.transactionId !== undefined,
          refundedAmount: refunded.reduce((sum, r) => sum + r.amount, 0),
          chargedBack: false,
        };
      },
      quiet: async () => {},
      close: () => emulator.stop(),
    };
  },
};
