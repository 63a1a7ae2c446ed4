/** Which origins may call the pay server from a browser: a list, or `'*'` for any (development only). */
export type CorsOrigins = readonly string[] | '*';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After, WWW-Authenticate';
const MAX_AGE_SECONDS = '600';

/** Whether `text` is an origin as browsers send it: `scheme://host[:port]`, nothing more. */
export function isOrigin(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  // An app's own scheme (Electron's privileged `app://game`): browsers send it as `scheme://host`, though the URL
  // standard gives non-special schemes an opaque origin.
  if (
    /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(text) &&
    !/^(https?|file|data|blob|javascript):/.test(text)
  ) {
    return true;
  }
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}

/**
 * Checks the `corsOrigins` option: `'*'` only with development auth (a real deployment lists the origins its
 * game pages are served from); each listed origin exactly as a browser sends it (`https://game.example`, no path or
 * trailing slash). @default '*' with development auth, else `[]` (no browser origin)
 */
export function resolveCorsOrigins(origins: CorsOrigins | undefined, development: boolean): CorsOrigins {
  if (origins === undefined) return development ? '*' : [];
  if (origins === '*') {
    if (development) return '*';
    throw new TypeError(
      "Invalid corsOrigins: '*' is for development auth only — list the origins your game's pages are served from",
    );
  }
  if (!Array.isArray(origins)) throw new TypeError("Invalid corsOrigins: a list of origins, or '*' in development");
  for (const origin of origins) {
    if (!isOrigin(origin))
      throw new TypeError(
        `Invalid corsOrigins entry ${JSON.stringify(origin)}: an origin such as https://game.example (no path, no trailing slash)`,
      );
  }
  return [...origins];
}

/** The CORS headers of an ordinary answer to `request`. */
export function corsHeaders(request: Request, origins: CorsOrigins): Record<string, string> {
  if (origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSE_HEADERS };
  const origin = request.headers.get('origin');
  if (origin === null || !origins.includes(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSE_HEADERS,
    vary: 'Origin',
  };
}

/** Whether `request` is a CORS preflight. */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

/**
 * The answer to a preflight: `204` allowing `Authorization`, `Content-Type` and `Idempotency-Key` for an allowed
 * origin; for another origin a `204` without allow headers, which the browser treats as a refusal.
 */
export function preflightResponse(request: Request, origins: CorsOrigins): Response {
  const headers = corsHeaders(request, origins);
  if (headers['access-control-allow-origin'] !== undefined) {
    headers['access-control-allow-methods'] = ALLOW_METHODS;
    headers['access-control-allow-headers'] = ALLOW_HEADERS;
    headers['access-control-max-age'] = MAX_AGE_SECONDS;
  }
  return new Response(null, { status: 204, headers });
}
