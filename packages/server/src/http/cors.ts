/** Which origins may call the pay server from a browser: a list, or `'*'` for any. */
export type CorsOrigins = readonly string[] | '*';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After';
const MAX_AGE_SECONDS = '600';

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
 * The answer to a preflight: `204` allowing `Content-Type` and `Idempotency-Key` for an allowed origin;
 * for another origin a `204` without allow headers, which the browser treats as a refusal.
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
