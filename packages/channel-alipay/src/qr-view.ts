/** What the QR view needs: the code's text, the price, the deadline, and the signal that takes it down. */
export interface QrViewInput {
  /** The text to encode: the `qr_code` of Alipay's precreate. */
  text: string;
  /** The amount in minor units (fen). */
  amount: number;
  /** `CNY`. */
  currency: string;
  /** When the code stops being payable (the bill's `expiresAt`), ms since epoch: the countdown's end. */
  expiresAt: number;
  /** The view's heading. */
  title?: string;
  /** Aborting it removes the view; the promise then resolves `aborted`. */
  signal: AbortSignal;
  /** The document to draw in. @default globalThis.document */
  document?: Document;
}

/**
 * Shows a payment QR code until the player closes it (`closed`), the countdown ends (`expired`) or `signal` aborts
 * (`aborted`). `@coinslot/qr`'s `showQrCheckout` is the default; a game (or a test) may pass its own view.
 */
export type QrView = (input: QrViewInput) => Promise<'closed' | 'expired' | 'aborted'>;

/** The shared QR checkout view of `@coinslot/qr`, loaded when a QR code is first shown (a separate chunk in bundles). */
export async function loadQrView(): Promise<QrView> {
  const qr = (await import('@coinslot/qr')) as { showQrCheckout?: QrView };
  if (typeof qr.showQrCheckout !== 'function') throw new Error('@coinslot/qr has no showQrCheckout');
  return qr.showQrCheckout;
}
