import { isOnOrigin } from '../shared/game-origin.js';

/** The window name core gives the checkout popup it opens inside the click (`coinslot-<channel id>`). */
export const CHECKOUT_WINDOW_NAME = 'coinslot-sandbox';

/** What `setWindowOpenHandler` is told about a `window.open`. */
export interface WindowOpenRequest {
  url: string;
  frameName: string;
}

/** Which windows and navigations the main process allows. */
export interface WindowPolicy {
  /** `setWindowOpenHandler`: may the game open this window? */
  mayOpen(request: WindowOpenRequest): boolean;
  /** `will-navigate` / `will-redirect` of the checkout popup: may it go there? */
  popupMayNavigate(url: string): boolean;
  /** `will-navigate` of the game's window: may it go there? */
  gameMayNavigate(url: string): boolean;
}

/**
 * The game's window policy. The game may open a window only on the pay server's origin — or an empty one named
 * `coinslot-sandbox`: core opens the checkout popup as `about:blank` inside the click (so no popup blocker stops
 * it) and the sandbox channel then sends it to the checkout page, a navigation `popupMayNavigate` allows only to
 * the pay server. The game's own window never leaves the game's origin.
 */
export function createWindowPolicy(options: { gameOrigin: string; payServer: string }): WindowPolicy {
  const onPayServer = (url: string) => isOnOrigin(url, options.payServer);
  return {
    mayOpen: ({ url, frameName }) => onPayServer(url) || (url === 'about:blank' && frameName === CHECKOUT_WINDOW_NAME),
    popupMayNavigate: onPayServer,
    gameMayNavigate: (url) => isOnOrigin(url, options.gameOrigin),
  };
}
