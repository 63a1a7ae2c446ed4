import type { QrCheckoutLabels } from './qr-checkout-options.js';
import { createQrSvg } from './qr-svg.js';

/** The parts of the view that change after it is built. */
export interface QrDialog {
  dialog: HTMLDialogElement;
  closeButton: HTMLButtonElement;
  /** The visible time left (role timer: not announced on its own). */
  timeLeft: HTMLElement;
  /** The polite live region for the spoken reminders. */
  spoken: HTMLElement;
}

let views = 0;

/**
 * The view's markup: a `<dialog>` (opened with `showModal()`: the page behind is inert, Escape cancels it) named by
 * its title and described by the amount and the time left, holding the QR code, and a close button.
 */
export function createQrDialog(
  doc: Document,
  content: { title: string; text: string; amount: string; labels: QrCheckoutLabels },
): QrDialog {
  const id = `coinslot-qr-${(views += 1)}-${Math.random().toString(36).slice(2, 8)}`;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
    const node = doc.createElement(tag);
    node.className = `coinslot-qr__${className}`;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const dialog = doc.createElement('dialog');
  dialog.className = 'coinslot-qr';
  const dialogAttributes = {
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-amount ${id}-countdown`,
  };
  for (const [name, value] of Object.entries(dialogAttributes)) dialog.setAttribute(name, value);

  const title = element('h2', 'title', content.title);
  title.id = `${id}-title`;
  const code = createQrSvg(doc, content.text, content.labels.qrCode);
  code.setAttribute('class', 'coinslot-qr__code');
  const amount = element('p', 'amount', content.amount);
  amount.id = `${id}-amount`;
  const countdown = element('p', 'countdown', `${content.labels.expiresIn} `);
  countdown.id = `${id}-countdown`;
  const timeLeft = element('span', 'time-left');
  timeLeft.setAttribute('role', 'timer');
  countdown.append(timeLeft);
  const spoken = element('p', 'spoken');
  spoken.setAttribute('aria-live', 'polite');
  const closeButton = element('button', 'close', content.labels.close);
  closeButton.type = 'button';

  dialog.append(title, code, amount, countdown, spoken, closeButton);
  return { dialog, closeButton, timeLeft, spoken };
}
