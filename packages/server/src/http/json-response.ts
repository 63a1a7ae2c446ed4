import type { ProtocolError } from './protocol-error.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const encoder = new TextEncoder();

/**
 * A JSON answer, with its `Content-Length` (so it is not sent chunked). Cache and CORS headers are added
 * by the server for every answer, not here.
 */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: { 'content-type': JSON_TYPE, 'content-length': String(bytes.byteLength), ...headers },
  });
}

/** The protocol's error envelope for `error`, with its status and headers. */
export function errorResponse(error: ProtocolError): Response {
  return jsonResponse(error.status, error.toEnvelope(), error.headers);
}

/** An HTML page (channel pages such as the sandbox checkout). */
export function htmlResponse(status: number, html: string, headers?: Record<string, string>): Response {
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  });
}

/**
 * Sets `headers` on `response`, copying the response when its headers are immutable
 * (a `Response` that came from `fetch` or `Response.error()`).
 */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
