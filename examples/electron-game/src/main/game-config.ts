import { GAME_ORIGIN } from '../shared/game-origin.js';

/** The pay server when `COINSLOT_PAY_SERVER` is not set: the one `npm start` runs. */
export const DEFAULT_PAY_SERVER = 'http://127.0.0.1:8787';

/**
 * The pay server's base URL for this run: `$COINSLOT_PAY_SERVER`, else {@link DEFAULT_PAY_SERVER}. Throws a
 * `TypeError` for anything but an absolute http(s) URL. A shipped game would build its production URL in.
 */
export function readPayServer(env: Record<string, string | undefined>): string {
  const value = env.COINSLOT_PAY_SERVER ?? DEFAULT_PAY_SERVER;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new TypeError(`COINSLOT_PAY_SERVER must be an absolute http(s) URL without query, got ${JSON.stringify(value)}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The game page's URL: the renderer learns the pay server from its `payServer` query parameter. */
export function gamePageUrl(payServer: string, origin: string = GAME_ORIGIN): string {
  return `${origin}/index.html?payServer=${encodeURIComponent(payServer)}`;
}
