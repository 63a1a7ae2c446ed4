import type { ResultPublicKey, ResultVerifier } from '@coinslot/protocol';
import type { Platform, ChannelLogger } from './contract/payment-interface.js';
import type { ChannelLoaders } from './channels/channel-loader.js';
import type { GrantHook } from './deliver/grant-hook.js';
import type { RevokeHook } from './deliver/revoke-hook.js';
import type { JournalStorage } from './storage/journal-storage.js';

/** Options of {@link createCoinslot}. One object; every default documented. */
export interface CoinslotOptions {
  /** The pay server's base URL, absolute (`https://pay.example.com`). */
  server: string;
  /** The app's channel loaders, keyed by channel id: `{ sandbox: () => import('my-channel-package') }`. */
  channels: ChannelLoaders;
  /** Options for each channel, keyed by channel id, passed to the adapter's `init`. */
  channelOptions?: Record<string, unknown>;
  /**
   * The pay server's public result keys to trust. Pinning them is the strongest setting, and required for a plain
   * `http://` server that is not this machine (`localhost`, `127.0.0.1`, `[::1]`): anyone on the way could swap
   * `GET /v1/keys`.
   * @default fetched once from `GET /v1/keys` on the configured server
   */
  trustedKeys?: ResultPublicKey[];
  /**
   * What checks a signed result's signature; every other rule of the check stays in core. In Node and the Electron
   * main process pass `nodeResultVerifier()` from `@coinslot/core/node-verifier`: the same answers in less CPU.
   * @default WebCrypto
   */
  verifier?: ResultVerifier;
  /**
   * The player's token: a short-lived JWT the game's backend mints for the logged-in player (`sub` = the player).
   * Core sends it as `Authorization: Bearer …` when it creates a bill, when recovery lists the player's paid bills
   * (then even without `userId`), and on calls about a bill it holds no bill token for. It is asked for once and
   * kept in memory only (never in the journal or a log); after a `401` it is asked for again and the request repeated
   * once. What it throws rejects the call as it was thrown.
   * @default none: no player token is sent (a pay server in development mode, or bills the game backend creates)
   * @example
   * ```ts
   * getPlayerToken: async () => {
   *   const response = await fetch('/api/coinslot-token', { method: 'POST', credentials: 'include' });
   *   if (!response.ok) throw new Error(`player token: ${response.status}`);
   *   return ((await response.json()) as { token: string }).token;
   * },
   * ```
   */
  getPlayerToken?: () => Promise<string> | string;
  /** The game's version, sent with every bill. */
  appVersion?: string;
  /**
   * What a purchase does when the browser would not open its checkout popup (no user activation: see
   * `docs/browsers.md`):
   * - `'continue'`: keep the bill and reject `USER_ACTIVATION_REQUIRED` (safe to show, with `billId`); the game shows
   *   a "Continue" button whose click calls `continuePurchase(billId)`;
   * - `'redirect'`: show the checkout by redirecting the whole page, when the channel supports `redirect` (the bill
   *   is resumed from the journal when the player comes back); else as `'continue'`.
   * @default 'continue'
   */
  popupBlocked?: 'continue' | 'redirect';
  /** The platform, when detection is not wanted. @default detected */
  platform?: Platform;
  /** How long a purchase waits for its result before it ends as `pending`, in ms. @default 600000 (10 minutes) */
  defaultDeadlineMs?: number;
  /** How long the server may hold one wait, in seconds (the protocol's maximum is 25). @default 25 */
  waitSeconds?: number;
  /** Retries of one HTTP request on network errors, 5xx and 429. @default 4 */
  retryLimit?: number;
  /** A logger. @default silent */
  logger?: ChannelLogger;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Where the bill journal lives: every bill is recorded before its channel launches and on every change.
   * In Node and the Electron main process pass `createFileStorage(dir)` from `@coinslot/core/node`.
   * @default IndexedDB when present, else localStorage, else memory (with a logged warning: it survives no reload)
   */
  storage?: JournalStorage;
  /**
   * Who grants the item of a paid bill.
   *
   * - `'client'`: the game client — core calls the `grant` hook (or the app grants itself and calls `deliver()`), and
   *   records the delivery on the pay server.
   * - `'server'`: the game backend — it grants on the pay server's `bill.paid` event and marks the bill delivered
   *   with its server key (`POST /v1/bills/:id/deliver`; pair it with the pay server's `auth.deliveredBy: 'server'`).
   *   Core never grants and never delivers: after a `paid` result it goes on reading the bill's signed state, within
   *   the purchase's deadline, until the backend's delivery shows — `bill-delivered`, and the purchase resolves
   *   `delivered` — or a reversal. At the deadline it resolves `paid` with `pendingReason: 'awaiting-delivery'`;
   *   `resume()` and recovery wait for the delivery later. `grant`, `revoke` and `deliver()` are refused with it (the
   *   backend also revokes, on `bill.refunded` and `bill.charged_back`); the events still tell the game.
   * @default 'client'
   */
  fulfilment?: 'client' | 'server';
  /**
   * Grant the item of a paid bill. When set, `purchase()`, `resume()` and recovery call it for every paid bill,
   * then record the delivery themselves. It must be idempotent per bill id: read {@link GrantHook}.
   * Not with `fulfilment: 'server'`.
   * @default none: the app grants `paid` results itself, calls `deliver()`, and handles `bill-recovered`
   */
  grant?: GrantHook;
  /**
   * Take back the item of a bill this journal granted (through `grant`, or the app's own grant and `deliver()`) when
   * a verified result says its payment was refunded or charged back: at most once per bill per journal. It must be
   * idempotent per bill id: read {@link RevokeHook}. Recovery finds reversals by listing the player's refunded and
   * charged-back bills, so it needs `userId` or `getPlayerToken`. Not with `fulfilment: 'server'`.
   * @default none: the `bill-refunded` and `bill-charged-back` events tell the app
   */
  revoke?: RevokeHook;
  /**
   * The player(s) whose paid-but-undelivered bills recovery asks the server for (`GET /v1/bills?user=…&state=paid`),
   * which finds bills a lost journal or another device left behind, and whose refunded and charged-back bills it
   * compares with the journal (for `revoke` and the reversal events). Often unknown at start-up: then pass it to
   * `recover({ userId })` after login. With `getPlayerToken` the token already names the player.
   * @default none: recovery lists the player token's player (with `getPlayerToken`), else only uses the journal
   */
  userId?: string | readonly string[];
  /**
   * Whether `ready()` starts recovery in the background once the channels are resolved; its report comes with the
   * `recovery-finished` event. @default true
   */
  recoverOnReady?: boolean;
}
