/** How a QR checkout ended: the player closed it, the code expired, or the channel aborted it (the bill settled). */
export type QrCheckoutOutcome = 'closed' | 'expired' | 'aborted';

/** The words of the view, for a game that shows them in another language. */
export interface QrCheckoutLabels {
  /** The close button. @default 'Close' */
  close: string;
  /** Before the time left ("Expires in 14:59"); also starts the spoken reminders. @default 'Expires in' */
  expiresIn: string;
  /** The accessible name of the QR code image. @default 'Payment QR code' */
  qrCode: string;
}

/** What `showQrCheckout` shows, and where. */
export interface QrCheckoutOptions {
  /** The text the code encodes: the provider's payment link (WeChat Pay Native's `code_url`, Alipay's `qr_code`). */
  text: string;
  /** The price in the currency's minor unit, as the bill's `amount` (1234 CNY shows ¥12.34; 500 JPY shows ¥500). */
  amount: number;
  /** The ISO 4217 currency code (`CNY`). */
  currency: string;
  /** When the code stops working: ms since the epoch (the bill's `expiresAt`) or a Date. The view ends then. */
  expiresAt: number | Date;
  /** The heading, which names the app to scan with ("Scan with WeChat"). @default 'Scan to pay' */
  title?: string;
  /** Aborting it removes the view (the channel passes its `ctx.signal`, which core aborts when the bill settles). */
  signal: AbortSignal;
  /** The document to show the view in (a popup's, an iframe's). @default globalThis.document */
  document?: Document;
  /** The locale the amount is formatted for. @default the document's `lang`, else the runtime's */
  locale?: string;
  /** Replacements for the view's words. */
  labels?: Partial<QrCheckoutLabels>;
  /**
   * A CSP nonce for the `<style>` element, which is used only where constructed stylesheets are not supported
   * (Chromium, Electron, Firefox and Safari 16.4+ adopt a constructed stylesheet, which CSP does not restrict).
   */
  nonce?: string;
}
