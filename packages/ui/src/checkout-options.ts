import type { Bill, Coinslot, JournalStorage, PurchaseRequest, PurchaseResult } from '@coinslot/core';
import type { QrCheckoutOptions, QrCheckoutOutcome } from '@coinslot/qr';
import type { ChannelDisplay } from './channel-display.js';
import type { CheckoutMessages } from './messages.js';

/** What {@link mountCheckout} is given. */
export interface CheckoutUiOptions {
  /** The game's Coinslot instance. Mount before calling its `ready()`: the UI hears the recovery that starts. */
  coinslot: Coinslot;
  /**
   * The language of the UI's words: `zh-CN` (also `zh`, `zh-Hans`) for Simplified Chinese, anything else English.
   * @default the document's `lang`
   */
  locale?: string;
  /** Replace any of the UI's words (per locale: pass the ones for the locale you chose). */
  messages?: Partial<CheckoutMessages>;
  /** Names and icons of channels, by id; over the built-in ones (sandbox, stripe, alipay, wechatpay, steam). */
  channels?: Readonly<Record<string, ChannelDisplay>>;
  /** Show the channel picker in the mount element. Turn it off to draw your own (e.g. in a Phaser scene). @default true */
  picker?: boolean;
  /** Hears the player's choice of channel (to show prices in its currency). */
  onChannelChange?: (channel: string) => void;
  /** How the confirmation names what was bought. @default the bill's amount ("US$4.99") */
  itemName?: (bill: Bill) => string;
  /**
   * The pay server's URL, as given to core. With it, a Buy also asks the server whether it is up (`GET /v1/channels`),
   * so a server that is down shows an error in a moment instead of after core's retries (seconds).
   */
  server?: string;
  /**
   * The storage given to core (its bill journal). With it, the UI reads the journal once (never writes it) and, when a
   * purchase was left unfinished, tells the player right away ("Finishing your purchase from last time…") and keeps a
   * second Buy from starting while that checkout may still be open. Without it, the player hears of it when it ends.
   */
  storage?: JournalStorage;
  /** Hears each error a purchase ended with (for your developer log); the player sees a message of the UI's. */
  onError?: (error: unknown) => void;
  /** A CSP nonce for the `<style>` fallback (browsers without constructed stylesheets). */
  nonce?: string;
}

/** What {@link CheckoutUiOptions.channels} and a buy need: a purchase without the channel (the picker's) and signal. */
export type CheckoutRequest = Omit<PurchaseRequest, 'channel' | 'signal'> & { channel?: string };

/** The mounted checkout UI. */
export interface CheckoutUi {
  /**
   * Buy with the picked channel (or `request.channel`). Call it inside the player's click: core opens a checkout
   * window synchronously. Shows each step, then the result; never rejects (errors are shown to the player and
   * resolved as `undefined`). While a purchase is open — this one, or one from last time still finishing — it
   * starts nothing and shows the open one instead (Focus / Cancel), resolving `undefined`.
   */
  buy(request: CheckoutRequest): Promise<PurchaseResult | undefined>;
  /** The picked channel, once `ready()` listed the channels. */
  selected(): string | undefined;
  /** The ready channels, in the order the picker lists them (empty until `ready()`). */
  channels(): readonly string[];
  /** Whether a purchase is open (started here and not ended). */
  busy(): boolean;
  /**
   * A QR view for the QR channels (`createAlipayChannel({ qrView: ui.qrView })`, WeChat Pay's `showQr`): the code,
   * the amount and a countdown in the UI's words, tied to the open purchase.
   */
  qrView(input: QrCheckoutOptions): Promise<QrCheckoutOutcome>;
  /** Take the UI out of the page and stop listening to core. */
  destroy(): void;
}
