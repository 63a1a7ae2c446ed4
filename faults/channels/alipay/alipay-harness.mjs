// @ts-check
import { until } from '../../lib/random.mjs';
import { loadAlipayServer, loadEmulators } from '../channel-snapshot.mjs';
import { attackerPublicPem } from '../attacker-key.mjs';
import { acceptingForgeries, withoutQuery } from '../planted-drivers.mjs';

/** The emulator's re-deliveries of a notification not answered `success`: Alipay's schedule (25 h), shortened. */
const RETRY_DELAYS_MS = [100, 300, 1000, 3000];

/**
 * Whether Alipay is done with every notification: acknowledged, or not to be sent (held, lost), or out of retries.
 * @param {import('@coinslot/testing/emulators').AlipayEmulator} emulator
 */
const doneNotifying = (emulator) =>
  emulator.notifications.every(
    (n) => n.acknowledged || n.delivery !== 'send' || n.attempts.length > RETRY_DELAYS_MS.length,
  );

/**
 * Alipay: the emulator of `@coinslot/testing/emulators` (the `/gateway.do` subset, RSA2-signed answers and
 * asynchronous notifications) and `createAlipayDriver` of `@coinslot/channel-alipay/server` pointed at its gateway,
 * precreate flow (a QR code the player scans). Prices in CNY (fen).
 * @type {import('../channel-case.mjs').ChannelHarness}
 */
export const alipay = {
  id: 'alipay',
  price: { itemId: 'gems-500-cny', amount: 1234, currency: 'CNY' },
  async start({ now, plant }) {
    const { startAlipayEmulator } = await loadEmulators();
    const { createAlipayDriver } = await loadAlipayServer();
    const emulator = await startAlipayEmulator({ now, retryDelaysMs: RETRY_DELAYS_MS });
    const options = {
      appId: emulator.appId,
      appPrivateKey: /** @type {string} */ (emulator.appPrivateKey),
      gateway: emulator.gateway,
      flow: /** @type {const} */ ('precreate'),
    };
    const real = createAlipayDriver({ ...options, alipayPublicKey: emulator.alipayPublicKey });
    // The plant's second driver: the attacker's key as "the Alipay public key".
    const attackers = () =>
      createAlipayDriver({
        ...options,
        alipayPublicKey: attackerPublicPem(),
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
      // The notify URL comes with each trade (the driver's launch names the pay server's /v1/notify/alipay).
      connect: () => {},
      truth: ({ bill }) => {
        const trade = emulator.trades.get(bill.id);
        return { paid: trade?.paidAt !== undefined, refundedAmount: trade?.refundedFen ?? 0, chargedBack: false };
      },
      quiet: async () => void (await until(() => doneNotifying(emulator), 20_000)),
      close: () => emulator.close(),
    };
  },
};
