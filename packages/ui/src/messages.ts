/** Every word the checkout UI shows. Functions take what the sentence is about (an item, a channel, a time). */
export interface CheckoutMessages {
  /** The picker's legend. */
  payWith: string;
  /** While the bill is being created and the checkout opened. */
  opening: string;
  /** The waiting view's heading and its explanation. */
  waitingTitle: string;
  waitingText: (channel: string) => string;
  /** The waiting view's buttons: bring the checkout window to the front, and cancel the purchase. */
  focus: string;
  cancel: string;
  /** Shown when Focus finds no checkout window any more. */
  windowGone: string;
  /** Hide the dialog while the purchase goes on (its accessible name; the button shows ×). */
  hide: string;
  /** The bar shown while a hidden purchase goes on, and its button that shows it again. */
  inProgress: string;
  show: string;
  /** A second Buy while a purchase is open: the open one is shown instead. */
  alreadyOpen: string;
  /**
   * The browser would not open the checkout window (no user activation: a `pointerdown` on touch, a call after an
   * await): one more tap on Continue opens it.
   */
  continueTitle: string;
  continueText: string;
  continueAction: string;
  /** After the checkout: the pay server is confirming the result. */
  confirming: string;
  /** The QR view's heading, its close button, "Expires in", and the code's accessible name. */
  scanWith: (channel: string) => string;
  close: string;
  expiresIn: string;
  qrCode: string;
  /** The delivered confirmation. */
  deliveredTitle: string;
  deliveredText: (item: string) => string;
  /** Paid, the game has not added the item yet. */
  paidTitle: string;
  paidText: (item: string) => string;
  declinedTitle: string;
  declinedText: string;
  cancelledTitle: string;
  expiredTitle: string;
  nothingCharged: string;
  pendingTitle: string;
  pendingText: string;
  refundedTitle: string;
  refundedText: string;
  /** Errors: a heading, then the SDK's message when it is safe to show (English), else one of these. */
  errorTitle: string;
  networkError: string;
  unavailableError: string;
  genericError: string;
  /** The recovery notice, and what it says once the purchase from last time is delivered. */
  recovering: string;
  recoveredDelivered: (item: string) => string;
  /** The dialog's dismiss button. */
  ok: string;
}

/** The locales the UI ships. Any other locale falls back to English (its messages can still be given). */
export type BuiltInLocale = 'en' | 'zh-CN';
