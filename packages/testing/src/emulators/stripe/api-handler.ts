import type { IncomingMessage, ServerResponse } from 'node:http';
import { callApi } from './api-routes.js';
import { apiKeyOf, readText, redactKey, sendJson } from './emulator-http.js';
import { decodeFormParams } from './form-params.js';
import { StripeApiError } from './stripe-api-error.js';
import { stripeId } from './stripe-ids.js';
import type { StripeLedger } from './stripe-ledger.js';

/** A POST answered once under an `Idempotency-Key`, and the request it answered. */
interface IdempotentAnswer {
  request: string;
  status: number;
  body: unknown;
}

/** What the API handler needs. */
export interface ApiHandlerOptions {
  ledger: StripeLedger;
  secretKey: string;
  /** Told the `Stripe-Version` of each request. */
  onVersion(version: string): void;
}

/**
 * Serves `/v1/…` as Stripe does: the secret key (`Authorization: Bearer sk_…`) or `401`; parameters form-encoded
 * with bracket keys (the body of a POST, the query of a GET); a POST repeated with the same `Idempotency-Key`
 * answers the first answer again (`Idempotent-Replayed: true`), and with other parameters `400 idempotency_error`;
 * errors in Stripe's envelope with a `Request-Id`.
 */
export function apiHandler(options: ApiHandlerOptions) {
  const answered = new Map<string, IdempotentAnswer>();
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const requestId = stripeId('req', 14);
    const headers = { 'request-id': requestId };
    const fail = (error: StripeApiError) => sendJson(response, error.status, error.toJSON(), headers);
    const key = apiKeyOf(request);
    if (key === undefined)
      return fail(new StripeApiError(401, 'You did not provide an API key. Provide it as a Bearer token.'));
    if (key !== options.secretKey) return fail(new StripeApiError(401, `Invalid API Key provided: ${redactKey(key)}`));
    const version = request.headers['stripe-version'];
    if (typeof version === 'string') options.onVersion(version);
    const method = request.method ?? 'GET';
    const text = method === 'POST' ? await readText(request) : url.search.slice(1);
    const idempotencyKey = method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const signature = `${url.pathname}?${text}`;
    if (typeof idempotencyKey === 'string') {
      const earlier = answered.get(`${key} ${idempotencyKey}`);
      if (earlier && earlier.request !== signature)
        return fail(
          new StripeApiError(
            400,
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            { type: 'idempotency_error' },
          ),
        );
      if (earlier)
        return sendJson(response, earlier.status, earlier.body, { ...headers, 'idempotent-replayed': 'true' });
    }
    let status = 200;
    let body: unknown;
    try {
      const params = decodeFormParams(new URLSearchParams(text));
      body = callApi(options.ledger, { method, path: url.pathname, params });
    } catch (error) {
      const apiError =
        error instanceof StripeApiError
          ? error
          : new StripeApiError(400, error instanceof Error ? error.message : String(error));
      status = apiError.status;
      body = apiError.toJSON();
    }
    if (typeof idempotencyKey === 'string' && status < 500)
      answered.set(`${key} ${idempotencyKey}`, { request: signature, status, body });
    sendJson(response, status, body, headers);
  };
}
