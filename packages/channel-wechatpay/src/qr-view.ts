/**
 * How the QR code is shown: `@coinslot/qr`'s `showQrCheckout` by default (the code with the amount and a countdown,
 * in a browser page or an Electron renderer), or the game's own function with the same shape (a terminal, a native
 * window, a test's stand-in).
 */

/** What a QR view shows, and the signal that takes it down. */
export interface QrView {
  /** The text to encode: the order's `weixin://` code URL. */
  text: string;
  /** The bill's amount, in minor units (fen). */
  amount: number;
  /** The bill's currency (`CNY`). */
  currency: string;
  /** When the code stops being payable (the bill's `expiresAt`, ms since epoch): the countdown's end. */
  expiresAt: number;
  /** A heading over the code. */
  title?: string;
  /** Takes the view down when aborted; the view then resolves `'aborted'`. */
  signal: AbortSignal;
}

/**
 * How the view ended: the player closed it, its countdown ran out, or `signal` took it down. It must remove
 * everything it added (elements, listeners, timers) before it resolves.
 */
export type QrViewOutcome = 'closed' | 'expired' | 'aborted';

/** Shows a QR view until one of {@link QrViewOutcome} happens. */
export type ShowQr = (view: QrView) => Promise<QrViewOutcome>;

/**
 * `@coinslot/qr`'s view, loaded on first use (so the QR drawing code is in its own chunk, and importing this
 * package touches no DOM).
 */
export const showQrCheckout: ShowQr = async (view) => (await import('@coinslot/qr')).showQrCheckout(view);
