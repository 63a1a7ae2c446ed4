import type { KeyObject } from 'node:crypto';
import type { RsaKeyPair } from './alipay-signing.js';
import type { EmulatedTrade } from './emulated-trade.js';
import type { Notifier } from './notifier.js';

/** Everything the emulated Alipay knows: the merchant's app, the keys, the trades and the notifications. */
export interface EmulatorState {
  appId: string;
  /** Alipay's own key pair: it signs answers and notifications; the public half is the merchant's "Alipay public key". */
  alipayKeys: RsaKeyPair;
  /** The merchant app's public key, which verifies the merchant's requests. */
  appPublicKey: KeyObject;
  trades: Map<string, EmulatedTrade>;
  notifier: Notifier;
  /** The emulator's clock, ms since epoch. */
  now(): number;
  /** The emulator's base URL, once it listens. */
  url: string;
}

/** A refusal in Alipay's words (`sub_code`, e.g. `ACQ.TRADE_NOT_EXIST`): a business failure at the gateway, `409` on a test route. */
export class AlipayEmulatorError extends Error {
  constructor(
    readonly subCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'AlipayEmulatorError';
  }
}
