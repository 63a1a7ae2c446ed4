// The shop backend's answers: JSON, never cached, errors as { error: { code, message } }.

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });

/** An error answer: `{ error: { code, message } }`. */
export const error = (status: number, code: string, message: string, headers: Record<string, string> = {}): Response =>
  json(status, { error: { code, message } }, headers);

/** A POST the page sent as JSON: cross-site, such a request needs a CORS preflight, which this backend never grants. */
export const isJsonPost = (request: Request): boolean =>
  request.method === 'POST' && /^application\/json\b/i.test(request.headers.get('content-type') ?? '');
