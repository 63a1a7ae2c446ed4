import type { KeyResolver } from '@coinslot/protocol';
import type { PayServerClient } from './client/pay-server-client.js';
import type { ChannelLogger, Platform } from './contract/payment-interface.js';
import type { CoinslotEmitter } from './events/coinslot-emitter.js';
import type { ChannelResolution } from './factory/channel-resolution.js';
import type { GrantHook } from './grant/grant-types.js';
import type { BillJournal } from './journal/bill-journal.js';

/** What one Coinslot instance shares with its purchase, resume and delivery flows. Internal. */
export interface CoinslotRuntime {
  client: PayServerClient;
  keys: KeyResolver;
  emitter: CoinslotEmitter;
  /** Core's own logger, prefixed `[coinslot]`. */
  logger: ChannelLogger;
  /** A logger prefixed with the channel id, for adapters. */
  channelLogger(channel: string): ChannelLogger;
  platform: Platform;
  os: string | undefined;
  serverUrl: string;
  appVersion: string | undefined;
  channelOptions: Record<string, unknown>;
  waitSeconds: number;
  defaultDeadlineMs: number;
  /** The bill journal of this pay server. */
  journal: BillJournal;
  /** The app's grant hook; without it the app grants and delivers itself. */
  grant: GrantHook | undefined;
  /** Bills a purchase or resume of this instance is working on right now; recovery leaves them alone. */
  activeBills: Set<string>;
  /** Aborted by `dispose()` with a `DISPOSED` error. */
  disposeSignal: AbortSignal;
  ready(): Promise<ChannelResolution>;
  /** The resolution when `ready()` has already finished, so `purchase()` can decide on a popup synchronously. */
  resolved(): ChannelResolution | undefined;
}
