/**
 * @coinslot/qr: the QR checkout view the QR channels share (WeChat Pay Native, Alipay precreate) — the payment
 * code, the amount and a countdown in an accessible modal dialog, in a browser page or an Electron renderer.
 */
export { formatAmount } from './format-amount.js';
export type { QrCheckoutLabels, QrCheckoutOptions, QrCheckoutOutcome } from './qr-checkout-options.js';
export { QR_CHECKOUT_CSS } from './qr-styles.js';
export { showQrCheckout } from './show-qr-checkout.js';
