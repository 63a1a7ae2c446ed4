import type { GameApi } from '../shared/bridge-contract.js';

/**
 * `window.game`, the API the preload exposes. Throws a clear error when the page runs without the game's preload
 * (opened in a plain browser, or the preload failed).
 */
export function gameBridge(window: Window): GameApi {
  const game = (window as Window & { game?: GameApi }).game;
  if (typeof game?.grant !== 'function' || typeof game.coins !== 'function') {
    throw new Error('window.game is missing: this page runs only inside the game, with its preload script.');
  }
  return game;
}

/** The pay server's base URL, from the page's `payServer` query parameter (set by the main process). */
export function payServerOf(pageUrl: string): string {
  const value = new URL(pageUrl).searchParams.get('payServer') ?? '';
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`The game page needs ?payServer=<http(s) URL>, got ${JSON.stringify(value)}.`);
  }
  return url.href.replace(/\/+$/, '');
}
