import type { Bill, LaunchPayload, Presentation } from '@coinslot/core';
import type { PayServerDouble } from '../double/pay-server-double.js';

/**
 * The purchase the suite is running, as {@link ChannelConformanceOptions.channelOptions} and the drive hooks see it:
 * - `approve`, `decline`, `cancel`: the player approves, declines or cancels in the channel's checkout;
 * - `abort`: the game aborts the purchase while the checkout is open (nobody decides);
 * - `slow`: the player approves, and the result reaches the client late;
 * - `duplicate`: the player approves, and the approval is delivered twice (drive.approve runs twice).
 */
export type ConformanceScenario = 'approve' | 'decline' | 'cancel' | 'abort' | 'slow' | 'duplicate';

/** What a drive hook receives: the checkout the adapter just launched. */
export interface DriveContext {
  /** The scenario being run. */
  scenario: ConformanceScenario;
  /** The bill the pay server created. */
  bill: Readonly<Bill>;
  /** The channel's launch payload, as the adapter got it. */
  launch: Readonly<LaunchPayload>;
  /** The pay server's base URL. */
  serverUrl: string;
  /** The presentation core chose. */
  presentation: Presentation;
  /** The window the adapter was handed, if any. */
  window?: Window | null;
  /** The adapter's `ctx.signal`: aborted when the purchase ends. */
  signal: AbortSignal;
  /** The pay-server double, when the suite runs on it: `ctx.double.settle(ctx.bill.id, 'cancelled')` plays the channel's server. */
  double?: PayServerDouble;
}

/**
 * How the suite makes the channel's checkout decide, the way a player would (click Approve in the popup,
 * post a message…). Each hook runs while the adapter's `pay()` is in progress. A channel whose decision is set
 * through its options (the sandbox's `headlessDecision`) leaves them out and uses `channelOptions` instead.
 */
export interface ConformanceDrive {
  /** Approve the payment. Also runs for `slow`, and twice for `duplicate`. @default nothing */
  approve?(ctx: DriveContext): void | Promise<void>;
  /** Decline the payment. @default nothing */
  decline?(ctx: DriveContext): void | Promise<void>;
  /** Cancel the checkout (close it). @default nothing */
  cancel?(ctx: DriveContext): void | Promise<void>;
}
