/** A pay server's answer, read whole. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the server under test sent; checks read it defensively
  body: any;
  /** The raw body text. */
  text: string;
  /** Time from sending to the end of the body, in ms. */
  ms: number;
}

/** One request: `json` is serialised with `Content-Type: application/json`. */
export interface CallInit {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Leave out the suite's `Origin` header. */
  noOrigin?: boolean;
  /**
   * The credential to send as `Authorization: Bearer …`, or `null` for none. @default the one the client's
   * {@link CredentialPolicy} picks for the request (an `authorization` in `headers` wins over both)
   */
  credential?: string | null;
}

/** A request as a {@link CredentialPolicy} sees it: the URL, the method and the JSON body when there is one. */
export interface OutgoingRequest {
  url: URL;
  method: string;
  json: unknown;
}

/** Which credential a request carries by default, and what the client learns from answers (bill tokens). */
export interface CredentialPolicy {
  credentialFor(request: OutgoingRequest): Promise<string | undefined>;
  observe(request: OutgoingRequest, answer: Answer): void;
}

/** Calls one pay server over real HTTP (global `fetch`), with the suite's `Origin` and a timeout. */
export interface HttpClient {
  readonly baseUrl: string;
  readonly origin: string;
  call(path: string, init?: CallInit): Promise<Answer>;
}

/**
 * A kept-alive connection the server closed (e.g. across a restart) fails before the request reaches it. Every
 * request the suite sends is safe to repeat under the protocol (creates carry their key; the rest are idempotent),
 * so such a failure is retried once.
 */
function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  return (
    error instanceof TypeError &&
    (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || cause?.message === 'other side closed')
  );
}

/** A client for `baseUrl`; every request sends `origin`, the credential `policy` picks, and gives up after `timeoutMs`. */
export function createHttpClient(
  baseUrl: string,
  origin: string,
  timeoutMs: number,
  policy?: CredentialPolicy,
): HttpClient {
  return {
    baseUrl,
    origin,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!init.noOrigin) headers.set('origin', origin);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      const url = /^https?:/.test(path) ? path : `${baseUrl}${path}`;
      const method = init.method ?? (body === undefined ? 'GET' : 'POST');
      const outgoing: OutgoingRequest = { url: new URL(url), method, json: init.json };
      if (!headers.has('authorization')) {
        const credential = init.credential === undefined ? await policy?.credentialFor(outgoing) : init.credential;
        if (credential != null) headers.set('authorization', `Bearer ${credential}`);
      }
      const started = performance.now();
      const requestInit: RequestInit & { duplex?: 'half' } = {
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      };
      if (body !== undefined) requestInit.body = body;
      if (body instanceof ReadableStream) requestInit.duplex = 'half';
      const response = await fetch(url, requestInit).catch((error: unknown) => {
        if (!isStaleConnection(error) || body instanceof ReadableStream) throw error;
        return fetch(url, { ...requestInit, signal: AbortSignal.timeout(timeoutMs) });
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const answer: Answer = {
        status: response.status,
        headers: response.headers,
        body: parsed,
        text,
        ms: performance.now() - started,
      };
      policy?.observe(outgoing, answer);
      return answer;
    },
  };
}
