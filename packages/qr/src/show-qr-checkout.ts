import { formatTimeLeft, isSpokenStep, runCountdown } from './countdown.js';
import { formatAmount } from './format-amount.js';
import type { QrCheckoutLabels, QrCheckoutOptions, QrCheckoutOutcome } from './qr-checkout-options.js';
import { createQrDialog } from './qr-dialog.js';
import { useQrStyles } from './qr-styles.js';

const DEFAULT_LABELS: QrCheckoutLabels = { close: 'Close', expiresIn: 'Expires in', qrCode: 'Payment QR code' };

/**
 * Shows a payment QR code with the amount and the time left in a modal dialog, until the player closes it
 * ('closed': the close button or Escape), the code expires at `expiresAt` ('expired') or `signal` aborts
 * ('aborted'). The view removes itself in every case and gives the focus back to where it was. Resolves at once,
 * showing nothing, when `signal` is already aborted or `expiresAt` has passed; rejects (showing nothing) when there
 * is no document or `currency` is not a currency code.
 */
export function showQrCheckout(options: QrCheckoutOptions): Promise<QrCheckoutOutcome> {
  const { signal } = options;
  const doc = options.document ?? globalThis.document;
  if (doc === undefined) {
    return Promise.reject(new TypeError('showQrCheckout needs a document: run it in a page or pass `document`'));
  }
  let amount: string;
  try {
    amount = formatAmount(options.amount, options.currency, options.locale ?? (doc.documentElement.lang || undefined));
  } catch (error) {
    return Promise.reject(error);
  }
  const expiresAt = Number(options.expiresAt);
  if (signal.aborted) return Promise.resolve('aborted');
  if (!(expiresAt > Date.now())) return Promise.resolve('expired');

  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const view = createQrDialog(doc, { title: options.title ?? 'Scan to pay', text: options.text, amount, labels });
  return new Promise((resolve) => {
    const listening = new AbortController();
    const on = { signal: listening.signal };
    const focusBefore = doc.activeElement as HTMLElement | null;
    const releaseStyles = useQrStyles(doc, options.nonce);
    let stopCountdown = () => {};

    const finish = (outcome: QrCheckoutOutcome) => {
      if (listening.signal.aborted) return;
      listening.abort();
      stopCountdown();
      if (view.dialog.open) view.dialog.close();
      view.dialog.remove();
      releaseStyles();
      if (focusBefore?.isConnected && typeof focusBefore.focus === 'function') focusBefore.focus();
      resolve(outcome);
    };

    signal.addEventListener('abort', () => finish('aborted'), on);
    view.closeButton.addEventListener('click', () => finish('closed'), on);
    // Escape: 'cancel' (which we take over), or straight 'close' when the browser skips 'cancel'.
    view.dialog.addEventListener('cancel', (event) => (event.preventDefault(), finish('closed')), on);
    view.dialog.addEventListener('close', () => finish('closed'), on);

    // The time left is written before the dialog opens, so a screen reader reads it with the dialog's description.
    let shownSeconds: number | undefined;
    stopCountdown = runCountdown(
      expiresAt,
      (seconds) => {
        view.timeLeft.textContent = formatTimeLeft(seconds);
        if (shownSeconds !== undefined && isSpokenStep(shownSeconds, seconds)) {
          view.spoken.textContent = `${labels.expiresIn} ${formatTimeLeft(seconds)}`;
        }
        shownSeconds = seconds;
      },
      () => finish('expired'),
    );
    if (listening.signal.aborted) return; // expired in the meantime

    (doc.body ?? doc.documentElement).append(view.dialog);
    view.dialog.showModal();
    view.closeButton.focus();
  });
}
