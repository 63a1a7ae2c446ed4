/**
 * Who tells the pay server the result of a sandbox payment:
 * - `server`: the sandbox plays the channel's server and notifies the pay server itself (like a real hosted checkout);
 * - `client`: the sandbox hands the adapter a signed receipt (a proof) and core reports it to the pay server.
 */
export type SandboxMode = 'server' | 'client';

/**
 * How the sandbox checkout shows itself:
 * - `popup`: the checkout page in a popup window (core opens it inside the click);
 * - `redirect`: the whole page navigates to the checkout and comes back to the current URL (server mode only);
 * - `headless`: no page at all; the adapter posts `headlessDecision` itself (Node, Electron main, tests).
 */
export type SandboxPresentation = 'popup' | 'redirect' | 'headless';

/** What the player (or `headlessDecision`) decides on the sandbox checkout. */
export type SandboxDecision = 'approve' | 'decline' | 'cancel';

/** Every sandbox decision, in the checkout page's button order. */
export const SANDBOX_DECISIONS: readonly SandboxDecision[] = ['approve', 'decline', 'cancel'];

/**
 * The sandbox channel's options, passed by the app as `channelOptions.sandbox`.
 *
 * @example
 * ```ts
 * createCoinslot({
 *   server: 'http://127.0.0.1:8787',
 *   channels: { sandbox: () => import('@coinslot/channel-sandbox') },
 *   channelOptions: { sandbox: { presentation: 'headless', headlessDecision: 'decline' } },
 * });
 * ```
 */
export interface SandboxOptions {
  /**
   * The result source this adapter was created with. It is fixed when the adapter is created, because core
   * reads `resultSource` before any option: for client mode load `createSandboxChannel({ mode: 'client' })`.
   * Giving a `mode` here that differs from the adapter's is refused by `init` (the channel is then skipped
   * as `unsupported`, with a message that says so) rather than silently ignored.
   * @default the adapter's mode (`server` for the default export)
   */
  mode?: SandboxMode;
  /**
   * How to show the checkout.
   * @default the presentation core chose (`ctx.presentation`): `popup` in a browser, `headless` elsewhere
   */
  presentation?: SandboxPresentation;
  /** The decision a `headless` checkout posts. @default 'approve' */
  headlessDecision?: SandboxDecision;
}

/** Settings fixed when the adapter is created, see {@link createSandboxChannel}. */
export interface SandboxChannelSettings {
  /** Who reports the result: the sandbox's "server" (default) or the adapter with a signed proof. @default 'server' */
  mode?: SandboxMode;
}
