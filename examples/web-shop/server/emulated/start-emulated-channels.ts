import type { ShopChannelId } from '../../src/shop-channels.js';
import { startEmulatedAlipay } from './emulated-alipay.js';
import type { EmulatedChannel } from './emulated-channel.js';
import { startEmulatedStripe } from './emulated-stripe.js';
import { startEmulatedWechatPay } from './emulated-wechatpay.js';

/** The real channels the shop runs against their emulators, in the picker's order after the sandbox. */
export interface EmulatedChannels {
  /** Each channel, its driver and where its emulator listens. */
  channels: readonly EmulatedChannel[];
  /** Once the shop listens: tell every emulator where the pay server is. */
  connect(payServerUrl: string): void;
  /** A QR code's "scan and pay": the channel whose emulator knew the code, or `undefined` when none did. */
  scanAndPay(code: string): Promise<ShopChannelId | undefined>;
  /** Stop every emulator. */
  close(): Promise<void>;
}

/**
 * Start the Stripe, Alipay and WeChat Pay emulators on free loopback ports and each channel's driver against its
 * emulator. Nothing here reaches a real provider: every driver's base URL is an emulator's `http://127.0.0.1:…`.
 * Steam is left out: its adapter needs Electron's main process and the Steam client (examples/electron-game).
 * This module is loaded only when the shop starts with emulators (a chunk of its own in dist-server/).
 */
export async function startEmulatedChannels(): Promise<EmulatedChannels> {
  const started = await Promise.allSettled([startEmulatedStripe(), startEmulatedAlipay(), startEmulatedWechatPay()]);
  const channels = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  const close = async () => void (await Promise.all(channels.map((channel) => channel.close())));
  if (failed) {
    await close();
    throw failed.reason;
  }
  return {
    channels,
    connect(payServerUrl) {
      for (const channel of channels) channel.connect?.(payServerUrl);
    },
    async scanAndPay(code) {
      for (const channel of channels) if (await channel.scanAndPay?.(code)) return channel.id;
      return undefined;
    },
    close,
  };
}
