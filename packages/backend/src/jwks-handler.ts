import type { PlayerTokenIssuer } from './player-token-issuer.js';

/** The media type of a JWK Set (RFC 7517 §8.5.2). */
const JWKS_TYPE = 'application/jwk-set+json';
// Five minutes: a key added for rotation reaches caches soon, and the reference pay server fetches again (at most
// every 30 s) when a token names a `kid` it has not seen.
const CACHE_CONTROL = 'public, max-age=300';

/** A web-standard request handler. */
export type WebHandler = (request: Request) => Response;

/**
 * Serves the issuer's public keys (`{ keys: [...] }`) to `GET` and `HEAD`, for the pay server's `jwksUrl`. Mount it
 * where your runtime takes a `(Request) => Response` (fetch handlers, Hono, Next.js route handlers, Deno, Bun).
 * Any other method answers `405`.
 */
export function jwksHandler(issuer: Pick<PlayerTokenIssuer, 'jwks'>): WebHandler {
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const body = JSON.stringify(issuer.jwks());
    const headers = { 'content-type': JWKS_TYPE, 'cache-control': CACHE_CONTROL };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** The part of Node's `IncomingMessage` (or Express's `req`) {@link jwksNodeHandler} reads. */
export interface NodeRequestLike {
  method?: string | undefined;
}

/** The part of Node's `ServerResponse` (or Express's `res`) {@link jwksNodeHandler} writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/**
 * {@link jwksHandler} for Node's `http` and Express: `app.get('/.well-known/jwks.json', jwksNodeHandler(issuer))`.
 * Typed by the few members it uses, so this entry imports nothing from Node.
 */
export function jwksNodeHandler(
  issuer: Pick<PlayerTokenIssuer, 'jwks'>,
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('allow', 'GET, HEAD');
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', JWKS_TYPE);
    res.setHeader('cache-control', CACHE_CONTROL);
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(issuer.jwks()));
  };
}
