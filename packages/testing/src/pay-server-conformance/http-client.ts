/** A pay server's answer, read whole. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
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
}

/** Calls one pay server over real HTTP (global `fetch`), with the suite's `Origin` and a timeout. */
export interface HttpClient {
  readonly baseUrl: string;
  readonly origin: string;
  call(path: string, init?: CallInit): Promise<Answer>;
}

/** A client for `baseUrl`; every request sends `origin` and gives up after `timeoutMs`. */
export function createHttpClient(baseUrl: string, origin: string, timeoutMs: number): HttpClient {
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
      const started = performance.now();
      const url = /^https?:/.test(path) ? path : `${baseUrl}${path}`;
      const requestInit: RequestInit & { duplex?: 'half' } = {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      };
      if (body !== undefined) requestInit.body = body;
      if (body instanceof ReadableStream) requestInit.duplex = 'half';
      const response = await fetch(url, requestInit);
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed, text, ms: performance.now() - started };
    },
  };
}
