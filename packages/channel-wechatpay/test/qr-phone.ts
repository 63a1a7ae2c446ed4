import type { QrView, QrViewOutcome, ShowQr } from '../src/index.js';

/** A QR view the stand-in shows. */
export interface ShownCode {
  view: QrView;
  /** The player closes the view. */
  close(): void;
  /** Resolves how the view ended. */
  ended: Promise<QrViewOutcome>;
}

/**
 * A stand-in for the QR view in Node: it "shows" a code by remembering it (the drive hooks read the code's text and
 * pay it at the emulator, as a phone scanning the screen would), lets the player close it, ends `expired` at the
 * view's `expiresAt` and `aborted` when its signal aborts — the contract `@coinslot/qr`'s view follows — and leaves
 * no timer or listener behind.
 */
export interface QrPhone {
  show: ShowQr;
  /** Every code shown, by its text, latest view last. */
  readonly shown: Map<string, ShownCode>;
  /** Codes still on screen. */
  open(): ShownCode[];
}

export function qrPhone(): QrPhone {
  const shown = new Map<string, ShownCode>();
  const showing = new Set<ShownCode>();
  const show: ShowQr = (view) => {
    let close = () => {};
    const ended = new Promise<QrViewOutcome>((resolve) => {
      if (view.signal.aborted) return resolve('aborted');
      const finish = (outcome: QrViewOutcome) => {
        clearTimeout(timer);
        view.signal.removeEventListener('abort', onAbort);
        showing.delete(code);
        resolve(outcome);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('expired'), Math.max(0, view.expiresAt - Date.now()));
      view.signal.addEventListener('abort', onAbort, { once: true });
      close = () => finish('closed');
    });
    const code: ShownCode = { view, close: () => close(), ended };
    shown.set(view.text, code);
    showing.add(code);
    return ended;
  };
  return { show, shown, open: () => [...showing] };
}
