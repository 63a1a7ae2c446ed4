import type { GameApi } from '../shared/bridge-contract.js';

/**
 * `window.game`, the API the preload exposes. Throws a clear error when the page runs without the game's preload
 * (opened in a plain browser, or the preload failed).
 */
export function gameBridge(window: Window): GameApi {
  const game = (window as Window & { game?: GameApi }).game;
  const methods = ['grant', 'coins', 'payServer', 'playerToken'] as const;
  if (!game || methods.some((method) => typeof game[method] !== 'function')) {
    throw new Error('window.game is missing: this page runs only inside the game, with its preload script.');
  }
  return game;
}
