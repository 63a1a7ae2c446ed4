import type { PaymentInterface, Platform, Presentation, ResultPublicKey } from '@coinslot/core';
import type { HttpHandler } from 'msw';
import type { PayServerDoubleOptions } from '../double/pay-server-double.js';
import type { ConformanceDrive, ConformanceScenario } from './drive-context.js';

export type { ConformanceDrive, ConformanceScenario, DriveContext } from './drive-context.js';

/** Where the suite runs the adapter. */
export interface ConformanceEnvironment {
  /** The platform core and `isAvailable` are told; it must be one the adapter declares. */
  platform: Platform;
  /**
   * Makes the window handed to a `needsUserGesture` channel as `ctx.window` (a real `window.open('about:blank')` in
   * a browser, or a stand-in object). Any window will do: where core opens a popup inside the click, the suite
   * passes this one through core as that popup, so core opens no other. @default none: `user-gesture-window` does not apply
   */
  window?: () => Window | null;
  /** The presentations to exercise. @default every presentation the adapter declares */
  presentations?: readonly Presentation[];
}

/** Anything msw can add handlers to: a `setupServer()` or a started `setupWorker()`. */
export interface MswInterceptor {
  use(...handlers: HttpHandler[]): void;
}

/** A pay server the suite starts before its checks and stops after them. */
export interface StartedPayServer {
  /** Its base URL. */
  url: string;
  /** Its public result keys. @default fetched by core from `GET /v1/keys` */
  trustedKeys?: ResultPublicKey[];
  /** Stops it. */
  close?(): void | Promise<void>;
}

/**
 * The pay server the suite buys from:
 * - `{ double?, intercept? }` (the default): a {@link PayServerDouble} scripted per scenario, on msw — the suite's
 *   own `setupServer()` in Node, or the `intercept` you pass (in a browser: your started `setupWorker()`);
 * - `{ url, trustedKeys? }`: a running server speaking protocol v1 with a driver for your channel;
 * - `{ start }`: a server the suite starts and stops, e.g. `{ start: startPayServer }` from `@coinslot/server`.
 */
export type ConformanceServer =
  | { double?: PayServerDoubleOptions; intercept?: MswInterceptor }
  | { url: string; trustedKeys?: ResultPublicKey[] }
  | { start(): Promise<StartedPayServer> };

/** The item every purchase buys. */
export interface ConformancePurchase {
  /** @default 'conformance-item' */
  itemId?: string;
  /** In minor units. @default 100 */
  amount?: number;
  /** @default 'USD' */
  currency?: string;
  /** @default 1 */
  quantity?: number;
}

/** The suite's clocks, in ms. */
export interface ConformanceTiming {
  /** The deadline of each purchase; a purchase nobody settles ends `pending` then. @default 10000 */
  purchaseMs?: number;
  /** How soon `pay()` must settle once `ctx.signal` aborted. @default 1000 */
  abortSettleMs?: number;
  /** How late the `slow` scenario's result arrives. @default 1500 */
  slowMs?: number;
  /** How long after `dispose` the suite waits before it looks for timers, listeners and windows left behind. @default 100 */
  leakGraceMs?: number;
  /** The test timeout of each check. @default 60000 */
  testMs?: number;
}

/** The id of one check; see `CONFORMANCE_CHECKS` for what each one asserts. */
export type ConformanceCheckId =
  | 'shape'
  | 'spec-version'
  | 'id-format'
  | 'capabilities'
  | 'is-available'
  | 'is-available-platforms'
  | 'loads-in-core'
  | 'approve'
  | 'decline'
  | 'cancel'
  | 'abort'
  | 'slow-result'
  | 'duplicate-result'
  | 'presentations'
  | 'user-gesture-window'
  | 'dispose'
  | 'no-unhandled-rejections';

/** Options of `runChannelConformance`. One object; only `name`, `channel` and `environment` are required. */
export interface ChannelConformanceOptions {
  /** Shown in the report: `channel conformance: <name>`. */
  name: string;
  /** Makes a fresh adapter. Called once per check, so no state leaks from one check to the next. */
  // biome-ignore lint/suspicious/noExplicitAny: any adapter, whatever its channel-specific options type
  channel: () => PaymentInterface<any> | Promise<PaymentInterface<any>>;
  /** Where the adapter runs. */
  environment: ConformanceEnvironment;
  /** The pay server. @default a pay-server double on msw, scripted per scenario */
  server?: ConformanceServer;
  /** The adapter's options (`channelOptions[id]`, what `init` gets) in each scenario. @default undefined */
  channelOptions?: (scenario: ConformanceScenario) => unknown;
  /** How to make the checkout approve, decline or cancel. @default nothing: the options or the double decide */
  drive?: ConformanceDrive;
  /** The item bought. @default 100 USD of `conformance-item` */
  purchase?: ConformancePurchase;
  /** The suite's clocks. */
  timing?: ConformanceTiming;
  /** Checks not to run, each with the reason the report shows: `{ 'user-gesture-window': 'tested in e2e' }`. @default none */
  skip?: Partial<Record<ConformanceCheckId, string>>;
}
