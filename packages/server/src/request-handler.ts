import { corsHeaders, isPreflight, preflightResponse } from './http/cors.js';
import { errorResponse, withHeaders } from './http/json-response.js';
import { ProtocolError } from './http/protocol-error.js';
import { route } from './router.js';
import type { ServerContext } from './server-context.js';

/**
 * The outer layer every request goes through: refusal while closing, CORS (with preflights),
 * `Cache-Control: no-store`, and the error envelope for anything thrown — an unexpected error answers
 * `500 INTERNAL` without its details. Counts requests in progress so `close()` can wait for them.
 */
export class RequestHandler {
  #accepting = true;
  #inFlight = 0;
  #idle: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly ctx: ServerContext) {}

  async handle(request: Request): Promise<Response> {
    this.#inFlight += 1;
    let response: Response;
    try {
      if (!this.#accepting) throw new ProtocolError('UNAVAILABLE', 'the pay server is stopping');
      response = isPreflight(request)
        ? preflightResponse(request, this.ctx.options.corsOrigins)
        : await route(request, new URL(request.url), this.ctx);
    } catch (error) {
      response = this.#failure(request, error);
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) {
        this.#idle?.resolve();
        this.#idle = undefined;
      }
    }
    return withHeaders(response, {
      ...corsHeaders(request, this.ctx.options.corsOrigins),
      'cache-control': 'no-store',
    });
  }

  /** From now on every request answers `503 UNAVAILABLE`. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Resolves once no request is in progress. */
  drained(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    if (!this.#idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.#idle = { promise, resolve };
    }
    return this.#idle.promise;
  }

  #failure(request: Request, error: unknown): Response {
    if (ProtocolError.isInstance(error)) return errorResponse(error);
    this.ctx.options.logger.error('request failed', { method: request.method, url: request.url, error: String(error) });
    return errorResponse(new ProtocolError('INTERNAL', 'the pay server failed; nothing was half-applied'));
  }
}
