import type { ChannelCapabilities, EnvironmentContext, PayContext, PaymentInterface, PayOutcome } from '@coinslot/core';

/**
 * What the mock channel's `pay()` does:
 * - `launched`: resolves `{ kind: 'launched' }` (the pay server's channel decides the result);
 * - `proof`: resolves `{ kind: 'proof', proof: { mock: true, billId } }` (core reports it);
 * - `cancelled`: resolves `{ kind: 'cancelled', reason: 'cancelled' }` (the player closed the checkout);
 * - `throws`: rejects with an `Error` (the channel could not launch);
 * - `hangs`: never settles by itself; rejects with `ctx.signal.reason` when the signal aborts;
 * - `{ proof }`, `{ cancelled: reason }`, `{ throws: error }`: the same with your own value.
 */
export type MockPayOutcome =
  | 'launched'
  | 'proof'
  | 'cancelled'
  | 'throws'
  | 'hangs'
  | { proof: Record<string, unknown> }
  | { cancelled: string }
  | { throws: unknown };

/** Options of {@link createMockChannel}. One object; every field optional. */
export interface MockChannelOptions {
  /** The channel id (the pay server needs a driver with this id). @default 'mock' */
  id?: string;
  /** What `pay()` does; a function decides per payment. @default 'launched' */
  outcome?: MockPayOutcome | ((ctx: PayContext) => MockPayOutcome);
  /** The adapter's result source. @default 'client' when `outcome` is a proof, else 'server' */
  resultSource?: 'server' | 'client';
  /** How long `pay()` takes before it settles, in ms (an abort still ends it at once). @default 0 */
  delayMs?: number;
  /** The declared capabilities, merged over the defaults. @default every platform, `['headless']`, no user gesture */
  capabilities?: Partial<ChannelCapabilities>;
  /** What `isAvailable()` answers on the declared platforms (elsewhere it answers false). @default true */
  available?: boolean | ((ctx: EnvironmentContext) => boolean);
}

/**
 * The options the app may pass in `channelOptions[id]`; `init` applies them, so a test can script the
 * mock through `createCoinslot({ channelOptions: { mock: { outcome: 'cancelled' } } })`.
 */
export interface MockChannelInitOptions {
  /** Replaces the outcome given at creation. */
  outcome?: MockPayOutcome;
}

/** One call the mock channel received. */
export interface MockChannelCall {
  /** Which method. */
  method: 'isAvailable' | 'init' | 'pay' | 'dispose';
  /** The context core passed (`isAvailable`, `init`, `pay`). */
  ctx?: EnvironmentContext | PayContext;
  /** The options `init` received. */
  options?: unknown;
  /** What `pay()` resolved with, once it did. */
  outcome?: PayOutcome;
  /** What `pay()` rejected with, once it did. */
  error?: unknown;
  /** Whether `pay()` has settled. */
  settled: boolean;
}

/** A scripted {@link PaymentInterface} for game tests that records every call. */
export interface MockChannel extends PaymentInterface<MockChannelInitOptions> {
  /** Every call, oldest first. */
  readonly calls: readonly MockChannelCall[];
  /** Only the `pay()` calls. */
  readonly payments: readonly MockChannelCall[];
  /** Whether `dispose()` was called. */
  readonly disposed: boolean;
  /** Change what the next payments do. */
  setOutcome(outcome: MockPayOutcome | ((ctx: PayContext) => MockPayOutcome)): void;
}
