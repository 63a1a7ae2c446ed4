/** What every QR view is given: the code's text, and the signal that takes the view down. */
interface QrViewInput {
  text: string;
  signal: AbortSignal;
}

/** Where the control asks the shop's server to play the phone (server/emulator-scan-route.ts). */
const SCAN_ROUTE = '/api/emulators/scan';

/**
 * Wrap a QR view (`@coinslot/qr`'s `showQrCheckout`) so that, against an emulator, its dialog also holds a
 * development control: **Scan and pay (emulator)**. There is no phone here to scan the code with, so the button asks
 * the shop's server, whose emulator pays the order and notifies the pay server as the provider would after a real
 * scan. The control sits inside the dialog because the dialog is modal: the page behind it is inert. It decides
 * nothing: the adapter still waits for the pay server, and the coins still come from the backend's webhook.
 */
export function withEmulatorScan<I extends QrViewInput, O>(show: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return (input) => {
    const outcome = show(input);
    // The checkout UI's view loads @coinslot/qr on first use, so its dialog may open a moment later: look for it
    // until it is there (for at most 5 s, or until the view is taken down).
    const attach = (tries: number) => {
      const dialogs = document.querySelectorAll<HTMLDialogElement>('dialog.coinslot-qr[open]');
      const dialog = dialogs[dialogs.length - 1];
      if (dialog) dialog.append(scanControl(input.text, input.signal));
      else if (tries > 0 && !input.signal.aborted) setTimeout(() => attach(tries - 1), 50);
    };
    attach(100);
    return outcome;
  };
}

/** The control: a note, the button, and a polite status line. */
function scanControl(code: string, signal: AbortSignal): HTMLElement {
  const box = document.createElement('div');
  box.className = 'emulator-scan';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Development: emulator');
  const note = document.createElement('p');
  note.textContent = 'Development: no phone here. The emulator can scan this code and pay.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Scan and pay (emulator)';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  box.append(note, button, status);

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Paying on the emulated phone…';
    try {
      const response = await fetch(SCAN_ROUTE, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        signal,
      });
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      if (!response.ok) throw new Error(body.error?.message ?? `the shop answered ${response.status}`);
      status.textContent = 'Paid on the emulated phone: waiting for the pay server…';
    } catch (error) {
      if (signal.aborted) return;
      status.textContent = `The emulator could not pay: ${error instanceof Error ? error.message : String(error)}`;
      button.disabled = false;
    }
  });
  return box;
}
