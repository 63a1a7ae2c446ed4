import { isResultKey, type ResultPublicKey } from '@coinslot/protocol';
import { readFile } from 'node:fs/promises';
import { GAME_ORIGIN } from '../shared/game-origin.js';

/**
 * What the main process needs to know, from a file that ships with the app (`game-config.json` next to its
 * `package.json`) — never from the environment, the command line or the renderer, which a player or a compromised
 * page could point elsewhere.
 */
export interface GameConfig {
  /** The pay server's base URL. */
  payServer: string;
  /** The game backend's base URL: the main process logs in there and gets player tokens. */
  gameBackend: string;
  /** The pay server's public result keys, pinned: results signed by any other key are refused. */
  trustedKeys: ResultPublicKey[];
}

/** The config file's name, in the app's folder (`app.getAppPath()`). */
export const GAME_CONFIG_FILE = 'game-config.json';

function baseUrl(name: string, value: unknown): string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new TypeError(
      `${GAME_CONFIG_FILE}: ${name} must be an absolute http(s) URL without query, got ${JSON.stringify(value)}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Check a parsed config; throws a `TypeError` naming the first bad field. */
export function parseGameConfig(value: unknown): GameConfig {
  const config = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const keys = config.trustedKeys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((key) => isResultKey(key) && !('d' in (key as object)))
  ) {
    throw new TypeError(
      `${GAME_CONFIG_FILE}: trustedKeys must be a non-empty list of the pay server's public keys (GET /v1/keys), with kid and alg`,
    );
  }
  return {
    payServer: baseUrl('payServer', config.payServer),
    gameBackend: baseUrl('gameBackend', config.gameBackend),
    trustedKeys: keys.map((key: ResultPublicKey) => ({ ...key })),
  };
}

/** Read and check the config file the app ships with. */
export async function readGameConfig(file: string): Promise<GameConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TypeError(`${GAME_CONFIG_FILE} is missing at ${file}: the app ships it (npm start writes it)`, {
      cause: error,
    });
  }
  return parseGameConfig(JSON.parse(text));
}

/** The game page's URL. It carries nothing: the renderer asks the main process for the pay server (`window.game.payServer()`). */
export function gamePageUrl(origin: string = GAME_ORIGIN): string {
  return `${origin}/index.html`;
}
