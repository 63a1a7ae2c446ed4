import type { PaymentInterface, Platform, Presentation } from '../contract/payment-interface.js';

/** The presentation for a channel: the app's `channelOptions[id].presentation` when the adapter supports it, else its first. */
export function choosePresentation(adapter: PaymentInterface<unknown>, channelOptions: unknown): Presentation {
  const wanted = (channelOptions as { presentation?: unknown } | undefined)?.presentation;
  const supported = adapter.capabilities.presentations;
  return supported.includes(wanted as Presentation) ? (wanted as Presentation) : supported[0]!;
}

/**
 * Open an empty popup now, synchronously, while the player's click is still the active user gesture
 * (browsers block a popup opened after an await). Only when the channel needs a gesture, shows itself
 * as a popup and runs in a browser. `null` means the browser blocked it.
 */
export function openPopup(
  adapter: PaymentInterface<unknown>,
  presentation: Presentation,
  platform: Platform,
): Window | null | undefined {
  if (!adapter.capabilities.needsUserGesture || presentation !== 'popup') return undefined;
  if (platform !== 'web' && platform !== 'electron-renderer') return undefined;
  const open = (globalThis as { window?: { open?: Window['open'] } }).window?.open;
  if (typeof open !== 'function') return undefined;
  return open.call(globalThis.window, 'about:blank', `coinslot-${adapter.id}`, 'popup,width=480,height=720') ?? null;
}

/** Close a popup core opened, ignoring one that is already closed or belongs to another origin now. */
export function closePopup(popup: Window | null | undefined): void {
  try {
    if (popup && !popup.closed) popup.close();
  } catch {
    // Nothing more to do for a window we cannot touch.
  }
}
