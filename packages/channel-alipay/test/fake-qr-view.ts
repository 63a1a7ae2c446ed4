import type { QrView, QrViewInput } from '../src/index.js';

/** One QR code the fake view shows. */
export interface ShownQr {
  input: QrViewInput;
  open: boolean;
  /** The player closes the view. */
  close(): void;
  /** The countdown ends. */
  expire(): void;
}

/**
 * A stand-in for `@coinslot/qr`'s view in Node (no DOM here): it records what the adapter asked to show and ends
 * the way the real one does — `closed`, `expired`, or `aborted` when the signal aborts (removing its listener).
 */
export function fakeQrView(): { view: QrView; shown: ShownQr[]; showing(text: string): ShownQr | undefined } {
  const shown: ShownQr[] = [];
  const view: QrView = (input) =>
    new Promise((resolve) => {
      const end = (how: 'closed' | 'expired' | 'aborted') => {
        if (!qr.open) return;
        qr.open = false;
        input.signal.removeEventListener('abort', onAbort);
        resolve(how);
      };
      const onAbort = () => end('aborted');
      const qr: ShownQr = { input, open: true, close: () => end('closed'), expire: () => end('expired') };
      shown.push(qr);
      if (input.signal.aborted) return end('aborted');
      input.signal.addEventListener('abort', onAbort, { once: true });
    });
  return { view, shown, showing: (text) => shown.find((qr) => qr.open && qr.input.text === text) };
}
