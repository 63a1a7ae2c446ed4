import { jsonBytesResponse } from './bytes-response.js';
import type { ProtocolError } from './protocol-error.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const encoder = new TextEncoder();

type JsonAnswer = (status: number, body: unknown, headers?: Record<string, string>) => Response;

const webResponse: JsonAnswer = (status, body, headers) => {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: { 'content-type': JSON_TYPE, 'content-length': String(bytes.byteLength), ...headers },
  });
};

let current: JsonAnswer = webResponse;

/**
 * A JSON answer, with its `Content-Length` (so it is not sent chunked). Cache and CORS headers are added
 * by the server for every answer, not here. A real `Response`, unless `serveNode` runs in the process: then a
 * `BytesResponse`, which Node writes in one piece without building a web stream.
 */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return current(status, body, headers);
}

/**
 * JSON answers as `BytesResponse`s from now on, in this process: what `serveNode` installs (≈ 20–30 µs of CPU less
 * per answer on Node 20, docs/performance.md). Process-wide like its signer and HMAC switches; internal.
 */
export function useBytesResponses(): void {
  current = jsonBytesResponse;
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
