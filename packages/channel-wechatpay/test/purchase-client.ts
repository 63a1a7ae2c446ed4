import { createCoinslot, createMemoryStorage, type Coinslot, type PurchaseResult } from '@coinslot/core';
import { expect } from 'vitest';
import { createWechatPayChannel } from '../src/index.js';
import { qrPhone, type QrPhone, type ShownCode } from './qr-phone.js';
import type { WechatPayStack } from './wechatpay-stack.js';

/** A game client in Node: the real core, this package's adapter, and the QR stand-in as its screen. */
export interface GameClient {
  coinslot: Coinslot;
  phone: QrPhone;
  /** Buy the 6 yuan gem pack; resolves when the purchase ends. */
  buyGems(userId: string, deadlineMs?: number): Promise<PurchaseResult>;
  /** The code on screen, once the adapter shows one. */
  codeOnScreen(): Promise<ShownCode>;
}

export function gameClient(stack: WechatPayStack): GameClient {
  const phone = qrPhone();
  const coinslot = createCoinslot({
    server: stack.url,
    trustedKeys: stack.trustedKeys,
    platform: 'node',
    storage: createMemoryStorage(),
    channels: { wechatpay: async () => createWechatPayChannel({ showQr: phone.show }) },
    channelOptions: { wechatpay: { statusPollMs: 250 } },
  });
  return {
    coinslot,
    phone,
    buyGems: (userId, deadlineMs = 15_000) =>
      coinslot.purchase({ channel: 'wechatpay', userId, itemId: 'gem-pack', amount: 600, currency: 'CNY', deadlineMs }),
    async codeOnScreen() {
      await expect.poll(() => phone.open().length, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
      return phone.open().at(-1)!;
    },
  };
}
