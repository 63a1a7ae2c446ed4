import type { CreateBillBody } from '@coinslot/protocol';
import type { ChannelResolution } from '../channels/channel-resolution.js';
import type { PayServerClient } from '../client/pay-server-client.js';
import type { ChannelLogger, Platform } from '../contract/payment-interface.js';
import type { FinishDeps } from '../deliver/finish-bill.js';
import type { Operations } from '../internal/operations.js';
import type { CheckoutSlot } from './checkout-slot.js';
import type { CreatedPurchase } from './follow-bill.js';

/** The channels of one instance, as a purchase sees them. */
export interface InstanceChannels {
  /** Resolve the app's channels (memoised): what `coinslot.ready()` answers. */
  ready(): Promise<ChannelResolution>;
  /** The resolution when `ready()` has already finished, so `purchase()` can decide on a popup synchronously. */
  resolved(): ChannelResolution | undefined;
  /** The app's options for each channel, keyed by channel id. */
  options: Record<string, unknown>;
  /** A logger prefixed with the channel id, for adapters. */
  logger(channel: string): ChannelLogger;
}

/** What every bill says about the game that created it. */
export type BillLabels = Pick<CreateBillBody, 'os' | 'appVersion' | 'sdkVersion'>;

/**
 * Everything a purchase uses, for it runs the whole life of a bill: the channels, the pay server, the journal, the
 * held wait, the grant and the delivery. One object, so `createCoinslot` builds it once; each step below takes only
 * its part (`WaitDeps`, `GrantDeps`, `LaunchDeps`, `FinishDeps`).
 */
export interface PurchaseContext extends FinishDeps, CheckoutSlot {
  client: Pick<PayServerClient, 'createBill' | 'getBill' | 'report' | 'cancel' | 'launched' | 'deliver'>;
  channels: InstanceChannels;
  platform: Platform;
  /** The pay server's base URL, passed to adapters. */
  serverUrl: string;
  labels: BillLabels;
  defaultDeadlineMs: number;
  /** Bills a purchase or resume of this instance is working on right now; recovery leaves them alone. */
  activeBills: Set<string>;
  operations: Operations;
  /** Purchases paused for the player's next tap (`USER_ACTIVATION_REQUIRED`), by bill id, for `continuePurchase`. */
  paused: Map<string, CreatedPurchase>;
  /** The `popupBlocked` option. */
  popupBlocked: 'continue' | 'redirect';
}
