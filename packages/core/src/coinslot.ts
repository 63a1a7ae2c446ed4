import type { CreateBillResponse } from '@coinslot/protocol';
import type { ChannelResolution } from './channels/channel-resolution.js';
import type { DeliverOptions, DeliverResult } from './deliver/deliver-bill.js';
import type { CoinslotEventMap, CoinslotEventName } from './events/event-map.js';
import type { PurchaseBillOptions } from './purchase/purchase-bill.js';
import type { PurchaseRequest } from './purchase/purchase-request.js';
import type { RecoverOptions } from './recovery/recover-options.js';
import type { ResumeOptions } from './recovery/resume-bill.js';
import type { PurchaseResult } from './results/purchase-result.js';
import type { RecoveryReport } from './results/recovery-report.js';

export type { DeliverOptions, DeliverResult, PurchaseBillOptions, ResumeOptions };

/** A listener of one Coinslot event. */
export type CoinslotListener<E extends CoinslotEventName> = (payload: CoinslotEventMap[E]) => void;

/** The SDK instance {@link createCoinslot} returns. */
export interface Coinslot {
  /**
   * Load every channel (all loaders in parallel), check them and sort them into ready and skipped.
   * Memoised: later calls answer the same resolution. Emits `channel-loaded` / `channel-skipped` per channel.
   * Call it early (before the player's click) so `purchase()` can open a popup inside the gesture.
   * The first call then starts {@link Coinslot.recover} in the background (unless `recoverOnReady: false`);
   * it does not wait for it: `recovery-finished` brings its report.
   */
  ready(): Promise<ChannelResolution>;
  /**
   * Buy an item: create the bill, launch the channel, wait for the signed result and verify it.
   * Resolves with `paid`, `declined`, `cancelled`, `expired`, `refunded`, `charged_back` or `pending` — and with
   * `fulfilment: 'server'`, `delivered` once the game backend delivered it; rejects with a {@link CoinslotError}.
   *
   * Call it synchronously in the player's click for a channel that shows a popup (see `docs/browsers.md`):
   * - no user activation → rejects `USER_ACTIVATION_REQUIRED` (safe to show, with the kept bill's `billId`): show a
   *   "Continue" button whose click calls {@link Coinslot.continuePurchase}; or set `popupBlocked: 'redirect'`;
   * - another purchase's checkout window of this instance still open → rejects `PURCHASE_IN_PROGRESS` at once,
   *   naming that bill in `billId`; nothing is created, and the open checkout goes on untouched.
   */
  purchase(request: PurchaseRequest): Promise<PurchaseResult>;
  /**
   * Buy with a bill your game backend created (`createPayServerClient(…).createBill(…)` in `@coinslot/backend`, with
   * its server key): pass the create's answer, `{ bill, launch, billToken }`, untouched. Core reads the bill with its
   * token (a token the server refuses rejects with `PayServerError` `UNAUTHENTICATED`, nothing launched), journals
   * it with the token, launches `bill.channel` with `launch`, then waits, verifies, grants and delivers as
   * {@link Coinslot.purchase} does; a bill no longer `created` is only waited for, like {@link Coinslot.resume}.
   * Needs no `getPlayerToken`: the bill token reaches that one bill. Rejects with `INVALID_REQUEST` for a malformed
   * answer and `CHANNEL_UNAVAILABLE` when its channel is not ready.
   */
  purchaseBill(created: CreateBillResponse, options?: PurchaseBillOptions): Promise<PurchaseResult>;
  /**
   * Go on with a purchase that rejected `USER_ACTIVATION_REQUIRED`: the browser would not open its checkout window
   * (no user activation: a `pointerdown` on touch, a call after a long await…), so core kept the bill, created and
   * journalled, instead of failing it. Call this **synchronously inside the player's next tap or click** (a `click`,
   * `keydown`/`keyup` or `pointerup` listener, before any await) with the error's `billId`: it opens the window now,
   * then launches, waits and finishes like the purchase would have, resolving as {@link Coinslot.purchase} does.
   * Rejects `USER_ACTIVATION_REQUIRED` again when there is still no activation (the bill stays kept),
   * `PURCHASE_IN_PROGRESS` while another checkout is open, and `INVALID_REQUEST` for a bill that is not paused here.
   * A bill never continued expires on the pay server; recovery then records it so.
   */
  continuePurchase(billId: string): Promise<PurchaseResult>;
  /**
   * Wait again for the signed result of a bill, e.g. one that ended `pending` or survived a reload. The bill is
   * recorded in the journal; a wait that ends without a result leaves it `pending` with the reason. A paid result
   * is granted and delivered like a purchase's (with `fulfilment: 'server'`: waited for until the backend delivers
   * it, e.g. a bill that ended `paid` with `pendingReason: 'awaiting-delivery'`), a reversed one told like a
   * purchase's.
   */
  resume(billId: string, options?: ResumeOptions): Promise<PurchaseResult>;
  /**
   * Record that the game granted the item (paid → delivered). Safe to repeat. Emits `bill-delivered`.
   * Only needed without the `grant` option: with it, core delivers after granting. The journal then counts the bill
   * as granted here, so its reversal is offered to `revoke`. Rejects with `INVALID_REQUEST` with
   * `fulfilment: 'server'`, where the game backend delivers.
   */
  deliver(billId: string, options?: DeliverOptions): Promise<DeliverResult>;
  /**
   * Finish what a crash, a reload or another device left behind: resume every unsettled bill in the journal and
   * every paid-but-undelivered bill the server lists for `userId` (from the call, else the `userId` option, else —
   * with `getPlayerToken` — the player token's player);
   * each paid one is granted and delivered (with `grant`) or announced with `bill-recovered` (without), or with
   * `fulfilment: 'server'` waited for until the game backend delivers it. For the same players it compares their
   * refunded and charged-back bills with the journal: each reversal the journal had not recorded is told
   * (`bill-refunded`, `bill-charged-back`) and a bill this journal granted is offered to `revoke`, once.
   * Never rejects for one bill; the report says what happened to each, and `recovery-finished` carries it too.
   */
  recover(options?: RecoverOptions): Promise<RecoveryReport>;
  /** Subscribe to an event; returns a function that removes the listener. */
  on<E extends CoinslotEventName>(event: E, listener: CoinslotListener<E>): () => void;
  /** Remove a listener added with {@link Coinslot.on}. */
  off<E extends CoinslotEventName>(event: E, listener: CoinslotListener<E>): void;
  /** Dispose every adapter, abort in-flight purchases and waits (they reject with `DISPOSED`), remove listeners. */
  dispose(): Promise<void>;
}
