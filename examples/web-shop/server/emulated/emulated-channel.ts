import type { ChannelDriver } from '@coinslot/server';
import type { ShopChannelId } from '../../src/shop-channels.js';

/**
 * A real channel's driver pointed at its provider's emulator (`@coinslot/testing/emulators`), which runs in the
 * shop's process on a free loopback port. The driver is the one a studio runs against the provider; only its
 * base URL and its test keys are the emulator's.
 */
export interface EmulatedChannel {
  /** The channel (adapter and driver) id. */
  id: ShopChannelId;
  /** What the terminal calls it: `Stripe emulator`. */
  emulator: string;
  /** The emulator's base URL, `http://127.0.0.1:<port>` (its test routes are under it). */
  url: string;
  /** Where the emulator listens, and what the driver talks to there, in words for the terminal. */
  listens: string;
  /** The channel's driver, configured against the emulator. */
  driver: ChannelDriver;
  /** Once the shop listens: where the emulator sends the notifications the driver does not name itself. */
  connect?(payServerUrl: string): void;
  /**
   * A QR channel's "scan and pay": the player's phone scans `code` and pays, as the emulator plays it. Resolves
   * `false` when the code is not one of this emulator's; rejects when the order can no longer be paid.
   */
  scanAndPay?(code: string): Promise<boolean>;
  /** Stop the emulator. */
  close(): Promise<void>;
}
