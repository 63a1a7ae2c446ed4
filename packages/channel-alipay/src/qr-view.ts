import type { QrCheckoutOptions, QrCheckoutOutcome } from '@coinslot/qr';

/** What the QR view is given: the code's text, the price, the deadline and the signal that takes it down. */
export type QrViewInput = QrCheckoutOptions;

/**
 * Shows a payment QR code until the player closes it (`closed`), the countdown ends (`expired`) or `signal` aborts
 * (`aborted`). `@coinslot/qr`'s `showQrCheckout` is the default; a game (or a test) may pass its own view.
 */
export type QrView = (input: QrViewInput) => Promise<QrCheckoutOutcome>;

/** `@coinslot/qr`'s view, loaded when a QR code is first shown (a chunk of its own in a game's bundle). */
export async function loadQrView(): Promise<QrView> {
  return (await import('@coinslot/qr')).showQrCheckout;
}
