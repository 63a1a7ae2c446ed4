/**
 * The checkout window core opens for a popup channel. Core opens it synchronously inside `purchase()` (to stay in
 * the player's click) and keeps it to itself, so the UI watches `window.open` for the length of that one call.
 * With the window in hand, Focus brings it to the front and Cancel closes it: the channel then sees the player
 * close its checkout and core cancels the bill on the pay server, as when the player closes it themselves.
 */
export function callCapturingWindow<T>(win: Window, call: () => T): { value: T; popup: Window | undefined } {
  const original = win.open;
  let popup: Window | undefined;
  win.open = function open(this: Window, ...args: Parameters<Window['open']>) {
    const opened = original.apply(win, args);
    popup ??= opened ?? undefined;
    return opened;
  };
  try {
    return { value: call(), popup };
  } finally {
    win.open = original;
  }
}

/**
 * While the bill is being created, the window core opened is blank: write a line into it (it is still the page's
 * own `about:blank`, so same-origin) so the player does not stare at an empty window. Ignored once it navigated.
 */
export function writeOpeningPage(popup: Window, lang: string, text: string): void {
  try {
    const doc = popup.document;
    if (popup.location.href !== 'about:blank' || doc.body === null) return;
    doc.documentElement.lang = lang;
    doc.title = text;
    const line = doc.createElement('p');
    line.textContent = text;
    line.setAttribute('role', 'status');
    doc.body.replaceChildren(line);
  } catch {
    // Navigated to the checkout's origin already: nothing to write.
  }
}

/**
 * Bring the checkout window of a purchase started before a reload to the front, found by the name core opens it
 * under (`coinslot-<channel>`). `window.open('', name)` answers an open window of that name without navigating
 * it, or opens a new blank one: that one is closed again and the answer is `false` (no checkout window).
 */
export function focusNamedWindow(win: Window, name: string): boolean {
  const found = win.open('', name);
  if (!found) return false;
  let blank = false;
  try {
    blank = found.location.href === 'about:blank';
  } catch {
    // Another origin: the provider's checkout, so a window that was open.
  }
  if (blank) {
    found.close();
    return false;
  }
  found.focus();
  return true;
}
