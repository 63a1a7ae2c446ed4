import type { PopupHost } from './popup-checkout.js';

/**
 * The page's location as a checkout uses it: where the game is, and a way to go to the checkout. Structural, so core's
 * declarations need no DOM library (a Node-only TypeScript project compiles them).
 */
export interface GameLocation {
  readonly href: string;
  assign(url: string): void;
}

/** The game's window as a checkout uses it: it opens popups, hears their messages and navigates the page. */
export type GameWindow = PopupHost & { location: GameLocation };

/**
 * The game's window — `globalThis.window` when it can open popups — or `undefined` where there is none (Node, a
 * worker, the Electron main process). Read it when the adapter needs it, in `isAvailable` and `pay`: never at import,
 * so the adapter's module stays safe to import on a server.
 */
export function gameWindow(): GameWindow | undefined {
  const candidate = (globalThis as { window?: GameWindow }).window;
  return typeof candidate?.open === 'function' ? candidate : undefined;
}
