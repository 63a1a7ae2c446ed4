/** The scheme the main process serves the game's pages on (`app://game/…`), registered as standard and secure. */
export const GAME_SCHEME = 'app';

/** The host of the game's pages. */
export const GAME_HOST = 'game';

/** The origin of the game's pages in Electron. */
export const GAME_ORIGIN = `${GAME_SCHEME}://${GAME_HOST}`;

/**
 * `scheme://host[:port]` of a URL, or `undefined` when it does not parse. WHATWG `URL.origin` is `"null"` for a
 * custom scheme such as `app:`, so origins are compared with this instead.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** Whether `url` is on `origin` (as {@link originOf} writes it, or any URL on that origin). */
export function isOnOrigin(url: string, origin: string): boolean {
  const expected = originOf(origin);
  return expected !== undefined && originOf(url) === expected;
}
