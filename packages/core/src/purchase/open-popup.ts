import type { CheckoutWindow } from '../contract/checkout-window.js';
import type { PaymentInterface, Platform, Presentation } from '../contract/payment-interface.js';
import { hasUserActivation } from './user-activation.js';

/** The presentation for a channel: the app's `channelOptions[id].presentation` when the adapter supports it, else its first. */
export function choosePresentation(adapter: PaymentInterface<unknown>, channelOptions: unknown): Presentation {
  const wanted = (channelOptions as { presentation?: unknown } | undefined)?.presentation;
  const supported = adapter.capabilities.presentations;
  return supported.includes(wanted as Presentation) ? (wanted as Presentation) : supported[0]!;
}

/** Whether a purchase on this channel shows a checkout window core opens inside the click. */
export function usesWindow(
  adapter: PaymentInterface<unknown>,
  presentation: Presentation,
  platform: Platform,
): boolean {
  return (
    adapter.capabilities.needsUserGesture &&
    presentation === 'popup' &&
    (platform === 'web' || platform === 'electron-renderer')
  );
}

/**
 * Open an empty popup now, synchronously, while the player's click is still the active user gesture
 * (browsers block a popup opened after an await). Only for a channel that {@link usesWindow} and a page with
 * `window.open`. `null` means the browser blocked it, or the page has no user activation now (then it is not even
 * tried, on the web: it would be blocked).
 */
export function openPopup(channel: string, platform: Platform): CheckoutWindow | null | undefined {
  const host = (globalThis as { window?: { open?: (...args: string[]) => CheckoutWindow | null } }).window;
  if (typeof host?.open !== 'function') return undefined;
  if (platform === 'web' && !hasUserActivation()) return null;
  return host.open('about:blank', `coinslot-${channel}`, 'popup,width=480,height=720') ?? null;
}

/** Close a popup core opened, ignoring one that is already closed or belongs to another origin now. */
export function closePopup(popup: CheckoutWindow | null | undefined): void {
  try {
    if (popup && !popup.closed) popup.close();
  } catch {
    // Nothing more to do for a window we cannot touch.
  }
}
