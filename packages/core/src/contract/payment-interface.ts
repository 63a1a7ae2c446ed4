import type { Bill, LaunchPayload } from '@coinslot/protocol';
import type { CheckoutWindow } from './checkout-window.js';

/** The version of the adapter contract this core implements. Adapters declare the one they were written for. */
export const SPEC_VERSION = 1 as const;

/** Where a channel can run. */
export type Platform = 'web' | 'electron-renderer' | 'electron-main' | 'node';

/** How a channel shows itself to the player. */
export type Presentation = 'popup' | 'redirect' | 'embedded' | 'native' | 'headless';

/** What a channel declares it can do. Core and the conformance suite hold it to these claims. */
export interface ChannelCapabilities {
  /** The platforms the adapter runs on. */
  platforms: readonly Platform[];
  /** The presentation modes the adapter supports; the first is its default. */
  presentations: readonly Presentation[];
  /**
   * Whether `pay` must start inside a user gesture (a click), e.g. to open a popup.
   * When true and the presentation is `popup`, core opens the window synchronously in `purchase()`
   * and hands it over as `ctx.window`.
   */
  needsUserGesture: boolean;
}

/** A minimal logger core hands to adapters; messages are prefixed with the channel id. */
export interface ChannelLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What an adapter may learn about its environment, in `isAvailable` and `init`. */
export interface EnvironmentContext {
  /** The platform core detected (or the app declared). */
  platform: Platform;
  /** The pay server's base URL, e.g. `https://pay.example.com`. */
  serverUrl: string;
  /** A logger for this channel. */
  logger: ChannelLogger;
}

/**
 * What core hands an adapter for one payment. Adapters talk to core only through this object.
 *
 * @typeParam TOptions - the channel's own options, as in {@link PaymentInterface}.
 */
export interface PayContext<TOptions = unknown> extends EnvironmentContext {
  /** The bill the pay server created for this purchase. */
  bill: Readonly<Bill>;
  /** The channel's launch payload from the pay server's driver, untouched. */
  launch: Readonly<LaunchPayload>;
  /**
   * Aborted when the caller gives up, core is disposed, the purchase's deadline passes, or the purchase ends
   * (whatever its outcome, also after `pay()` resolved). Adapters must stop and clean up then.
   */
  signal: AbortSignal;
  /** The presentation core chose from the adapter's capabilities and the app's options. */
  presentation: Presentation;
  /**
   * A window core opened synchronously inside the user's gesture (named `coinslot-<channel id>`), when the channel
   * asked for a popup; a DOM `Window`. Core never hands one to a purchase while another purchase of the same
   * instance has its checkout open.
   */
  window?: CheckoutWindow | null;
  /**
   * The app's options for this channel: `channelOptions[id]` of the instance making this payment, the value its
   * `init` got. Core always sets the member, to `undefined` when the app gave none. Read them here rather than
   * keeping `init`'s: one adapter object may serve several Coinslot instances, each with its own options.
   */
  options?: TOptions;
}

/**
 * How the adapter's part of a payment ended.
 * - `launched`: the channel is running; for a `server` result source core now holds the wait on the pay server.
 * - `proof`: a `client` result source got a proof from the channel; core reports it to the pay server.
 * - `cancelled`: the player closed or cancelled the channel before paying; core asks the server to cancel the bill
 *   (the server refuses if it was paid meanwhile, and core then reports the payment).
 */
export type PayOutcome =
  | { kind: 'launched' }
  | { kind: 'proof'; proof: Record<string, unknown> }
  | { kind: 'cancelled'; reason?: string };

/**
 * The adapter contract: a plain object every channel package provides, usually as its default export
 * through {@link defineChannel}. Core owns the lifecycle and the events; an adapter only launches its channel.
 *
 * @typeParam TOptions - the channel's own options, passed by the app in `channelOptions[id]`.
 */
export interface PaymentInterface<TOptions = unknown> {
  /** The adapter contract version this adapter was written for; core skips others as `version-mismatch`. */
  readonly specVersion: typeof SPEC_VERSION;
  /** The channel id, matching the pay server's driver: lower-case letters, digits and dashes (`sandbox`, `stripe`). */
  readonly id: string;
  /**
   * Who tells the pay server the result:
   * - `server`: the channel's server notifies the pay server (secure); the adapter only launches.
   * - `client`: the channel's client SDK returns a proof; core reports it and the server verifies it.
   */
  readonly resultSource: 'server' | 'client';
  /** What the adapter can do. */
  readonly capabilities: ChannelCapabilities;
  /**
   * Whether the channel can work here (WeChat Pay only inside WeChat, Steam only with Steam running).
   * Must not throw for "no"; return `false`. Called once by `ready()`.
   */
  isAvailable(ctx: EnvironmentContext): boolean | Promise<boolean>;
  /** One-time set-up (load the vendor script, read options). Called once after `isAvailable` said yes. */
  init?(ctx: EnvironmentContext, options: TOptions | undefined): void | Promise<void>;
  /**
   * Launch the channel for one bill. Resolve when the adapter's part is done (see {@link PayOutcome});
   * reject with an error when the channel could not be launched. Must honour `ctx.signal`.
   */
  pay(ctx: PayContext<TOptions>): Promise<PayOutcome>;
  /** Release everything the adapter holds (listeners, windows, scripts). Called when core is disposed. */
  dispose?(): void | Promise<void>;
}
