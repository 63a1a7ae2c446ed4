import type { SteamError } from './steam-txn-values.js';

/** What one emulated web API call answers: an HTTP status, a content type and a body. */
export interface SteamAnswer {
  status: number;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=UTF-8';

/** Steam's JSON envelope for a success: `{ "response": { "result": "OK", "params": {…} } }` (HTTP 200). */
export function okAnswer(params: Record<string, unknown>): SteamAnswer {
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ response: { result: 'OK', params } }) };
}

/**
 * Steam's JSON envelope for a refusal: `{ "response": { "result": "Failure", "params"?: {…}, "error": { "errorcode",
 * "errordesc" } } }`, still HTTP 200 — a MicroTxn refusal is an answer, not a transport error.
 */
export function failureAnswer(error: SteamError, params?: Record<string, unknown>): SteamAnswer {
  const response = { result: 'Failure', ...(params ? { params } : {}), error };
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ response }) };
}

/**
 * The HTML page Steam's web API serves for a transport-level error: `403` for a missing or wrong `key`, `404` for an
 * unknown interface or method, `405` for the wrong HTTP verb, `5xx` when it is down.
 */
export function htmlAnswer(status: number): SteamAnswer {
  const titles: Record<number, [string, string]> = {
    403: ['Forbidden', 'Access is denied. Retrying will not help. Please verify your <pre>key=</pre> parameter.'],
    404: ['Not Found', 'Method not found.'],
    405: ['Method Not Allowed', 'This API must be called with a different HTTP verb.'],
  };
  const [title, text] = titles[status] ?? ['Service Unavailable', 'The service is temporarily unavailable.'];
  const body = `<html><head><title>${title}</title></head><body><h1>${title}</h1>${text}</body></html>`;
  return { status, contentType: HTML_TYPE, body };
}
